package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// busiestTruth is the generated subscriber with most records.
func busiestTruth(truth *gen.Truth) gen.SubscriberTruth {
	best := truth.Subscribers[0]
	for _, s := range truth.Subscribers {
		if s.Records > best.Records {
			best = s
		}
	}
	return best
}

// sameJSON reports whether a and b marshal to the same JSON.
func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var va, vb any
	json.Unmarshal(ja, &va)
	json.Unmarshal(jb, &vb)
	return reflect.DeepEqual(va, vb)
}

// persona --json holds what casework computes, with the generator's
// record count; without --rdns nothing is looked up (the case's reverse
// DNS cache stays empty).
func TestPersonaJSON(t *testing.T) {
	casePath, truth := generatedCaseFile(t)
	sub := busiestTruth(truth)
	var got map[string]any
	runJSON(t, []string{"persona", casePath, sub.MSISDN, "--json"}, &got)
	for _, k := range []string{"msisdn", "total", "apps", "imeis", "imsis", "cells", "destinations"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if got["msisdn"] != sub.MSISDN || got["total"] != float64(sub.Records) {
		t.Fatalf("msisdn %v total %v, truth %s %d", got["msisdn"], got["total"], sub.MSISDN, sub.Records)
	}
	apps := got["apps"].([]any)
	first := apps[0].(map[string]any)
	for _, k := range []string{"app", "count", "percent"} {
		if _, ok := first[k]; !ok {
			t.Errorf("apps[0] lacks %q", k)
		}
	}
	st, err := store.Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	d, info, err := casework.PortDictionaryInfo(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	want, err := casework.BuildPersona(ctx, st, d, info, sub.MSISDN, casework.PersonaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, got, want) {
		t.Fatalf("CLI JSON differs from casework:\n%v\n%+v", got, want)
	}
	var looked int
	if err := st.DB().QueryRow("SELECT count(*) FROM rdns").Scan(&looked); err != nil || looked != 0 {
		t.Fatalf("%d reverse lookups without --rdns (%v)", looked, err)
	}
}

// --ports lays an analyst's file over the defaults and keeps it in the
// case: a later persona without --ports uses it, ports shows it, and
// ports --reset goes back to the defaults.
func TestPersonaPortsFileKept(t *testing.T) {
	casePath, truth := generatedCaseFile(t)
	sub := busiestTruth(truth)
	file := filepath.Join(t.TempDir(), "seized-phone.csv")
	if err := os.WriteFile(file, []byte("ports,app,confidence,note\n6881,BitTorrent,medium,client found on the phone\n1935;9001;27015;7777,Games & streaming,low,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unknownBefore := 0
	for port, n := range sub.ByPort {
		if slices.Contains([]int{6881, 1935, 9001, 27015, 7777}, port) {
			unknownBefore += n
		}
	}
	if unknownBefore == 0 {
		t.Skip("the busiest generated subscriber used none of the unknown ports")
	}
	var withFile casework.Persona
	runJSON(t, []string{"persona", casePath, sub.MSISDN, "--ports", file, "--json"}, &withFile)
	var later casework.Persona
	runJSON(t, []string{"persona", casePath, sub.MSISDN, "--json"}, &later)
	for _, p := range []casework.Persona{withFile, later} {
		var named int64
		for _, a := range p.Apps {
			if a.App == "BitTorrent" || a.App == "Games & streaming" {
				named += a.Count
			}
		}
		if named != int64(unknownBefore) || len(p.UnknownPorts) != 0 {
			t.Fatalf("named %d of %d unknown records; still unknown %v", named, unknownBefore, p.UnknownPorts)
		}
		if !strings.HasPrefix(p.Dictionary.Origin, "seized-phone.csv (sha256 ") || !p.Dictionary.Stored {
			t.Fatalf("dictionary %+v", p.Dictionary)
		}
	}
	if withFile.Dictionary.Fingerprint != later.Dictionary.Fingerprint {
		t.Fatal("the dictionary read back differs from the one stored")
	}
	var shown struct {
		casework.DictionaryInfo
		Rules []struct{ App string } `json:"rules"`
	}
	runJSON(t, []string{"ports", casePath, "--json"}, &shown)
	if shown.Fingerprint != later.Dictionary.Fingerprint || shown.Rules[0].App != "BitTorrent" {
		t.Fatalf("ports shows %+v", shown.DictionaryInfo)
	}
	runJSON(t, []string{"ports", casePath, "--reset", "--json"}, &shown)
	if shown.Origin != casework.DefaultsName {
		t.Fatalf("after --reset: %+v", shown.DictionaryInfo)
	}
}

// trends --json is casework's trend, equal to the generator's truth; the
// whole case is the sum of every subscriber; --csv is the paper's file.
func TestTrendsJSONAndCSV(t *testing.T) {
	casePath, truth := generatedCaseFile(t)
	sub := busiestTruth(truth)
	var got casework.Trend
	runJSON(t, []string{"trends", casePath, sub.MSISDN, "--json"}, &got)
	for i := range 8 {
		if got.Bins3h[i] != int64(sub.WhatsAppBins3h[i]) {
			t.Fatalf("bins %v truth %v", got.Bins3h, sub.WhatsAppBins3h)
		}
	}
	for i := range 7 {
		if got.Weekday[i] != int64(sub.WhatsAppWeekday[i]) {
			t.Fatalf("weekday %v truth %v", got.Weekday, sub.WhatsAppWeekday)
		}
	}
	var sumDates int64
	for _, n := range got.ByDate {
		sumDates += n
	}
	if got.App != "WhatsApp" || got.MSISDN != sub.MSISDN || sumDates != got.Total {
		t.Fatalf("app %s msisdn %s dates add to %d of %d", got.App, got.MSISDN, sumDates, got.Total)
	}
	var raw map[string]any
	runJSON(t, []string{"trends", casePath, sub.MSISDN, "--json"}, &raw)
	for _, k := range []string{"msisdn", "app", "total", "bins_3h", "weekday", "by_date"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}

	var whole casework.Trend
	runJSON(t, []string{"trends", casePath, "all", "--app", "whatsapp", "--json"}, &whole)
	var bins [8]int64
	for _, s := range truth.Subscribers {
		for i, n := range s.WhatsAppBins3h {
			bins[i] += int64(n)
		}
	}
	if whole.Bins3h != bins || whole.MSISDN != "all" {
		t.Fatalf("whole case %v, truth %v", whole.Bins3h, bins)
	}

	var out, errOut bytes.Buffer
	if code := run([]string{"trends", casePath, sub.MSISDN, "--csv"}, &out, &errOut); code != 0 {
		t.Fatalf("--csv: %d %s", code, errOut.String())
	}
	var want bytes.Buffer
	casework.WriteIntervalsCSV(&want, &got)
	// after the "# " lines saying what it is (TestTrendsCSVSaysWhatItIs)
	_, data, _ := strings.Cut(out.String(), "\ninterval,")
	if "interval,"+data != want.String() || !strings.HasPrefix(out.String(), "# cdrtui export of: trends: WhatsApp") || !strings.HasPrefix(data, sub.MSISDN+" WhatsApp\n00-03,") {
		t.Fatalf("--csv:\n%s\nwant:\n%s", out.String(), want.String())
	}

	out.Reset()
	if code := run([]string{"trends", casePath, sub.MSISDN, "--list"}, &out, &errOut); code != 0 {
		t.Fatalf("--list: %d %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if int64(len(lines)-3) != got.Total || !strings.Contains(lines[len(lines)-1], "connections to WhatsApp") {
		t.Fatalf("--list has %d lines for %d connections; last %q", len(lines), got.Total, lines[len(lines)-1])
	}
}

func TestPersonaTrendsUsageErrors(t *testing.T) {
	casePath, truth := generatedCaseFile(t)
	sub := busiestTruth(truth)
	cases := []struct {
		args []string
		code int
		has  string
	}{
		{[]string{"persona", casePath}, 2, "need a case file and an MSISDN"},
		{[]string{"persona", casePath, "000000000000"}, 1, "no such subscriber"},
		{[]string{"persona", casePath, sub.MSISDN, "--top", "0"}, 2, "--top"},
		{[]string{"trends", casePath, sub.MSISDN, "--app", "Snapchat"}, 1, "no application"},
		{[]string{"trends", casePath, sub.MSISDN, "--json", "--csv"}, 2, "choose one"},
		{[]string{"ports", casePath, filepath.Join(t.TempDir(), "missing.csv")}, 1, "missing.csv"},
		{[]string{"persona", filepath.Join(t.TempDir(), "none.db"), sub.MSISDN}, 1, "no case file"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		code := run(c.args, &out, &errOut)
		if code != c.code || !strings.Contains(errOut.String(), c.has) {
			t.Errorf("%v: exit %d %q, want %d containing %q", c.args[:2], code, errOut.String(), c.code, c.has)
		}
	}
}
