package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// The contacts of a subscriber with no data record rank no one: nobody's
// records can lie near A's. Before, every data subscriber of the case was
// listed at zero ("80 subscribers ranked", rank 1 a subscriber with no
// coincidence at all), which reads as a ranking.
func TestContactsOfAWithNoDataRecords(t *testing.T) {
	dir := t.TempDir()
	ipdr := writeFile(t, dir, "ipdr.csv", "MSISDN,DESTIP,DESTPORT,START,CELL_ID\n"+
		"919800000001,157.240.1.1,5222,2024-03-19 10:00:00,404-10-1-1\n"+
		"919800000002,157.240.1.1,5222,2024-03-19 10:00:30,404-10-1-1\n"+
		"919800000003,157.240.1.1,443,2024-03-19 18:00:00,404-10-1-1\n")
	voice := writeFile(t, dir, "voice.csv", "Calling Number,Called Number,Call Date,Call Time,Duration,Call Type\n"+
		"919811111111,919822222222,19/03/2024,10:00:00,60,MO\n")
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, ipdr, voice, "--date-order", "DMY")

	var out, errOut bytes.Buffer
	if code := run([]string{"contacts", casePath, "919811111111"}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "A has no data records: no one coincides with A, none ranked (3 other subscribers with data records in the case)") ||
		strings.Contains(out.String(), "RANK") {
		t.Errorf("exit %d:\n%s%s", code, out.String(), errOut.String())
	}
	var got struct {
		RecordsA   int            `json:"records_a"`
		Candidates int            `json:"candidates"`
		Contacts   []json0Contact `json:"contacts"`
	}
	runJSON(t, []string{"contacts", casePath, "919811111111", "--json"}, &got)
	if got.RecordsA != 0 || got.Candidates != 3 || got.Contacts == nil || len(got.Contacts) != 0 {
		t.Errorf("--json: %+v, want records_a 0, candidates 3, contacts []", got)
	}
	// a subscriber with data records still ranks the others: 919800000002
	// at 30 s of A's WhatsApp session first, with one pair
	runJSON(t, []string{"contacts", casePath, "919800000001", "--json"}, &got)
	if got.RecordsA != 1 || len(got.Contacts) != 2 || got.Contacts[0].MSISDN != "919800000002" || got.Contacts[0].Pairs != 1 {
		t.Errorf("contacts of a data subscriber: %+v", got)
	}
}

type json0Contact struct {
	MSISDN string `json:"msisdn"`
	Pairs  int    `json:"pairs"`
}
