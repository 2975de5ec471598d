package ident

import (
	"fmt"
	"strings"
)

// PlanConflict says that a file's numbers do not follow the case's
// numbering plan: keyed under it they would be wrong (another country's
// national numbers read as the case's) or not keyed at all.
type PlanConflict struct {
	Case    string // the case's plan (ISO code)
	File    string // the plan the file's numbers follow, "" when none tells
	Number  string // a number of the file, as written
	CaseKey string // its key under the case's plan, "" when it has none
	FileKey string // its key under File
	Why     string // what shows the file's plan (its numbers, its layout)
}

func (c *PlanConflict) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "this file's numbers do not follow the case's numbering plan %s: %s", c.Case, c.Why)
	under := "no key"
	if c.CaseKey != "" {
		under = "key " + c.CaseKey
	}
	if c.File != "" {
		fmt.Fprintf(&b, "; %s would get %s under %s but %s under %s", c.Number, under, c.Case, c.FileKey, c.File)
		fmt.Fprintf(&b, ". Import it with --country %s to key this file's numbers under %s (the case keeps %s, the source records it), or with --country %s if they really are %s numbers", c.File, c.File, c.Case, c.Case, c.Case)
		return b.String()
	}
	fmt.Fprintf(&b, "; %s would get %s under %s. Import it with --country naming the plan its numbers follow (known: %s); the case keeps %s and the source records the plan", c.Number, under, c.Case, Countries(), c.Case)
	return b.String()
}

// CheckPlan tells whether numbers a file writes (subs: its subscribers,
// others: the other parties) follow the case's plan p. hint is the
// country the file's layout belongs to ("" when it does not tell), hintWhy
// what in the layout says so. It returns nil when keying the file under p
// is right, or the conflict:
//
//   - the numbers themselves settle another plan (InferPlan), one whose
//     country code some subscriber number carries, under which some
//     number gets another key than under p;
//   - the layout is another country's and some number written nationally
//     gets another key under that country's plan than under p;
//   - most subscriber numbers that some known plan keys are not keyed by p
//     (they would be kept with no key and never meet their other records).
//
// Numbers written with their country code get the same key under every
// plan and never conflict.
func CheckPlan(p Plan, subs, others []string, hint, hintWhy string) *PlanConflict {
	if p.CC == "" {
		return nil
	}
	differ := func(q Plan) (string, string, string, bool) {
		for _, list := range [][]string{subs, others} {
			for _, w := range list {
				d, plus, ok := SplitNumber(w)
				if !ok {
					continue
				}
				kq, okq := q.Key(d, plus)
				if !okq {
					continue
				}
				if kp, _ := p.Key(d, plus); kp != kq {
					return w, kp, kq, true
				}
			}
		}
		return "", "", "", false
	}
	// the subscribers' own country codes: an other party written +1 in an
	// Indian CDR says nothing of the plan its national numbers follow
	carried := map[string]bool{}
	for _, w := range subs {
		if k, ok := (Plan{}).NumberKey(w); ok {
			if cc, _, ok := countryCode(k); ok {
				carried[cc] = true
			}
		}
	}
	if c, needed, err := InferPlan(subs, others); err == nil && needed && c != "" {
		if q, _ := PlanFor(c); q.CC != p.CC && carried[q.CC] {
			if w, kp, kq, ok := differ(q); ok {
				return &PlanConflict{Case: p.Country, File: q.Country, Number: w, CaseKey: kp, FileKey: kq,
					Why: "its numbers follow " + q.Country}
			}
		}
	}
	if q, ok := PlanFor(hint); ok && q.CC != p.CC {
		if w, kp, kq, ok := differ(q); ok {
			return &PlanConflict{Case: p.Country, File: q.Country, Number: w, CaseKey: kp, FileKey: kq, Why: hintWhy}
		}
	}
	var misfit []string
	keyable := 0
	for _, w := range subs {
		d, plus, ok := SplitNumber(w)
		if !ok || !anyPlanKeys(d, plus) {
			continue
		}
		keyable++
		if _, ok := p.Key(d, plus); !ok {
			misfit = append(misfit, w)
		}
	}
	if keyable == 0 || 2*len(misfit) <= keyable {
		return nil
	}
	c := &PlanConflict{Case: p.Country, Number: misfit[0],
		Why: fmt.Sprintf("%d of the %d subscriber numbers sampled do not fit it", len(misfit), keyable)}
	d, plus, _ := SplitNumber(misfit[0])
	var alts []string
	for _, q := range plans {
		if k, ok := q.Key(d, plus); ok && q.Country != "CA" {
			alts = append(alts, fmt.Sprintf("%s under %s", k, q.Country))
			if c.File == "" {
				c.File, c.FileKey = q.Country, k
			}
		}
	}
	if len(alts) > 1 {
		c.File, c.FileKey = "", ""
		c.Why += " (" + misfit[0] + " would be " + strings.Join(alts, " or ") + ")"
	}
	return c
}
