package analysis

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// PortActivity is one subscriber's data records on one destination port:
// the activity summary of the case (Port < 0: the record gave no port).
type PortActivity struct {
	Port    int
	Records int64
	Bytes   int64
	Hours   [24]int64 // records per hour of the wall clock (0 = 00:00-00:59)
}

// PortDetail is what the dictionary says about one port an application was
// seen on, and how many records used it.
type PortDetail struct {
	Port         int      `json:"port"`
	Count        int64    `json:"count"`
	Protocol     string   `json:"protocol,omitempty"`
	Confidence   string   `json:"confidence"`
	Note         string   `json:"note,omitempty"`
	Origin       string   `json:"origin"`
	Alternatives []string `json:"alternatives,omitempty"` // other applications the port may be, best first
}

// AppUse is one row of the persona (Table III of the paper): an
// application, its records ("frequency"), their share of all the
// subscriber's data records, and how sure the attribution is.
type AppUse struct {
	App     string  `json:"app"`
	Count   int64   `json:"count"`
	Percent float64 `json:"percent"` // of all data records, 2 decimals
	Bytes   int64   `json:"bytes"`
	Vendor  string  `json:"vendor,omitempty"`
	// Confidence is that of the rule carrying most of the app's records;
	// Mixed is set when the app's ports have different confidences.
	Confidence string       `json:"confidence"`
	Mixed      bool         `json:"mixed_confidence,omitempty"`
	Ports      []PortDetail `json:"ports"` // ports seen, most records first
	Hours      [24]int64    `json:"-"`
}

// Alternatives returns the other applications any of the app's ports may
// be, in the order first met (most used port first).
func (a AppUse) Alternatives() []string {
	var out []string
	for _, p := range a.Ports {
		for _, alt := range p.Alternatives {
			if !slices.Contains(out, alt) {
				out = append(out, alt)
			}
		}
	}
	return out
}

// PortUse is the records on one port no dictionary rule covers.
type PortUse struct {
	Port    int       `json:"port"`
	Count   int64     `json:"count"`
	Percent float64   `json:"percent"`
	Bytes   int64     `json:"bytes"`
	Hours   [24]int64 `json:"-"`
}

// Profile is the persona of a subscriber from its data records.
type Profile struct {
	Total        int64     // data records
	Bytes        int64     // total volume
	Apps         []AppUse  // known applications and "no port", most records first
	Unknown      []PortUse // ports no rule covers, most records first
	UnknownTotal int64     // records on those ports
	Hours        [24]int64 // all records per wall-clock hour
}

// BuildProfile attributes each port's records to its application with d
// and ranks the applications. Percentages are of all the data records
// (known, unknown and portless), rounded to two decimals as Table III
// prints them; ties are ordered by name (by port for unknown ports).
func BuildProfile(acts []PortActivity, d *Dictionary) Profile {
	var p Profile
	byApp := map[string]*AppUse{}
	unknown := map[int]*PortUse{}
	for _, a := range acts {
		p.Total += a.Records
		p.Bytes += a.Bytes
		addHours(&p.Hours, a.Hours)
		rules := d.Lookup(a.Port)
		if a.Port >= 0 && len(rules) == 0 {
			u := unknown[a.Port]
			if u == nil {
				u = &PortUse{Port: a.Port}
				unknown[a.Port] = u
			}
			u.Count += a.Records
			u.Bytes += a.Bytes
			addHours(&u.Hours, a.Hours)
			p.UnknownTotal += a.Records
			continue
		}
		name := d.App(a.Port)
		u := byApp[name]
		if u == nil {
			u = &AppUse{App: name, Vendor: d.VendorOf(name)}
			byApp[name] = u
		}
		u.Count += a.Records
		u.Bytes += a.Bytes
		addHours(&u.Hours, a.Hours)
		u.Ports = addPortDetail(u.Ports, a, rules)
	}
	for _, u := range byApp {
		finishApp(u, p.Total)
		p.Apps = append(p.Apps, *u)
	}
	slices.SortFunc(p.Apps, func(a, b AppUse) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return strings.Compare(a.App, b.App)
	})
	for _, u := range unknown {
		u.Percent = Percent(u.Count, p.Total)
		p.Unknown = append(p.Unknown, *u)
	}
	slices.SortFunc(p.Unknown, func(a, b PortUse) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return a.Port - b.Port
	})
	return p
}

func addHours(dst *[24]int64, src [24]int64) {
	for h, n := range src {
		dst[h] += n
	}
}

// addPortDetail merges one port's records into an app's port list (the
// same port can come twice when the summary was filled by several imports).
func addPortDetail(ports []PortDetail, a PortActivity, rules []PortRule) []PortDetail {
	for i := range ports {
		if ports[i].Port == a.Port {
			ports[i].Count += a.Records
			return ports
		}
	}
	pd := PortDetail{Port: a.Port, Count: a.Records}
	if len(rules) > 0 {
		best := rules[0]
		pd.Protocol, pd.Confidence, pd.Note, pd.Origin = best.Protocol, best.Confidence, best.Note, best.Origin
		for _, r := range rules[1:] {
			if r.App != best.App && !slices.Contains(pd.Alternatives, r.App) {
				pd.Alternatives = append(pd.Alternatives, r.App)
			}
		}
	} else {
		pd.Confidence = "none"
		pd.Note = "the records give no destination port"
	}
	return append(ports, pd)
}

// finishApp orders the app's ports, sets its percentage, vendor and
// confidence (that of the port with most records).
func finishApp(u *AppUse, total int64) {
	slices.SortFunc(u.Ports, func(a, b PortDetail) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return a.Port - b.Port
	})
	u.Percent = Percent(u.Count, total)
	if len(u.Ports) > 0 {
		u.Confidence = u.Ports[0].Confidence
		for _, pd := range u.Ports[1:] {
			if pd.Confidence != u.Confidence {
				u.Mixed = true
			}
		}
	}
}

// Percent is 100·n/total rounded to two decimals; 0 when total is 0.
func Percent(n, total int64) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(10000*float64(n)/float64(total)) / 100
}

// VendorOf returns the vendor the dictionary gives an application (the
// first rule naming it), "" when none.
func (d *Dictionary) VendorOf(app string) string {
	for _, i := range d.ranked {
		if d.rules[i].App == app && d.rules[i].Vendor != "" {
			return d.rules[i].Vendor
		}
	}
	return ""
}
