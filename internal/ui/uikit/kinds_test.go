package uikit

import (
	"reflect"
	"strings"
	"testing"
)

func TestKindCountsOrderRecordsFirst(t *testing.T) {
	got := KindCounts(map[string]int64{"asterisk-conf": 72, "ipdr": 40, "voice": 0, "asterisk-cdr": 7, "odd": 1, "asterisk-log": 9})
	var labels []string
	records := 0
	for _, k := range got {
		labels = append(labels, k.Label)
		if k.Record {
			records++
		}
	}
	want := []string{"ipdr", "pbx calls", "log entries", "conf keys", "odd"}
	if !reflect.DeepEqual(labels, want) || records != 2 {
		t.Fatalf("labels %v (records %d), want %v with 2 records", labels, records, want)
	}
}

// Wrapping never splits a cell ID or an IP:port across lines.
func TestWrapWordsKeepsIdentifiers(t *testing.T) {
	text := "919812345678 reached 104.198.99.79:443 from cells 404-10-7301-12, 404-10-7301-13 and 404-10-7302-1 between 2024-03-20 18:00:00 and 19:00:00"
	for width := 20; width <= 80; width++ { // from the longest word up
		lines := WrapWords(text, width)
		if got := strings.Join(lines, " "); got != text {
			t.Fatalf("width %d: %q", width, got)
		}
		for _, l := range lines {
			if len([]rune(l)) > width {
				t.Fatalf("width %d: %q too wide", width, l)
			}
		}
	}
}

// Cell-site reference rows are not the cells the records name: the
// Overview wrote "106 cells … 206 cells" for the two.
func TestKindCountsNameCellSites(t *testing.T) {
	got := KindCounts(map[string]int64{"ipdr": 4, "cells": 206, "layer": 2})
	var labels []string
	for _, k := range got {
		labels = append(labels, k.Label)
	}
	if want := []string{"ipdr", "cell sites (reference)", "map layer outlines"}; !reflect.DeepEqual(labels, want) {
		t.Fatalf("labels %v, want %v", labels, want)
	}
}
