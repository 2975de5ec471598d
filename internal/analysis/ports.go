package analysis

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// PortRule says which application a destination port (or range of ports)
// most likely belongs to, how sure that is and why.
type PortRule struct {
	Lo, Hi     int    // inclusive port range (Lo == Hi for one port)
	Protocol   string // "TCP", "UDP", "TCP+UDP" or "" (informative: matching uses the port only)
	App        string // application key, e.g. "WhatsApp", "Web (HTTPS)"
	Vendor     string
	Note       string // why, and what else uses the port
	Confidence string // "high", "medium", "low"
	Origin     string // "default" or the analyst's file name
}

// Covers reports whether the rule's range holds port.
func (r PortRule) Covers(port int) bool { return r.Lo <= port && port <= r.Hi }

// DefaultOrigin is the Origin of the rules shipped with cdrtui.
const DefaultOrigin = "default"

// analystOrigin is given to rules that reach With or NewDictionary with no Origin.
const analystOrigin = "analyst"

// NoPortApp is the application key of a record that has no destination port.
const NoPortApp = "no port"

// maxPort is the highest TCP/UDP port.
const maxPort = 65535

//go:embed ports_default.csv
var defaultPortsCSV []byte

// Dictionary maps destination ports to applications. It is immutable: With
// returns a new dictionary, so one value can be shared by panes and
// goroutines.
type Dictionary struct {
	rules  []PortRule // precedence order: newest layer first, then the given order
	layers []int      // layer of rules[i]; a higher layer takes precedence
	ranked []int      // indices into rules, best first (see Lookup)
	apps   []string   // apps[0] is unused; primary holds indices into apps
	// primary is the index in apps of each port's best rule, 0 when no rule
	// covers the port: App is one array read.
	primary [maxPort + 1]uint32
}

// DefaultDictionary returns the dictionary built from ports_default.csv:
// Table II of the paper with its ambiguities shown as lower-ranked
// alternatives, plus a few well-known ports marked as such in their notes.
// Each call parses the embedded file again (well under a millisecond), so no
// shared state is kept.
func DefaultDictionary() *Dictionary {
	rules, err := ParseDictionary(strings.NewReader(string(defaultPortsCSV)), DefaultOrigin)
	if err != nil {
		panic("analysis: embedded ports_default.csv is invalid: " + err.Error())
	}
	return NewDictionary(rules)
}

// NewDictionary builds a dictionary from rules such as ParseDictionary
// returns for a file written by MarshalCSV. The Origin of a rule names its
// precedence layer: rules of Origin "default" rank lowest, and the other
// origins rank by first appearance in rules, the first highest (MarshalCSV
// writes the best layer first, so a dictionary read back ranks as it did).
// A rule with an empty Origin gets "analyst". A rule outside 0..65535 or
// with Lo > Hi covers no port.
func NewDictionary(rules []PortRule) *Dictionary {
	var order []string // non-default origins by first appearance
	for _, r := range rules {
		o := originOf(r)
		if o != DefaultOrigin && !slices.Contains(order, o) {
			order = append(order, o)
		}
	}
	layerOf := func(r PortRule) int {
		o := originOf(r)
		if o == DefaultOrigin {
			return 0
		}
		return len(order) - slices.Index(order, o)
	}
	type entry struct {
		rule  PortRule
		layer int
	}
	entries := make([]entry, len(rules))
	for i, r := range rules {
		r.Origin = originOf(r)
		entries[i] = entry{r, layerOf(r)}
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return b.layer - a.layer })
	d := &Dictionary{}
	for _, e := range entries {
		d.rules = append(d.rules, e.rule)
		d.layers = append(d.layers, e.layer)
	}
	d.build()
	return d
}

// With returns a dictionary where the given rules take precedence over d's
// rules for the ports they cover (d's rules stay as lower-ranked
// alternatives). A rule of d that one of rules repeats (the same ports,
// application, vendor, protocol, confidence and note: a file started from
// "cdrtui ports CASE --csv") moves up into the new layer rather than being
// kept twice. Rules with an empty Origin get "analyst". d is not modified.
func (d *Dictionary) With(rules []PortRule) *Dictionary {
	top := 0
	if len(d.layers) > 0 {
		top = d.layers[0] // layers are stored in descending order
	}
	nd := &Dictionary{}
	repeated := map[PortRule]bool{}
	for _, r := range rules {
		r.Origin = originOf(r)
		nd.rules = append(nd.rules, r)
		nd.layers = append(nd.layers, top+1)
		r.Origin = ""
		repeated[r] = true
	}
	for i, r := range d.rules {
		if r.Origin = ""; repeated[r] {
			continue
		}
		nd.rules = append(nd.rules, d.rules[i])
		nd.layers = append(nd.layers, d.layers[i])
	}
	nd.build()
	return nd
}

