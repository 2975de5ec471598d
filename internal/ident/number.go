package ident

import (
	"fmt"
	"sort"
	"strings"
)

// SplitNumber reads a number as written ("+91 97144 99703", "(0)97144-99703",
// ="00919714499703") into its digits and whether it was written with a
// leading '+'. Spaces, hyphens, dots, slashes and parentheses between digits
// are dropped. ok is false for anything else: a letter makes it an
// alphanumeric sender (VM-HDFCBK), which has no numeric key.
func SplitNumber(written string) (digits string, plus, ok bool) {
	s := unwrap(written)
	if n, isURI := URINumber(s); isURI {
		s = n // the number of a tel: or sip: URI, "" when it has none
	}
	if s != "" && s[0] == '+' {
		plus, s = true, s[1:]
	}
	if allDigits(s) {
		return s, plus, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')':
		default:
			return "", false, false
		}
	}
	if b.Len() == 0 {
		return "", false, false
	}
	return b.String(), plus, true
}

// URINumber reads the number of a tel: or sip: URI, as IMS records write
// the parties ("tel:+4930901820",
// "sip:+4915112340001@ims.mnc001.mcc262.3gppnetwork.org;user=phone"): the
// user part, parameters dropped. isURI is false for anything that is not
// such a URI; number is "" for a URI whose user part is not a telephone
// number (sip:alice@example.org), which has no numeric key.
func URINumber(s string) (number string, isURI bool) {
	i := strings.IndexByte(s, ':')
	if i < 3 || i > 4 {
		return "", false
	}
	switch strings.ToLower(s[:i]) {
	case "tel", "sip", "sips":
	default:
		return "", false
	}
	user := s[i+1:]
	if at := strings.IndexByte(user, '@'); at >= 0 {
		user = user[:at]
	}
	if semi := strings.IndexByte(user, ';'); semi >= 0 {
		user = user[:semi]
	}
	body := strings.TrimPrefix(user, "+")
	digits := 0
	for j := 0; j < len(body); j++ {
		switch c := body[j]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '-' || c == '.' || c == '(' || c == ')':
		default:
			return "", true
		}
	}
	if digits == 0 {
		return "", true
	}
	return user, true
}

// NumberKey is the E.164 key (digits, no '+') of a number as written, under
// the plan (the zero Plan when the case has none). ok is false when the
// number cannot be keyed without guessing: a short code, a length no plan
// allows, a national number with no plan to read it by, letters.
func (p Plan) NumberKey(written string) (string, bool) {
	d, plus, ok := SplitNumber(written)
	if !ok {
		return "", false
	}
	return p.Key(d, plus)
}

// Key is NumberKey for a number already split into digits (see SplitNumber).
// The returned key shares digits' memory when it is digits itself.
//
// The forms read, in this order: '+' then the international number; the
// trunk prefix then a national significant number (09714499703), or a
// national form of the plan's quirks (quirks.go); a national significant
// number alone, where the plan's operators write them so (9714499703 in
// India); an international prefix of the plan (00, 011, 810, Brazil's 00
// and a carrier code) or "00" then the international number; and digits
// that are a country code of a known plan followed by a national
// significant number of that plan (919714499703, 447700900123), at least
// nine digits in all (a shorter local number, 4930123, is not taken for
// one), whatever the case's plan.
func (p Plan) Key(d string, plus bool) (string, bool) {
	if !allDigits(d) {
		return "", false
	}
	if plus {
		return international(d)
	}
	if p.CC != "" {
		if k, ok := p.national(d); ok {
			return k, true
		}
		if k, ok, tried := p.viaIntl(d); tried {
			return k, ok
		}
	} else if strings.HasPrefix(d, "00") {
		return international(d[2:])
	}
	if len(d) < 9 {
		return "", false
	}
	cc, rest, ok := countryCode(d)
	if !ok {
		return "", false
	}
	if q := plansByCC[cc]; q != nil {
		return q.keyOf(rest, true, d)
	}
	return "", false
}

// viaIntl reads d after an international prefix of the plan or "00";
// tried is false when d starts with none. Several prefixes may fit
// (Colombia's 009 and 00; Brazil's 0043, 00 and Austria's 43): the
// plan's own prefixes are read first, longest first, and the first
// reading that gives a key is taken, unless another reading gives a
// different key of a country whose plan is known (0043 1 212 555 0123
// in Brazil is +1 212 555 0123 through carrier 43, or Vienna's
// +43 1 2125550123 written with 00): such a number is refused.
func (p *Plan) viaIntl(d string) (key string, ok, tried bool) {
	conflict := false
	read := func(x string) {
		if !strings.HasPrefix(d, x) {
			return
		}
		tried = true
		k, kok := international(d[len(x):])
		switch {
		case !kok:
		case !ok:
			key, ok = k, true
		case k != key && plansByCC[CallingCode(k)] != nil:
			conflict = true
		}
	}
	has00 := false
	for _, x := range p.Intl {
		read(x)
		has00 = has00 || x == "00"
	}
	if !has00 {
		read("00")
	}
	if conflict {
		return "", false, true
	}
	return key, ok, tried
}

