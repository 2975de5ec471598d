package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A column is taken for a field only when its name and its values fit:
// the candidates a header offers for a field (closer names first) are
// tried in turn against the values under them, and the first that fits is
// taken. An alias whose values do not fit keeps its column (its rows are
// then rejected one by one with the reason), except for the fields whose
// values must fit (strictFields): an address is never a cell, a column of
// "National"/"International" never the call type.

// sampleColumns collects up to sampleRows values of every column some
// field may be read from, placeholders ("-", "NA") left out.
func sampleColumns(records []record, l *Layout, cands map[Field][]candidate) map[int][]string {
	want := map[int]bool{}
	for _, cs := range cands {
		for _, c := range cs {
			want[c.col] = true
		}
	}
	for _, c := range l.Columns {
		want[c] = true
	}
	out := make(map[int][]string, len(want))
	for _, r := range records {
		if len(bytes.TrimSpace(r.text)) == 0 {
			continue
		}
		cells := splitStrings(r.text, l.Delimiter)
		for c := range want {
			if c < len(cells) && !placeholder(cells[c]) {
				out[c] = append(out[c], cells[c])
			}
		}
	}
	return out
}

// placeholder reports a value that stands for nothing.
func placeholder(v string) bool {
	v = unwrapValue(v)
	switch strings.ToLower(v) {
	case "", "-", "--", "---", "na", "n/a", "null", "nil", "none":
		return true
	}
	return false
}

// strictFields are taken only when their values fit, whatever the name.
var strictFields = map[Field]bool{FCell: true, FCallType: true, FDirection: true, FService: true}

// chooseColumns settles each field's column from its candidates and the
// sampled values; the analyst's --map stands as given.
func chooseColumns(l *Layout, cands map[Field][]candidate, byCol map[int][]string, forced map[Field]string) {
	for _, f := range AllFields() {
		cs := cands[f]
		if len(cs) == 0 {
			continue
		}
		if _, ok := forced[f]; ok {
			continue
		}
		chosen := -1
		for i, c := range cs {
			if valuesFit(f, byCol[c.col]) {
				chosen = c.col
				if len(byCol[c.col]) == 0 {
					chosen = filledCandidate(l, f, cs[i+1:], byCol, chosen)
				}
				break
			}
			l.Refused = append(l.Refused, fmt.Sprintf("%q not %s (values such as %q)", l.Header[c.col], f, firstOf(byCol[c.col])))
		}
		if chosen < 0 && !strictFields[f] && !cs[0].byWords && !cs[0].strict {
			chosen = cs[0].col
			l.Refused = l.Refused[:len(l.Refused)-len(cs)]
		}
		if chosen < 0 {
			delete(l.Columns, f)
			continue
		}
		l.Columns[f] = chosen
	}
	if _, ok := forced[FCallType]; !ok {
		directionFromSecondType(l, cands[FCallType], byCol)
	}
	if _, ok := forced[FIMEI]; !ok {
		deviceIDAsIMEI(l, byCol)
	}
}

// filledCandidate is the first of the later candidates whose sampled
// values fit, for a field whose first fitting column is empty in every
// row sampled (a PGW record's SGSN "cellid" and "imei" beside its
// userLocationInformation and servedIMEISV); empty when none is. A
// column of where or what a record ended with ("Last Cell ID") never
// stands in for the first.
func filledCandidate(l *Layout, f Field, later []candidate, byCol map[int][]string, empty int) int {
	for _, c := range later {
		if slices.ContainsFunc(headerWords(l.Header[c.col]), func(w string) bool { return slices.Contains(lastWords, w) }) {
			continue
		}
		if len(byCol[c.col]) > 0 && valuesFit(f, byCol[c.col]) {
			return c.col
		}
	}
	return empty
}

// lastWords mark a column of a record's end rather than its start.
var lastWords = []string{"last", "final", "end", "ending", "stop", "2nd", "second", "terminating"}

