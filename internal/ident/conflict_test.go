package ident

import (
	"strings"
	"testing"
)

func TestCheckPlan(t *testing.T) {
	in, _ := PlanFor("IN")
	gb, _ := PlanFor("GB")
	us, _ := PlanFor("US")
	for _, c := range []struct {
		name        string
		p           Plan
		subs, other []string
		hint        string
		file        string // "" with want: a conflict naming no plan
		want        bool
		number      string
		caseKey     string
		fileKey     string
	}{
		{"Indian numbers in an Indian case", in, []string{"9714499703", "09714499703"}, []string{"+91 98123 45678"}, "", "", false, "", "", ""},
		{"numbers with their country code fit any case", in, []string{"12065550001"}, []string{"+12065550102"}, "US", "", false, "", "", ""},
		{"US numbers settled by a +1 subscriber", in, []string{"2065550001", "+12065550001"}, []string{"2065550103"}, "", "US", true, "2065550001", "912065550001", "12065550001"},
		{"an Indian CDR with a +1 contact", in, []string{"9714499703"}, []string{"+12065550102", "9812345678"}, "", "", false, "", "", ""},
		{"a US layout with national numbers only", in, []string{"2065550001"}, []string{"2065550102"}, "US", "US", true, "2065550001", "912065550001", "12065550001"},
		{"an Indian layout in a US case", us, []string{"9714499703"}, nil, "IN", "IN", true, "9714499703", "19714499703", "919714499703"},
		{"a layout of the case's own country", in, []string{"9714499703"}, nil, "IN", "", false, "", "", ""},
		{"ten-digit numbers a GB case cannot key", gb, []string{"9714499703", "9714499704"}, nil, "", "", true, "9714499703", "", ""},
		{"British numbers in a GB case", gb, []string{"07700900123", "02079460000"}, nil, "", "", false, "", "", ""},
		{"no plan: nothing to check", Plan{}, []string{"2065550001"}, nil, "US", "", false, "", "", ""},
	} {
		got := CheckPlan(c.p, c.subs, c.other, c.hint, "its layout is "+c.hint+"'s")
		if (got != nil) != c.want {
			t.Errorf("%s: conflict %+v, want %v", c.name, got, c.want)
			continue
		}
		if got == nil {
			continue
		}
		if got.File != c.file || got.Number != c.number || got.CaseKey != c.caseKey || got.FileKey != c.fileKey {
			t.Errorf("%s: %+v", c.name, got)
		}
		msg := got.Error()
		if !strings.Contains(msg, "--country") || !strings.Contains(msg, c.p.Country) {
			t.Errorf("%s: message %q names neither the flag nor the case's plan", c.name, msg)
		}
		if c.file != "" && !strings.Contains(msg, "--country "+c.file) {
			t.Errorf("%s: message %q does not name --country %s", c.name, msg, c.file)
		}
	}
}
