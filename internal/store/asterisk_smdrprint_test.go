package store

import (
	"strings"
	"testing"
)

// An NEC SL1100 SMDR report (testdata/operators/nec_smdr_refused.txt, the
// manual's character positions): refused naming it and why (TIME is
// HH:MM, DATE MM/DD without a year), never read with a made-up year or
// seconds; before, refused as an unknown layout.
func TestImportNECSMDRRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("nec_smdr_refused.txt"), ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, "an NEC SL1000/SL1100/SL2100 or Aspire SMDR report") || !strings.Contains(res.Error, "without a year") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_calls") + count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d records from a refused report", n)
	}
}

// A Panasonic SMDR printout (testdata/operators/panasonic_smdr_refused.txt,
// pattern A's columns): refused naming it and why (Time is hh:mmAM, the
// end of the call on the KX-TDA), never read with a start made up to the
// second; before, refused as an unknown layout.
func TestImportPanasonicSMDRRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("panasonic_smdr_refused.txt"), ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, "a Panasonic KX-TDA/KX-TDE/KX-NS SMDR printout") || !strings.Contains(res.Error, "the end of the call") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_calls") + count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d records from a refused printout", n)
	}
}

// A Toshiba Strata CTX SMDR output (testdata/operators/
// toshiba_smdr_refused.txt, the installation manual's record positions):
// refused naming it and why (MO/DD without a year, an end record's time
// the call's end); before, refused as an unknown layout.
func TestImportToshibaSMDRRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("toshiba_smdr_refused.txt"), ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, "a Toshiba Strata CTX SMDR output") || !strings.Contains(res.Error, "no year") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_calls") + count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d records from a refused output", n)
	}
}

// Mitel SMDR outputs (testdata/operators/mitel_mivb_smdr_refused.txt, a
// MiVoice Business output with Level 2 times; mitel_mivo250_smdr_refused.txt,
// MiVoice Office 250 records at the 5000 CP sample's positions): refused
// naming each and why (mm/dd without a year; no date at all, HH:MM), never
// read with a made-up year or date; before, refused as an unknown layout
// whose columns --map could name.
func TestImportMitelSMDRRefused(t *testing.T) {
	for _, c := range []struct{ file, name, why string }{
		{"mitel_mivb_smdr_refused.txt", "a Mitel MiVoice Business (3300 ICP) SMDR output", "the year is not reported"},
		{"mitel_mivo250_smdr_refused.txt", "a Mitel MiVoice Office 250 (5000 CP) SMDR output", "carry no date"},
	} {
		st := openTemp(t)
		res := importOne(t, st, operatorFile(c.file), ImportOptions{})
		if res.Rows != 0 || !strings.Contains(res.Error, c.name) || !strings.Contains(res.Error, c.why) {
			t.Errorf("%s: %+v", c.file, res)
		}
		if n := count(t, st, "SELECT count(*) FROM ast_calls") + count(t, st, "SELECT count(*) FROM voice"); n != 0 {
			t.Errorf("%s: %d records from a refused output", c.file, n)
		}
	}
}

// Avaya Communication Manager CDR records at the Int-ISDN format's
// positions (testdata/operators/avaya_cm_cdr_refused.txt): refused naming
// the output and why (time HHMM, no date, duration in tenths of a
// minute); before, refused as an unknown layout whose columns --map
// could name.
func TestImportAvayaCMCDRRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("avaya_cm_cdr_refused.txt"), ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, "an Avaya Communication Manager CDR output") || !strings.Contains(res.Error, "tenths of a minute") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_calls") + count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d records from a refused output", n)
	}
}
