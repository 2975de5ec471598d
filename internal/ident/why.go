package ident

import (
	"fmt"
	"strings"
)

// Why says why a number (its digits, and whether written with '+') gets
// no key under the plan, when it is refused on purpose: a form that
// reads two ways, or a national form that lacks what its key needs. It
// is "" for a number that is keyed, and for one that is simply no number
// of the plan (a short code, a length no plan allows).
func (p Plan) Why(d string, plus bool) string {
	if _, ok := p.Key(d, plus); ok || !allDigits(d) {
		return ""
	}
	if !plus && p.CC != "" {
		if a, b := p.intlReadings(d); a != "" {
			return fmt.Sprintf("reads two ways under %s: %s; not keyed by guess", p.Country, a+" or "+b)
		}
	}
	rest := d
	if plus || strings.HasPrefix(d, "00") {
		rest = strings.TrimPrefix(d, "00")
		cc, r, ok := countryCode(rest)
		if !ok {
			return ""
		}
		if q := plansByCC[cc]; q != nil {
			return q.whyNSN(r, true)
		}
		return ""
	}
	if p.Trunk != "" && strings.HasPrefix(d, p.Trunk) {
		if w := p.whyNSN(d[len(p.Trunk):], false); w != "" {
			return w
		}
	}
	if w := p.whyLocal(d); w != "" {
		return w
	}
	return p.whyNSN(d, false)
}

// intlReadings names two different keys that international prefixes of
// the plan (or 00) give d, one of them a known plan's; "" when none.
func (p *Plan) intlReadings(d string) (a, b string) {
	prefixes := append(append([]string(nil), p.Intl...), "00")
	type reading struct{ prefix, key string }
	var rs []reading
	for _, x := range prefixes {
		if strings.HasPrefix(d, x) {
			if k, ok := international(d[len(x):]); ok {
				rs = append(rs, reading{x, k})
			}
		}
	}
	for i := range rs {
		for j := i + 1; j < len(rs); j++ {
			if rs[i].key != rs[j].key && (plansByCC[CallingCode(rs[i].key)] != nil || plansByCC[CallingCode(rs[j].key)] != nil) {
				return "+" + rs[i].key + " after the international prefix " + rs[i].prefix, "+" + rs[j].key + " after " + rs[j].prefix
			}
		}
	}
	return "", ""
}

// whyLocal: national forms of the plan's quirks that cannot be keyed.
func (p *Plan) whyLocal(d string) string {
	switch p.Country {
	case "AR":
		if strings.HasPrefix(d, "15") && len(d) >= 8 && len(d) <= 10 {
			return "an Argentine mobile written locally (15 and the subscriber number) without its area code: which area's, the number does not say"
		}
	case "BR":
		if strings.HasPrefix(d, "90") {
			return "a Brazilian collect call (90 and a carrier code before the number): not read, write the number without its prefix"
		}
	}
	return ""
}

// whyNSN: a national significant number of the plan's country, written
// after its country code (afterCC) or nationally, refused for a reason
// of its own.
func (q *Plan) whyNSN(rest string, afterCC bool) string {
	switch q.CC {
	case "39":
		if strings.HasPrefix(rest, "0549") {
			return "0549 is San Marino's: six digits must follow it (+378 0549 xxxxxx)"
		}
	case "57":
		if len(rest) == 8 && rest[0] >= '1' && rest[0] <= '8' {
			return "a Colombian landline of eight digits, numbered before September 2021 (now 60, the area code and the seven digits): not keyed by guess"
		}
	case "55":
		if len(rest) == 10 && rest[2] == '7' {
			return "eight Brazilian digits starting 7: a mobile numbered before the ninth digit (today 9 and the eight) or a trunked-radio number that kept eight; not keyed by guess"
		}
	case "54":
		if afterCC && len(rest) == 13 && strings.HasPrefix(rest, "9") {
			return "an Argentine mobile written with both the 9 (from abroad) and the 15 (from a landline): not keyed by guess"
		}
	}
	return ""
}