// national reads d as a number of the plan written nationally.
func (p *Plan) national(d string) (string, bool) {
	if k, ok := p.nationalQuirk(d); ok {
		return k, true
	}
	if p.Trunk != "" && strings.HasPrefix(d, p.Trunk) {
		if k, ok := p.keyOf(d[len(p.Trunk):], false, ""); ok {
			return k, true
		}
	}
	if p.Bare && (p.BareFirst == "" || strings.IndexByte(p.BareFirst, d[0]) >= 0) {
		return p.keyOf(d, false, "")
	}
	return "", false
}

// international checks digits written after '+' or an international
// prefix: a known country's national significant number must be one of
// its plan's (a trunk prefix written after the country code, as in
// +44 (0)20..., is dropped; the plan's quirks are read, see keyOf); any
// other country's number must be 7 to 15 digits long in all.
func international(d string) (string, bool) {
	cc, rest, ok := countryCode(d)
	if !ok || len(d) > 16 {
		return "", false
	}
	q := plansByCC[cc]
	if q == nil {
		return d, len(d) >= 7 && len(d) <= 15
	}
	// a known plan's keys are at most 15 digits (plans.csv); 16 are read
	// only with a trunk prefix after the country code (+43 (0)...)
	if k, ok := q.keyOf(rest, true, d); ok {
		return k, true
	}
	if q.Trunk != "" && strings.HasPrefix(rest, q.Trunk) {
		return q.keyOf(rest[len(q.Trunk):], true, "")
	}
	return "", false
}

// PlanError says why the numbering plan of a file cannot be told from its
// numbers: the same number gets different keys under the candidates.
type PlanError struct {
	Number     string   // a number whose key depends on the plan, as written
	Candidates []string // plans under which every number sampled has a key
	Keys       []string // its key under each candidate, in the same order
}

func (e *PlanError) Error() string {
	// one reading per key, with the plans that give it
	var keys []string
	under := map[string][]string{}
	for i, c := range e.Candidates {
		if under[e.Keys[i]] == nil {
			keys = append(keys, e.Keys[i])
		}
		under[e.Keys[i]] = append(under[e.Keys[i]], c)
	}
	var alts []string
	for _, k := range keys {
		plans := under[k]
		list := plans[len(plans)-1]
		if len(plans) > 1 {
			list = strings.Join(plans[:len(plans)-1], ", ") + " and " + list
		}
		alts = append(alts, fmt.Sprintf("%s under %s", k, list))
	}
	if len(alts) == 0 {
		return fmt.Sprintf("cannot tell which country's numbering plan the numbers follow (%s is written without a country code and fits none of %s alone); say which with --country", e.Number, Countries())
	}
	return fmt.Sprintf("cannot tell which country's numbering plan the numbers follow: %s is written without a country code and would be %s; say which with --country (ISO code: %s); numbers of another country (Colombia's 3005722406, say) are keyed under none of these: import them with that country's --country (--country CO) or written with their country code (+57 3005722406), never under another country's plan",
		e.Number, strings.Join(alts, " or "), Countries())
}

// disputes says whether the plans of cands give d different keys.
func disputes(cands []Plan, d string, plus bool) bool {
	for j := 1; j < len(cands); j++ {
		k0, _ := cands[0].Key(d, plus)
		if k, _ := cands[j].Key(d, plus); k != k0 {
			return true
		}
	}
	return false
}