func originOf(r PortRule) string {
	if r.Origin == "" {
		return analystOrigin
	}
	return r.Origin
}

// confidenceRank orders confidences: high 3, medium 2, low 1, anything else 0.
func confidenceRank(c string) int {
	switch c {
	case "high":
		return 3
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}

// build ranks the rules and paints the primary table: each port gets the
// app of the best rule covering it.
func (d *Dictionary) build() {
	d.ranked = make([]int, len(d.rules))
	for i := range d.ranked {
		d.ranked[i] = i
	}
	slices.SortStableFunc(d.ranked, func(i, j int) int {
		a, b := d.rules[i], d.rules[j]
		if d.layers[i] != d.layers[j] {
			return d.layers[j] - d.layers[i]
		}
		if wa, wb := a.Hi-a.Lo, b.Hi-b.Lo; wa != wb {
			return wa - wb
		}
		return confidenceRank(b.Confidence) - confidenceRank(a.Confidence)
	})
	d.apps = []string{""}
	appIndex := map[string]uint32{}
	for _, i := range d.ranked {
		r := d.rules[i]
		lo, hi := max(r.Lo, 0), min(r.Hi, maxPort)
		if lo > hi {
			continue
		}
		idx, ok := appIndex[r.App]
		if !ok {
			idx = uint32(len(d.apps))
			appIndex[r.App] = idx
			d.apps = append(d.apps, r.App)
		}
		for p := lo; p <= hi; p++ {
			if d.primary[p] == 0 {
				d.primary[p] = idx
			}
		}
	}
}

// Lookup returns every rule covering port, best first: rules of a later
// With (analyst rules) before earlier ones and the defaults, then narrower
// ranges, then higher confidence, then the order of the file. Empty for an
// unknown port.
func (d *Dictionary) Lookup(port int) []PortRule {
	var out []PortRule
	for _, i := range d.ranked {
		if d.rules[i].Covers(port) {
			out = append(out, d.rules[i])
		}
	}
	return out
}

// App returns the application key of port: the best rule's App, "port N"
// for a port no rule covers, or "no port" for port < 0 (absent). It is one
// array read and never allocates for ports 0..65535: the "port N" names are
// built once per process, on first need, as slices of one shared immutable
// string. (A port above 65535, which no protocol has, is formatted on each
// call.)
func (d *Dictionary) App(port int) string {
	switch {
	case port < 0:
		return NoPortApp
	case port > maxPort:
		return "port " + strconv.Itoa(port)
	}
	if i := d.primary[port]; i != 0 {
		return d.apps[i]
	}
	return unknownPortNames().name(port)
}

// portNames holds "port 0".."port 65535" as slices of one string.
type portNames struct {
	text string
	ends [maxPort + 2]uint32 // name of port p is text[ends[p]:ends[p+1]]
}

func (n *portNames) name(port int) string { return n.text[n.ends[port]:n.ends[port+1]] }

// unknownPortNames builds the "port N" names once; the result is never
// modified.
var unknownPortNames = sync.OnceValue(func() *portNames {
	n := &portNames{}
	var b strings.Builder
	b.Grow(11 * (maxPort + 1))
	for p := 0; p <= maxPort; p++ {
		b.WriteString("port ")
		b.WriteString(strconv.Itoa(p))
		n.ends[p+1] = uint32(b.Len())
	}
	n.text = b.String()
	return n
})

// Ports returns the port ranges whose primary app is app, merged and in
// ascending order: exactly the ports p with App(p) == app (for querying the
// records of one application). Nil for an app that is nowhere primary.
func (d *Dictionary) Ports(app string) [][2]int {
	idx := slices.Index(d.apps, app)
	if idx <= 0 {
		return nil
	}
	var out [][2]int
	for p := 0; p <= maxPort; p++ {
		if d.primary[p] != uint32(idx) {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == p-1 {
			out[n-1][1] = p
		} else {
			out = append(out, [2]int{p, p})
		}
	}
	return out
}

// Apps returns the distinct application names of all rules, sorted,
// including those that are only alternatives (for which Ports is empty).
func (d *Dictionary) Apps() []string {
	var out []string
	for _, r := range d.rules {
		out = append(out, r.App)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Rules returns a copy of the rules in precedence order: the newest layer
// (last With) first, then each layer in its file order. MarshalCSV writes
// them in this order.
func (d *Dictionary) Rules() []PortRule { return slices.Clone(d.rules) }
