package store

import (
	"strings"
	"testing"
)

// Bangladesh's mobiles written nationally (01711000001) are also Indian
// landlines (0171 1000001), Pakistan's (03001234567) Indian numbers of an
// area 300: before, such returns were keyed under India's plan, inferred
// from numbers India's plan reads. Now the two plans compete: the cells'
// country (MCC 470, 410) settles it; without cells the file is refused
// naming both keys; into a case of India's plan it is refused naming
// --country. An Indian return beside them keeps India's plan (its bare
// mobiles are no Bangladeshi number).
func TestNumberingPlanFromCells(t *testing.T) {
	bd := "Party A,Party B,Call Type,Start Time,Duration,Cell ID,IMEI\n" +
		"01711000001,01911234567,MOC,2024-03-18 10:15:02,75,470-01-1234-5678,356789012345678\n" +
		"01711000001,1811223344,MTC,2024-03-18 11:00:00,30,470-01-1234-5679,356789012345678\n"
	st := openTemp(t)
	res := importText(t, st, "gp.csv", bd)
	if res.Error != "" || res.Rows != 2 || !strings.Contains(res.Keys, "numbering plan BD (inferred from") ||
		!strings.Contains(res.Keys, "gp.csv's cells: every cell sampled is on Bangladesh's networks (MCC 470); its numbers fit BD's plan") {
		t.Fatalf("%+v", res)
	}
	if got := voiceKeys(t, st); got[2] != "8801711000001 8801911234567" || got[3] != "8801711000001 8801811223344" {
		t.Errorf("keys: %v", got)
	}

	pk := "Party A,Party B,Call Type,Start Time,Duration,Cell ID\n" +
		"03001234567,03211234567,MOC,2024-03-18 10:15:02,75,410-01-1234-5678\n" +
		"03001234567,3451234567,MTC,2024-03-18 11:00:00,30,410-01-1234-5678\n"
	st = openTemp(t)
	res = importText(t, st, "jazz.csv", pk)
	if res.Error != "" || res.Rows != 2 || !strings.Contains(res.Keys, "every cell sampled is on Pakistan's networks (MCC 410); its numbers fit PK's plan") {
		t.Fatalf("%+v", res)
	}
	if got := voiceKeys(t, st); got[2] != "923001234567 923211234567" || got[3] != "923001234567 923451234567" {
		t.Errorf("keys: %v", got)
	}

	noCells := "Party A,Party B,Call Type,Start Time,Duration\n" +
		"01711000001,01911234567,MOC,2024-03-18 10:15:02,75\n"
	if res := importText(t, openTemp(t), "nocells.csv", noCells); !strings.Contains(res.Error, "01711000001 is written without a country code and would be 911711000001 under IN") ||
		!strings.Contains(res.Error, "8801711000001 under BD") {
		t.Fatalf("not refused: %+v", res)
	}

	india := "MSISDN,Call Type,Other Party,Start Time,Duration,Cell ID\n" +
		"9812345678,OUT,01123456789,2024-03-18 10:15:02,75,404-10-1234-5678\n" +
		"9812345678,IN,9811122233,2024-03-18 11:00:00,30,404-10-1234-5678\n"
	st = openTemp(t)
	res = importText(t, st, "airtel.csv", india)
	if res.Error != "" || !strings.Contains(res.Keys, "numbering plan IN") {
		t.Fatalf("%+v", res)
	}
	if got := voiceKeys(t, st); got[2] != "919812345678 911123456789" {
		t.Errorf("keys: %v", got)
	}
	res = importText(t, st, "gp.csv", bd)
	if !strings.Contains(res.Error, "every cell sampled is on Bangladesh's networks (MCC 470); 01711000001 would get key 911711000001 under IN but 8801711000001 under BD. Import it with --country BD") {
		t.Fatalf("a Bangladeshi return into an Indian case: %+v", res)
	}
}
