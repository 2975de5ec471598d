package evidence

import "strings"

// partyDirection reads a record's direction from where the subscriber
// stands among its parties, for a file that names the subscriber (an
// MSISDN column), the calling and the called party, and writes its
// direction as codes no carrier's table explains (Verizon's VoLTE
// CallDirection 0 and 1): OUT when the subscriber is the calling party
// and not the called one, IN when the reverse, "" when the parties do not
// say (neither, or both, is the subscriber's number). A carrier whose
// codes are known (Verizon's CDMA returns) is read by its table alone,
// and a column that gives directions (I, O) keeps an odd code as written.
func (rd *Reader) partyDirection() string {
	l := rd.l
	if !l.PartyDirection || l.Target != "" || l.AServed || !rd.has(FMSISDN) || !rd.has(FAParty) {
		return ""
	}
	called := FBParty
	if !rd.has(FBParty) {
		if !rd.has(FOther) {
			return ""
		}
		called = FOther
	}
	sub, a, b := rd.cell(FMSISDN), rd.cell(FAParty), rd.cell(called)
	if sub == "" {
		return ""
	}
	aIs := a != "" && rd.maySame(sub, a)
	bIs := b != "" && rd.maySame(sub, b)
	switch {
	case aIs && !bIs && b != "":
		return "OUT"
	case bIs && !aIs && a != "":
		return "IN"
	}
	return ""
}

// unexplainedDirections says the layout's direction column holds values
// and none of them gives a direction: no carrier's table, no word (0 and
// 1, never I and O).
func unexplainedDirections(l *Layout, byCol map[int][]string) bool {
	c, ok := l.Columns[FDirection]
	if !ok || l.DirectionCodes != nil || len(byCol[c]) == 0 {
		return false
	}
	for _, v := range byCol[c] {
		if t, _ := NormalizeCall("", "", v, nil); strings.HasSuffix(t, "_IN") || strings.HasSuffix(t, "_OUT") {
			return false
		}
	}
	return true
}
