package evidence

import "slices"

// callingWords and calledWords name the party a column of a call record
// belongs to.
var (
	callingWords = []string{"calling", "caller", "originating", "orig"}
	calledWords  = []string{"called", "callee", "terminating", "term"}
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