// deviceIDAsIMEI takes a column of device identifiers (IMEI or MAC
// address) for the IMEI when no column names the IMEI and every value
// sampled is one: 14 to 16 digits, the check digit right where there are
// 15. A column of MAC addresses (or of anything else) stays a device id.
func deviceIDAsIMEI(l *Layout, byCol map[int][]string) {
	c, ok := l.Columns[FDeviceID]
	if !ok || l.Has(FIMEI) || len(byCol[c]) == 0 {
		return
	}
	for _, v := range byCol[c] {
		if !StrictIMEI(v) {
			return
		}
	}
	l.Columns[FIMEI] = c
}

// StrictIMEI reports whether a device identifier is an IMEI beyond doubt:
// 14 digits, 15 with a right check digit, or 16 (an IMEISV).
func StrictIMEI(v string) bool {
	imei, err := ParseIMEI(v)
	return err == nil && (len(imei) != 15 || IMEILuhnOK(imei))
}

// directionFromSecondType handles a "Call Type" of Voice/SMS beside a
// "Record Type" of MOC/MTC: the column whose values give the direction is
// the call type, the other the service.
func directionFromSecondType(l *Layout, cs []candidate, byCol map[int][]string) {
	chosen, ok := l.Columns[FCallType]
	if !ok || len(cs) < 2 || len(byCol[chosen]) == 0 {
		return
	}
	directed := func(v string) bool { return directionOf(foldWord(v)) != "" }
	if mostly(byCol[chosen], directed) {
		return
	}
	for _, c := range cs {
		if c.col != chosen && mostly(byCol[c.col], directed) {
			if !l.Has(FService) {
				l.Columns[FService] = chosen
			}
			l.Columns[FCallType] = c.col
			return
		}
	}
}

func firstOf(values []string) string {
	if len(values) == 0 {
		return ""
	}
	v := values[0]
	if len(v) > 40 {
		v = v[:40]
	}
	return v
}

// valuesFit reports whether most sampled values read as field f; a column
// with no values to judge by fits.
func valuesFit(f Field, values []string) bool {
	if len(values) == 0 {
		return true
	}
	var check func(string) bool
	switch f {
	case FMSISDN:
		check = func(v string) bool { return numberOrMangled(ParseMSISDN(v)) }
	case FOther, FAParty, FBParty:
		check = func(v string) bool { return numberOrMangled(ParseMSISDN(v)) || SenderName(unwrapValue(v)) }
	case FIMSI:
		check = func(v string) bool { return numberOrMangled(ParseIMSI(v)) }
	case FIMEI:
		check = func(v string) bool { return numberOrMangled(ParseIMEI(v)) }
	case FCell:
		check = looksLikeCellID
	case FCallType, FDirection, FService:
		check = func(v string) bool { return !scopeWord(v) }
	case FCellPos:
		check = func(v string) bool {
			lat, lon, r := parsePosition(v)
			return r == "" && validPosition(lat, lon) || strings.Contains(r, "swapped")
		}
	case FCellLat, FCellLon:
		check = func(v string) bool { return coordinateFits(v, f == FCellLat) }
	case FAzimuth:
		check = func(v string) bool { _, ok := parseDegrees(v); return ok }
	case FLTESite, FLTESector:
		check = func(v string) bool { return allDigits(unwrapValue(v)) }
	default:
		check = valueCheck(f)
	}
	if check == nil {
		return true
	}
	return mostly(values, check)
}

func numberOrMangled(_ string, err error) bool {
	return err == nil || errors.Is(err, ErrPrecisionLost)
}

// SenderName reports whether v is an alphanumeric sender of A2P SMS
// ("VM-HDFCBK", "JP-JioPay-S", "AD-Airtel-S"): letters and digits with
// hyphens, at least one letter, 2 to 20 characters.
func SenderName(v string) bool {
	if len(v) < 2 || len(v) > 20 {
		return false
	}
	letters := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isLetterByte(c):
			letters++
		case isDigitByte(c), c == '-', c == '_':
		default:
			return false
		}
	}
	return letters > 0
}

