package uikit

import "sort"

// kindLabels names the record kinds of the sources table for people, in the
// order they matter to an analyst: records first, then artefacts.
var kindLabels = []struct{ kind, label string }{
	{"ipdr", "ipdr"},
	{"voice", "voice"},
	{"asterisk-cdr", "pbx calls"},
	{"freeswitch-cdr", "freeswitch calls"},
	{"cucm-cdr", "cucm calls"},
	{"kamailio-acc", "sip proxy calls"},
	{"3cx-cdr", "3cx calls"},
	{"asterisk-log", "log entries"},
	{"asterisk-queue-log", "queue events"},
	{"asterisk-conf", "conf keys"},
	{"shell-history", "history lines"},
	{"host-zone", "zone files"},
	{"cells", "cell sites (reference)"}, // not the cells records name
	{"layer", "map layer outlines"},
}

// recordKinds is how many of kindLabels are records (calls, sessions).
const recordKinds = 7

// KindCount is a kind of evidence with its count, labelled for people.
type KindCount struct {
	Kind, Label string
	Count       int64
	Record      bool // calls and sessions, as opposed to artefacts' lines
}

// KindCounts orders counts per kind as analysts read them: data, voice and
// PBX calls first, then the artefacts, then any kind not known here.
func KindCounts(counts map[string]int64) []KindCount {
	var out []KindCount
	seen := map[string]bool{}
	for i, k := range kindLabels {
		seen[k.kind] = true
		if n := counts[k.kind]; n > 0 {
			out = append(out, KindCount{Kind: k.kind, Label: k.label, Count: n, Record: i < recordKinds})
		}
	}
	var rest []string
	for k, n := range counts {
		if !seen[k] && n > 0 {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, KindCount{Kind: k, Label: k, Count: counts[k]})
	}
	return out
}
