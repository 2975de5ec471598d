package evidence

import (
	"slices"
	"strings"
)

// callingWords and calledWords name the party a column of a call record
// belongs to.
var (
	callingWords = []string{"calling", "caller", "originating", "orig", "clg"}            // Zong's CLG_IMEI
	calledWords  = []string{"called", "callee", "terminating", "term", "receiver", "cld"} // Zong's CLD_IMIE
)

// partyColumns finds the calling and the called party's IMSI, IMEI and
// cell columns of a call file that has both (an MSC's
// callingSubscriberIMSI beside calledSubscriberIMSI): the calling party's
// is read for an outgoing record, the called party's for an incoming one
// (the subscriber's own, never the other party's). A file whose device
// columns are the A party's (AServed) reads them for every record.
func partyColumns(l *Layout, cands map[Field][]candidate, byCol map[int][]string, forced map[Field]string) {
	if l.Kind != KindVoice || l.AServed {
		return
	}
	for _, f := range []Field{FIMSI, FIMEI, FCell} {
		if _, ok := forced[f]; ok {
			continue
		}
		calling, called := -1, -1
		for _, cd := range cands[f] {
			words := headerWords(l.Header[cd.col])
			has := func(set []string) bool {
				return slices.ContainsFunc(words, func(w string) bool { return slices.Contains(set, w) })
			}
			if !valuesFit(f, byCol[cd.col]) {
				continue
			}
			switch {
			case has(callingWords) && !has(calledWords) && calling < 0:
				calling = cd.col
			case has(calledWords) && !has(callingWords) && called < 0:
				called = cd.col
			}
		}
		if calling < 0 || called < 0 {
			continue
		}
		if l.CalledColumns == nil {
			l.CalledColumns = map[Field]int{}
		}
		l.Columns[f], l.CalledColumns[f] = calling, called
	}
}

// callerOnlyColumns marks the IMSI, IMEI and cell columns that are one
// party's with no other party's beside them. The calling party's (a
// research CDR's caller_imei, the UK schedule's "Calling IMEI", an
// "A_CELL") give an incoming record, whose subscriber is the called
// party, none of them; the called party's (a "B_CELL", "Called IMEI")
// give an outgoing record none: never the other party's device or cell as
// the subscriber's. A column the analyst named (--map) is read as named.
func callerOnlyColumns(l *Layout, forced map[Field]string) {
	if l.Kind != KindVoice || l.AServed {
		return
	}
	// only words that name a party: "originating" and "terminating" may
	// name the moment (a call's originating cell, its first)
	calling := []string{"a", "calling", "caller"}
	called := []string{"b", "called", "callee"}
	for _, f := range []Field{FIMSI, FIMEI, FCell} {
		c, ok := l.Columns[f]
		if _, named := forced[f]; named || !ok {
			continue
		}
		if _, paired := l.CalledColumns[f]; paired {
			continue
		}
		name := ""
		if j, isJoined := l.Joined[c]; isJoined {
			name = j.base
		} else if c < len(l.Header) {
			name = l.Header[c]
		}
		words := headerWords(name)
		has := func(set []string) bool {
			return slices.ContainsFunc(words, func(w string) bool { return slices.Contains(set, w) })
		}
		switch {
		case has(calling) && !has(called):
			if l.CallerOnly == nil {
				l.CallerOnly = map[Field]bool{}
			}
			l.CallerOnly[f] = true
		case has(called) && !has(calling):
			if l.CalleeOnly == nil {
				l.CalleeOnly = map[Field]bool{}
			}
			l.CalleeOnly[f] = true
		}
	}
}

// callerOnlyNames lists the fields of CallerOnly in a fixed order.
func callerOnlyNames(m map[Field]bool) string {
	var names []string
	for _, f := range []Field{FIMSI, FIMEI, FCell} {
		if m[f] {
			names = append(names, string(f))
		}
	}
	return strings.Join(names, ", ")
}

// callerOnlyParty reports a call file whose only party column is the
// caller's by its name (siva071/TeleForensic-AI's "caller" beside a
// "receiver" no alias names): the caller of an incoming record is the
// other party, so such a record has no subscriber, never the caller.
func callerOnlyParty(l *Layout) bool {
	c, ok := l.Columns[FAParty]
	if l.Kind != KindVoice || l.AServed || !ok || l.Has(FMSISDN) || l.Has(FBParty) || l.Has(FOther) || c >= len(l.Header) {
		return false
	}
	words := headerWords(l.Header[c])
	return slices.ContainsFunc(words, func(w string) bool { return slices.Contains(callingWords, w) }) ||
		slices.Contains([]string{"callingnumber", "callernumber", "callerid", "originatingnumber", "fromnumber", "callorignum", "callorgnum"}, normalizeHeader(l.Header[c]))
}