// looksLikeCellID reports whether v can be a cell identity (a CGI written
// with dashes, a decimal or hex ECGI, a bare cell id) rather than the
// cell's address or position: three words of letters make an address,
// decimal degrees a position.
func looksLikeCellID(v string) bool {
	v = unwrapValue(v)
	if v == "" || isPosition(v) {
		return false
	}
	words := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ';' || r == ',' || r == '\t' })
	named := 0
	for _, w := range words {
		letters := 0
		for i := 0; i < len(w); i++ {
			if isLetterByte(w[i]) {
				letters++
			}
		}
		if letters >= 2 {
			named++
		}
	}
	return named < 3
}

// isPosition reports decimal degrees: 21.29327, 21.29327/72.88987,
// "22.39, 88.43".
func isPosition(v string) bool {
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == ',' || r == ' ' || r == ';' })
	if len(parts) == 0 || len(parts) > 2 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimPrefix(p, "-")
		i := strings.IndexByte(p, '.')
		if i <= 0 || i == len(p)-1 || !plainDigits(p[:i]) || !plainDigits(p[i+1:]) {
			return false
		}
	}
	return true
}

// scopeWords are the values of a column saying where a call went
// (national, international, roaming) or how the line is paid: not a call
// type or a direction.
var scopeWords = map[string]bool{"NATIONAL": true, "INTERNATIONAL": true, "LOCAL": true, "STD": true, "ISD": true,
	"ROAMING": true, "HOME": true, "NATIONALROAMING": true, "INTERNATIONALROAMING": true, "DOMESTIC": true,
	"ONNET": true, "OFFNET": true, "PREPAID": true, "POSTPAID": true, "PRE": true, "POST": true, "Y": true, "N": true}

func scopeWord(v string) bool {
	return scopeWords[strings.ReplaceAll(foldWord(unwrapValue(v)), " ", "")]
}

// unfilled lists the fields a record of the layout's kind usually has that
// no column fills, so the import can say what its records lack.
func unfilled(l *Layout) []Field {
	type want struct {
		name Field
		any  []Field
	}
	var wants []want
	if l.Kind == KindVoice {
		wants = []want{{FOther, []Field{FOther, FBParty, FAParty}}, {FCallType, []Field{FCallType, FDirection, FService}},
			{FDuration, []Field{FDuration, FEnd, FEndTime}}, {FCell, []Field{FCell}}, {FIMEI, []Field{FIMEI}}, {FIMSI, []Field{FIMSI}}}
	} else {
		wants = []want{{FDestIP, []Field{FDestIP}}, {FDestPort, []Field{FDestPort}}, {FTotal, []Field{FUplink, FDownlink, FTotal}},
			{FEnd, []Field{FEnd, FEndTime, FDuration}}, {FCell, []Field{FCell}}, {FIMEI, []Field{FIMEI}}, {FIMSI, []Field{FIMSI}}}
	}
	var out []Field
	for _, w := range wants {
		has := false
		for _, f := range w.any {
			has = has || l.Has(f)
		}
		if !has {
			out = append(out, w.name)
		}
	}
	return out
}

// headerFormat is what a header says of its values' format
// ("TIME1 (dd/MM/yyyy HH:mm:ss)", "Start Date (dd/mm/yyyy)").
type headerFormat struct {
	dated, timed bool
	order        DateOrder
}

func formatOfHeader(h string) headerFormat {
	open := strings.IndexByte(h, '(')
	if open < 0 {
		return headerFormat{}
	}
	inner := strings.ToLower(h[open+1:])
	if end := strings.IndexByte(inner, ')'); end >= 0 {
		inner = inner[:end]
	}
	var f headerFormat
	datePart := inner
	if i := strings.Index(inner, "hh"); i >= 0 {
		f.timed = true
		datePart = inner[:i]
	}
	d, m, y := strings.Index(datePart, "dd"), strings.Index(datePart, "mm"), strings.Index(datePart, "yy")
	if d < 0 || m < 0 || y < 0 {
		return headerFormat{timed: f.timed && strings.Contains(inner, "ss")}
	}
	f.dated = true
	switch {
	case y < d && y < m:
		f.order = YMD
	case d < m:
		f.order = DMY
	default:
		f.order = MDY
	}
	return f
}

