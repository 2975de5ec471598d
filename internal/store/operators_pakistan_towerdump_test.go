package store

import (
	"strings"
	"testing"
)

// Two Pakistani tower dumps as the public loader for Pakistani police
// names their columns (values chosen here). Zong's gives the dialling and
// the dialled number (DLG_NO, DLD_NO), each one's IMEI (CLG_IMEI, and
// CLD_IMIE so spelt), the direction as O or I (DIR_FLG) and the duration
// as DRTN: the subscriber on the cell is the dialling number of an O
// record and the dialled number of an I record, with that party's IMEI —
// never the other party's. Before, the file was refused for want of a
// subscriber column; with the numbers alone read, an I record would have
// carried the caller's IMEI. Ufone's gives A_Number, B_Number and
// CALL_INBOUND_OUTBOUND_DESC (Outgoing, Incoming); before, every record was
// rejected for want of a direction.
var pakistaniTowerDumps = map[string]string{
	"zong_bts.csv": "DLD_NO,CLD_IMIE,DLG_NO,CLG_IMEI,DIR_FLG,CLR_OEPRATOR,DRTN,STRT_TM,LAC_id,Cell_id\n" +
		"923001234567,356938035643809,923151234567,359876543210982,O,Zong,65,14-03-2024 09:15:00,6011,21345\n" +
		"923151111111,351111111111119,923009876543,352222222222220,I,Jazz,30,14-03-2024 10:00:00,6011,21345\n",
	"ufone_bts.csv": "CALL_START_DT,IMEI,IMSI,A_Number,B_Number,Call_Start_Time,Call_Duration,Cell_ID,CALL_INBOUND_OUTBOUND_DESC,LOCATION\n" +
		"14/03/2024,356938035643809,410031234567890,923331234567,923001234567,14/03/2024 09:15:00,65,6011-21345,Outgoing,G-9 Islamabad\n" +
		"14/03/2024,351111111111119,410031111111111,923332222222,923003333333,14/03/2024 10:00:00,30,6011-21345,Incoming,G-9 Islamabad\n",
}

func TestPakistanTowerDumps(t *testing.T) {
	// line subscriber other type start duration cell imei imsi
	want := map[string][]string{
		"zong_bts.csv": {
			"2 923151234567 923001234567 VOICE_OUT 2024-03-14T09:15:00 65 6011-21345 359876543210982 ",
			"3 923151111111 923009876543 VOICE_IN 2024-03-14T10:00:00 30 6011-21345 351111111111119 ",
		},
		"ufone_bts.csv": {
			"2 923331234567 923001234567 VOICE_OUT 2024-03-14T09:15:00 65 6011-21345 356938035643809 410031234567890",
			"3 923003333333 923332222222 VOICE_IN 2024-03-14T10:00:00 30 6011-21345 351111111111119 410031111111111",
		},
	}
	for name, text := range pakistaniTowerDumps {
		st := openTemp(t)
		res := importText(t, st, name, text)
		if res.Error != "" || res.Rows != 2 || res.Rejected != 0 || !strings.Contains(res.Keys, "numbering plan PK") {
			t.Fatalf("%s: %+v", name, res)
		}
		got := voiceLines(t, st, false)
		if strings.Join(got, "\n") != strings.Join(want[name], "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(want[name], "\n"))
		}
	}
}

// Zong's tower dump with national numbers (03151234567) and cells with no
// MCC: the numbers alone read under several plans, but CLD_IMIE and
// CLR_OEPRATOR, as Zong spells them, are Pakistan's alone, and Pakistan's
// plan reads every number, so they are keyed under it without --country.
// A Bangladeshi number (01711000001) in the same layout is not one
// Pakistan's plan reads: the layout then settles nothing and the file is
// refused naming --country. Before, both were refused.
func TestPakistanLayoutSettlesPlan(t *testing.T) {
	head := "DLD_NO,CLD_IMIE,DLG_NO,CLG_IMEI,DIR_FLG,CLR_OEPRATOR,DRTN,STRT_TM,LAC_id,Cell_id\n"
	st := openTemp(t)
	res := importText(t, st, "zong_bts.csv", head+
		"03001234567,356938035643809,03151234567,359876543210982,O,Zong,65,14-03-2024 09:15:00,6011,21345\n")
	if res.Error != "" || res.Rows != 1 || !strings.Contains(res.Keys, `its layout is Zong's (PK), by its column "CLD_IMIE"`) {
		t.Fatalf("%+v", res)
	}
	var sub, other string
	if err := st.DB().QueryRow(`SELECT s.msisdn, v.other_key FROM voice v JOIN subscribers s ON s.id = v.subscriber_id`).Scan(&sub, &other); err != nil {
		t.Fatal(err)
	}
	if sub != "923151234567" || other != "923001234567" {
		t.Errorf("keyed %s → %s, want 923151234567 → 923001234567", sub, other)
	}
	st = openTemp(t)
	res = importText(t, st, "zong_bts.csv", head+
		"01711000002,356938035643809,01711000001,359876543210982,O,Zong,65,14-03-2024 09:15:00,6011,21345\n")
	if !strings.Contains(res.Error, "--country") || res.Rows != 0 {
		t.Fatalf("want refusal naming --country: %+v", res)
	}
}
