package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// CountryCalls is a subscriber's calls and SMS with numbers of one foreign
// country, told by the E.164 country code of the numbers' keys.
type CountryCalls struct {
	Code     string   `json:"country_code"`
	Country  string   `json:"country"` // "" when cdrtui does not know the code
	CallsOut int      `json:"calls_out"`
	CallsIn  int      `json:"calls_in"`
	SMSOut   int      `json:"sms_out"`
	SMSIn    int      `json:"sms_in"`
	TalkS    int64    `json:"talk_s"`
	Numbers  []string `json:"numbers"` // as written, most records first
	First    string   `json:"first"`
	Last     string   `json:"last"`
}

// International groups contacts (ContactsByCalls) whose key has a country
// code other than home (the case's numbering plan's, e.g. "91") by country,
// most calls and SMS first. Numbers with no key (short codes, senders'
// names, numbers no plan could read) are never counted as foreign.
func International(contacts []CallContact, home string) []CountryCalls {
	by := map[string]*CountryCalls{}
	firsts, lasts := map[string]Moment{}, map[string]Moment{}
	for i := range contacts {
		c := &contacts[i]
		if c.Key == "" || c.Country == "" || c.Country == home {
			continue
		}
		cc := by[c.Country]
		if cc == nil {
			cc = &CountryCalls{Code: c.Country, Country: ident.CountryName(c.Country)}
			by[c.Country] = cc
			firsts[c.Country], lasts[c.Country] = c.First, c.Last
		}
		cc.CallsOut += c.CallsOut
		cc.CallsIn += c.CallsIn
		cc.SMSOut += c.SMSOut
		cc.SMSIn += c.SMSIn
		cc.TalkS += c.TalkS
		cc.Numbers = append(cc.Numbers, c.Number)
		if c.First.Unix < firsts[c.Country].Unix {
			firsts[c.Country] = c.First
		}
		if c.Last.Unix > lasts[c.Country].Unix {
			lasts[c.Country] = c.Last
		}
	}
	var out []CountryCalls
	for code, cc := range by {
		cc.First, cc.Last = firsts[code].String(), lasts[code].String()
		out = append(out, *cc)
	}
	total := func(c CountryCalls) int { return c.CallsOut + c.CallsIn + c.SMSOut + c.SMSIn }
	slices.SortFunc(out, func(a, b CountryCalls) int {
		return cmp.Or(cmp.Compare(total(b), total(a)), strings.Compare(a.Code, b.Code))
	})
	return out
}

// RoamingSpell is a run of consecutive records made on one foreign network
// (a cell whose MCC is not the subscriber's home network's).
type RoamingSpell struct {
	Network string   `json:"network"` // MCC-MNC of the cells
	Country string   `json:"country"` // of the MCC, "" when unknown
	From    string   `json:"from"`
	To      string   `json:"to"`
	Records int      `json:"records"`
	Cells   []string `json:"cells"` // as written, most records first
	First   int64    `json:"-"`
}

// Roaming lists the runs of records (sorted by start) made on cells of a
// foreign network: a cell whose key's MCC is none of home (the home
// network's MCCs: the SIM's, from its IMSI, and the case's country's).
// Records whose cell has no key cannot be placed and end no run.
func Roaming(recs []CallEvent, home []string) []RoamingSpell {
	isHome := map[string]bool{}
	for _, h := range home {
		isHome[h] = true
	}
	var out []RoamingSpell
	var cells map[string]int
	open := false
	for _, r := range recs {
		if r.CellKey == "" {
			continue
		}
		parts := strings.SplitN(r.CellKey, "-", 3)
		if len(parts) < 2 {
			continue
		}
		mcc, net := parts[0], parts[0]+"-"+parts[1]
		if isHome[mcc] {
			if open {
				out[len(out)-1].Cells = byCount(cells)
			}
			open = false
			continue
		}
		if !open || out[len(out)-1].Network != net {
			if open {
				out[len(out)-1].Cells = byCount(cells)
			}
			out = append(out, RoamingSpell{Network: net, Country: ident.MCCCountry(mcc), From: r.Moment().String(), First: r.Start})
			cells, open = map[string]int{}, true
		}
		s := &out[len(out)-1]
		s.To = r.Moment().String()
		s.Records++
		cells[cmp.Or(r.Cell, r.CellKey)]++
	}
	if open {
		out[len(out)-1].Cells = byCount(cells)
	}
	return out
}