// headerDateOrder is the date order the headers of the date columns state,
// "" when none states one or they disagree.
func (l *Layout) headerDateOrder() DateOrder {
	var order DateOrder
	for _, f := range dateColumns {
		c, ok := l.Columns[f]
		if !ok || c >= len(l.Header) {
			continue
		}
		hf := formatOfHeader(l.Header[c])
		if !hf.dated {
			continue
		}
		if order != "" && order != hf.order {
			return ""
		}
		order = hf.order
	}
	return order
}

// targetOf finds the subscriber of a call file that gives both parties and
// no target column: the one number that is a party of every sampled record
// (at least two). "" when there is none. A direction column does not stop
// it (Sprint's Mobile Role): a record whose direction no code gives
// ("Routed Call") is then read from where the target stands. A number
// that a record's own direction puts on the far side, the called party of
// an outgoing record, was not served by it and is no target: the file
// lists several subscribers (a call of 02 to 01 marked Outgoing is 02's,
// with 02's IMEI and cell, never 01 calling 02).
func targetOf(records []record, l *Layout) string {
	if l.Kind != KindVoice || l.Has(FMSISDN) || !l.Has(FAParty) || !(l.Has(FBParty) || l.Has(FOther)) {
		return ""
	}
	bCol, ok := l.Columns[FBParty]
	if !ok {
		bCol = l.Columns[FOther]
	}
	aCol := l.Columns[FAParty]
	seen := map[string]int{}
	called := map[string]bool{} // the called party of an outgoing record
	var forms numberForms
	rows := 0
	for _, r := range records {
		if len(bytes.TrimSpace(r.text)) == 0 {
			continue
		}
		cells := splitStrings(r.text, l.Delimiter)
		if aCol >= len(cells) || bCol >= len(cells) {
			continue
		}
		a, errA := ParseMSISDN(cells[aCol])
		b, errB := ParseMSISDN(cells[bCol])
		if errA != nil && errB != nil {
			continue
		}
		rows++
		if errA == nil {
			a = forms.of(a, cells[aCol])
			seen[a]++
		}
		if errB == nil {
			b = forms.of(b, cells[bCol])
		}
		if errB == nil && b != a {
			seen[b]++
			if outgoing(l, cells) {
				called[b] = true
			}
		}
	}
	if rows < 2 {
		return ""
	}
	for n, c := range seen {
		if c == rows && !called[n] {
			return n
		}
	}
	return ""
}

// outgoing reports a record whose call type, service or direction says
// the calling number made it, read as fillVoice reads them.
func outgoing(l *Layout, cells []string) bool {
	get := func(f Field) string {
		if c, ok := l.Columns[f]; ok && c < len(cells) {
			return cells[c]
		}
		return ""
	}
	service := get(FService)
	if s, ok := l.ServiceCodes[service]; ok {
		service = s
	}
	ct, _ := NormalizeCall(get(FCallType), service, get(FDirection), l.DirectionCodes)
	return strings.HasSuffix(ct, "_OUT")
}

// aPartyServed reports a call file whose device or cell columns name the
// A party ("IMEI A", "IMSI A", "First Cell ID A"): the records are the A
// party's (a tower dump lists whoever the cell served as the A party), so
// an incoming record's subscriber is still the A party, never the caller
// in the B column.
func aPartyServed(l *Layout) bool {
	if l.Kind != KindVoice || l.Has(FMSISDN) || !l.Has(FAParty) {
		return false
	}
	for _, f := range []Field{FIMEI, FIMSI, FCell} {
		if c, ok := l.Columns[f]; ok && c < len(l.Header) && slices.Contains(headerWords(l.Header[c]), "a") {
			return true
		}
	}
	return false
}
