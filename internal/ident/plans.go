package ident

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Plan is a country's numbering plan: what cdrtui needs to turn a number
// written nationally into its E.164 key.
type Plan struct {
	Country string   // ISO 3166 code (IN, US, GB ...)
	CC      string   // E.164 country code (91)
	Trunk   string   // national prefix (0; 1 in the NANP; 8 in Russia)
	Intl    []string // international prefixes besides '+', longest first (00, 011, 810)
	NSN     []int    // lengths of a national significant number
	First   string   // digits a national significant number may start with
	Bare    bool     // national numbers are written without the trunk prefix too
	// BareFirst, when set, limits Bare to the numbers starting with one of
	// its digits (Peru writes mobiles, 9..., without its trunk 0, never
	// its landlines)
	BareFirst string
	// Infer: the plan may be told from a file's numbers alone (InferPlan);
	// the others are used only when --country or the case names them
	Infer bool
	pat   *regexp.Regexp // a national significant number must match it whole; nil: any
}

//go:embed plans.csv
var plansCSV string

var (
	plans     []Plan
	plansByCC = map[string]*Plan{}
)

func init() {
	for _, line := range strings.Split(plansCSV, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "iso,") {
			continue
		}
		f := strings.Split(line, ",")
		if len(f) < 9 {
			panic("ident: plans.csv: " + line)
		}
		p := Plan{Country: f[0], CC: f[1], Trunk: f[2], Intl: strings.Fields(f[3]), First: f[5], Infer: f[7] == "yes"}
		switch f[6] {
		case "yes":
			p.Bare = true
		case "no":
		default:
			p.Bare, p.BareFirst = true, f[6]
		}
		if pat := strings.Join(f[8:], ","); pat != "" {
			p.pat = regexp.MustCompile(`^(?:` + pat + `)$`)
		}
		for _, n := range strings.Fields(f[4]) {
			var v int
			if _, err := fmt.Sscanf(n, "%d", &v); err != nil {
				panic("ident: plans.csv: " + line)
			}
			p.NSN = append(p.NSN, v)
		}
		sort.Slice(p.Intl, func(i, j int) bool { return len(p.Intl[i]) > len(p.Intl[j]) })
		plans = append(plans, p)
	}
	for i := range plans {
		if _, ok := plansByCC[plans[i].CC]; !ok {
			plansByCC[plans[i].CC] = &plans[i]
		}
	}
}

// Plans returns the numbering plans cdrtui knows, in table order.
func Plans() []Plan { return append([]Plan(nil), plans...) }

// PlanFor returns the plan of an ISO 3166 country code (case-insensitive).
func PlanFor(iso string) (Plan, bool) {
	iso = strings.ToUpper(strings.TrimSpace(iso))
	for _, p := range plans {
		if p.Country == iso {
			return p, true
		}
	}
	return Plan{}, false
}

// Countries lists the ISO codes of the known plans, for messages.
func Countries() string {
	var c []string
	for _, p := range plans {
		c = append(c, p.Country)
	}
	return strings.Join(c, ", ")
}

// nsnOK reports whether n is a national significant number of the plan.
func (p *Plan) nsnOK(n string) bool {
	if n == "" || strings.IndexByte(p.First, n[0]) < 0 {
		return false
	}
	for _, l := range p.NSN {
		if len(n) == l {
			return p.pat == nil || p.pat.MatchString(n)
		}
	}
	return false
}

// countryCode splits the E.164 country code off digits by ITU's rule: zones
// 1 and 7 are one digit, the two-digit codes are those listed, every other
// code is three digits.
func countryCode(d string) (cc, rest string, ok bool) {
	if len(d) < 4 {
		return "", "", false
	}
	switch d[0] {
	case '0':
		return "", "", false
	case '1', '7':
		return d[:1], d[1:], true
	}
	if twoDigitCC[d[:2]] {
		return d[:2], d[2:], true
	}
	return d[:3], d[3:], true
}

var twoDigitCC = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49
		51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98`) {
		m[c] = true
	}
	return m
}()
