package analysis

import (
	"cmp"
	"slices"
	"strings"
)

// CommonNumber is a number in contact with several of the given
// subscribers.
type CommonNumber struct {
	Number  string         `json:"number"` // as written (the form most records wrote)
	Key     string         `json:"key"`    // E.164 key, "" when it has none
	Linked  []string       `json:"linked"` // the subscribers in contact with it, in the order given
	Count   int            `json:"count"`  // len(Linked)
	Per     map[string]int `json:"per"`    // calls and SMS with each linked subscriber
	Total   int            `json:"total"`  // calls and SMS with all of them
	Suspect bool           `json:"suspect,omitempty"`
}

// contactIndex is one subscriber's contacts by party.
func contactIndex(cs []CallContact) map[string]*CallContact {
	m := make(map[string]*CallContact, len(cs))
	for i := range cs {
		c := &cs[i]
		m[cmp.Or(c.Key, c.Number)] = c
	}
	return m
}

// CommonNumbers lists the numbers in contact with at least min of the
// subscribers (min < 2 counts as 2): subs are their numbers (E.164 keys
// where keyed) and contacts[i] is ContactsByCalls of subs[i]. A number is
// matched by its key; one of the subscribers themselves is listed too when
// it is in contact with enough of the others (Suspect). Most subscribers
// first, then most calls and SMS, then by number.
func CommonNumbers(subs []string, contacts [][]CallContact, min int) []CommonNumber {
	min = max(min, 2)
	isSub := map[string]bool{}
	for _, s := range subs {
		isSub[s] = true
	}
	byParty := map[string]*CommonNumber{}
	var order []string
	for i, cs := range contacts {
		for j := range cs {
			c := &cs[j]
			party := cmp.Or(c.Key, c.Number)
			if party == subs[i] {
				continue
			}
			n := byParty[party]
			if n == nil {
				n = &CommonNumber{Number: c.Number, Key: c.Key, Per: map[string]int{}, Suspect: isSub[party]}
				byParty[party] = n
				order = append(order, party)
			}
			if _, seen := n.Per[subs[i]]; !seen {
				n.Linked = append(n.Linked, subs[i])
			}
			n.Per[subs[i]] += c.Interactions()
			n.Total += c.Interactions()
		}
	}
	var out []CommonNumber
	for _, p := range order {
		n := byParty[p]
		n.Count = len(n.Linked)
		if n.Count >= min {
			out = append(out, *n)
		}
	}
	slices.SortStableFunc(out, func(a, b CommonNumber) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(b.Total, a.Total), strings.Compare(a.Number, b.Number))
	})
	return out
}

// Bridge is a number in contact with both of two groups of subscribers.
type Bridge struct {
	Number string   `json:"number"`
	Key    string   `json:"key"`
	Group1 []string `json:"group1"` // members of group 1 in contact with it (or it is one)
	Group2 []string `json:"group2"`
	Total  int      `json:"total"`            // calls and SMS with the members of both groups
	Member int      `json:"member,omitempty"` // 1 or 2 when the number is itself a member of that group
}

// Bridges answers "who links these two groups": every number in contact
// with at least one member of each group. A member of one group in contact
// with the other group is listed too (Member), counting as linked to its
// own group. contacts1[i] is ContactsByCalls of g1[i], and so for group 2.
// Ranked by the smaller of the two groups' links (a number touching three
// of each outranks one touching five of one and one of the other), then
// by the larger, then by calls and SMS.
func Bridges(g1, g2 []string, contacts1, contacts2 [][]CallContact) []Bridge {
	type acc struct {
		b      Bridge
		s1, s2 map[string]bool
	}
	all := map[string]*acc{}
	var order []string
	get := func(party, number, key string) *acc {
		a := all[party]
		if a == nil {
			a = &acc{b: Bridge{Number: number, Key: key}, s1: map[string]bool{}, s2: map[string]bool{}}
			all[party] = a
			order = append(order, party)
		}
		return a
	}
	add := func(g []string, cs [][]CallContact, group int) {
		for i, list := range cs {
			for j := range list {
				c := &list[j]
				party := cmp.Or(c.Key, c.Number)
				if party == g[i] {
					continue
				}
				a := get(party, c.Number, c.Key)
				a.b.Total += c.Interactions()
				if group == 1 {
					a.s1[g[i]] = true
				} else {
					a.s2[g[i]] = true
				}
			}
		}
	}
	add(g1, contacts1, 1)
	add(g2, contacts2, 2)
	for gi, g := range [][]string{g1, g2} {
		for _, m := range g {
			if a := all[m]; a != nil {
				a.b.Member = gi + 1
				if gi == 0 {
					a.s1[m] = true
				} else {
					a.s2[m] = true
				}
			}
		}
	}
	var out []Bridge
	for _, p := range order {
		a := all[p]
		if len(a.s1) == 0 || len(a.s2) == 0 {
			continue
		}
		for _, m := range g1 {
			if a.s1[m] {
				a.b.Group1 = append(a.b.Group1, m)
			}
		}
		for _, m := range g2 {
			if a.s2[m] {
				a.b.Group2 = append(a.b.Group2, m)
			}
		}
		out = append(out, a.b)
	}
	slices.SortStableFunc(out, func(a, b Bridge) int {
		lo := func(x Bridge) int { return min(len(x.Group1), len(x.Group2)) }
		hi := func(x Bridge) int { return max(len(x.Group1), len(x.Group2)) }
		return cmp.Or(cmp.Compare(lo(b), lo(a)), cmp.Compare(hi(b), hi(a)), cmp.Compare(b.Total, a.Total), strings.Compare(a.Number, b.Number))
	})
	return out
}