// InferPlan decides a numbering plan from numbers as a file writes them:
// subs are subscriber (target) numbers, others the other parties. It
// returns the plan's ISO code and whether the keys depend on it:
//
//   - when every known plan that keys all the numbers gives each the same
//     key, no plan is needed; the country is returned when every keyed
//     subscriber number belongs to it (a file of 12-digit numbers starting
//     91 is Indian), else "";
//   - when the keys differ, the plans are narrowed to those whose country
//     code some number carries (+91 ..., 0091 ..., 91 and ten digits); one
//     left is the answer, none or several is a *PlanError.
//
// Numbers that no plan can key (short codes, senders' names) are ignored.
// Only the plans marked infer in plans.csv are chosen: the others (ES, BR,
// ...) write national numbers of 8 to 11 digits that other countries'
// files hold too (an Indian local landline is 8 digits, a Danish number
// too), and are used only when --country or the case names them.
func InferPlan(subs, others []string) (country string, needed bool, err error) {
	type num struct {
		written, d string
		plus       bool
	}
	var nums []num
	for _, list := range [][]string{subs, others} {
		for _, w := range list {
			if d, plus, ok := SplitNumber(w); ok {
				nums = append(nums, num{w, d, plus})
			}
		}
	}
	var cands []Plan
	for _, p := range plans {
		if !p.Infer {
			continue // named by --country only (plans.csv)
		}
		all := true
		for _, n := range nums {
			if _, ok := p.Key(n.d, n.plus); !ok && anyPlanKeys(n.d, n.plus) {
				all = false
				break
			}
		}
		if all {
			cands = append(cands, p)
		}
	}
	var disputed *num
	for i, n := range nums {
		if disputes(cands, n.d, n.plus) {
			disputed = &nums[i]
			break
		}
	}
	if disputed == nil && len(cands) > 0 {
		for _, n := range nums {
			if _, ok := (Plan{}).Key(n.d, n.plus); !ok && anyPlanKeys(n.d, n.plus) {
				// keyed the same by every candidate, and only with a plan:
				// the candidates share a country code (US and CA)
				return cands[0].Country, true, nil
			}
		}
		return subscriberCountry(subs), false, nil
	}
	// narrow to the countries whose code the numbers carry. A number whose
	// key itself depends on the plan carries nothing: 84912345678 reads as
	// Vietnam's +84 912345678 or, with Russia's trunk 8, as +7 491 234-56-78,
	// and a file of such numbers alone is refused, never keyed under either
	carried := map[string]bool{}
	for _, n := range nums {
		if disputes(cands, n.d, n.plus) {
			continue
		}
		if k, ok := (Plan{}).Key(n.d, n.plus); ok {
			if cc, _, ok := countryCode(k); ok {
				carried[cc] = true
			}
		}
	}
	var left []Plan
	for _, p := range cands {
		if carried[p.CC] {
			left = append(left, p)
		}
	}
	if len(left) > 1 { // US and CA share +1: the same keys
		same := true
		for _, p := range left[1:] {
			if p.CC != left[0].CC {
				same = false
			}
		}
		if same {
			left = left[:1]
		}
	}
	if len(left) == 1 {
		return left[0].Country, true, nil
	}
	e := &PlanError{}
	if disputed == nil {
		for _, n := range nums {
			if _, ok := (Plan{}).Key(n.d, n.plus); !ok && anyPlanKeys(n.d, n.plus) {
				e.Number = n.written
				break
			}
		}
		return "", true, e
	}
	e.Number = disputed.written
	for _, p := range cands {
		if p.Country == "CA" {
			continue // the same keys as US
		}
		k, _ := p.Key(disputed.d, disputed.plus)
		e.Candidates = append(e.Candidates, p.Country)
		e.Keys = append(e.Keys, k)
	}
	return "", true, e
}

// anyPlanKeys: a plan InferPlan may choose keys d (a number only Spain's
// or Denmark's plan reads, 8 or 9 digits, is an Indian file's local
// landline as often, and is ignored like one).
func anyPlanKeys(d string, plus bool) bool {
	for _, p := range plans {
		if !p.Infer {
			continue
		}
		if _, ok := p.Key(d, plus); ok {
			return true
		}
	}
	return false
}

// subscriberCountry is the one known country every keyed subscriber
// number belongs to, or "": only a plan InferPlan may choose (a file of
// +45 subscribers is no reason to read its eight-digit numbers as Danish).
func subscriberCountry(subs []string) string {
	count := map[string]int{}
	keyed := 0
	for _, w := range subs {
		k, ok := (Plan{}).NumberKey(w)
		if !ok {
			continue
		}
		keyed++
		if cc, _, ok := countryCode(k); ok && plansByCC[cc] != nil && plansByCC[cc].Infer {
			count[plansByCC[cc].Country]++
		}
	}
	if keyed == 0 || len(count) != 1 {
		return ""
	}
	for c, n := range count {
		if n == keyed {
			return c
		}
	}
	return ""
}

// SortedCountries is Countries as a slice, sorted (for flag help).
func SortedCountries() []string {
	var c []string
	for _, p := range plans {
		c = append(c, p.Country)
	}
	sort.Strings(c)
	return c
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// unwrap trims spaces and the quotes a spreadsheet or an export put
// around a value: "...", '...', ="...", a leading apostrophe.
func unwrap(s string) string {
	s = strings.TrimSpace(s)
	for k := 0; k < 2; k++ {
		n := len(s)
		switch {
		case n >= 3 && s[0] == '=' && s[1] == '"' && s[n-1] == '"':
			s = strings.TrimSpace(s[2 : n-1])
		case n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n-1] == s[0]:
			s = strings.TrimSpace(s[1 : n-1])
		}
	}
	if s != "" && s[0] == '\'' {
		s = strings.TrimSpace(s[1:])
	}
	return s
}
