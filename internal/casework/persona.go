package casework

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// PersonaOptions tune a persona.
type PersonaOptions struct {
	// Destinations is how many destinations to list, most records first
	// (0: DefaultDestinations; negative: all).
	Destinations int
	// RDNS asks Resolver for the names of the listed destinations that the
	// case does not know yet. Without it nothing goes to the network:
	// names looked up earlier are shown from the case.
	RDNS        bool
	Resolver    Resolver      // nil: SystemResolver
	RDNSTimeout time.Duration // per lookup; 0: DefaultRDNSTimeout
	// Scope counts only the records in this time scope (read from the
	// record tables instead of the summaries kept for the whole case).
	Scope TimeScope
}

// DefaultDestinations is how many destinations a persona lists.
const DefaultDestinations = 25

// Persona is who a subscriber is, from their data records: the paper's
// Table III (applications by frequency and share) with the dictionary's
// confidence, then handsets and SIMs, cells, destinations and hours.
type Persona struct {
	SubscriberID int64  `json:"-"`
	MSISDN       string `json:"msisdn"`
	Total        int64  `json:"total"` // data records
	VoiceRecords int64  `json:"voice_records"`
	Bytes        int64  `json:"bytes"`
	First        string `json:"first"` // wall clock of the first record (data or voice)
	Last         string `json:"last"`

	Dictionary   DictionaryInfo          `json:"dictionary"`
	Apps         []analysis.AppUse       `json:"apps"`
	UnknownPorts []analysis.PortUse      `json:"unknown_ports"`
	UnknownTotal int64                   `json:"unknown_total"`
	Hours        [24]int64               `json:"hours"` // data records per wall-clock hour
	IMEIs        []analysis.IdentityUse  `json:"imeis"`
	IMSIs        []analysis.IdentityUse  `json:"imsis"`
	Changes      []analysis.DeviceChange `json:"device_changes"`
	Cells        []PersonaCell           `json:"cells"`
	Destinations []PersonaDestination    `json:"destinations"`
	// DistinctDestinations counts every destination, listed or not.
	DistinctDestinations int `json:"distinct_destinations"`
	// TimeScope is the time scope the records were counted in.
	TimeScope TimeScope `json:"time_scope"`
	// RecordsPlaced are the records (data and voice) whose cell has a
	// position; PlacedShare their share of all, as location --json says it.
	RecordsPlaced int64   `json:"records_placed"`
	PlacedShare   float64 `json:"placed_share"`
	CellSites     bool    `json:"case_has_cell_sites"`
}

// PersonaCell is a cell the subscriber's records name.
type PersonaCell struct {
	ID           int64    `json:"-"`
	Cell         string   `json:"cell"`  // the form most records wrote
	Key          string   `json:"key"`   // MCC-MNC-LAC-CI, "" when the cell has none
	Forms        []string `json:"forms"` // every encoding written (dashed, decimal CGI, hex CGI)
	DataRecords  int64    `json:"data_records"`
	VoiceRecords int64    `json:"voice_records"`
	First        string   `json:"first"`
	Last         string   `json:"last"`
}

// PersonaDestination is a destination IP and port of the subscriber's data
// records, with its application and, when known, its reverse DNS.
type PersonaDestination struct {
	IP         string   `json:"ip"`   // "" when not given
	Port       int      `json:"port"` // -1 when not given
	App        string   `json:"app"`
	Records    int64    `json:"records"`
	Bytes      int64    `json:"bytes"`
	First      string   `json:"first"`
	Last       string   `json:"last"`
	Names      []string `json:"names,omitempty"`       // reverse DNS
	RDNSStatus string   `json:"rdns_status,omitempty"` // ok, none, error, timeout; "" never looked up
	LookedUpAt string   `json:"rdns_looked_up_at,omitempty"`
}

// FindSubscriber resolves the MSISDN an analyst typed: exactly as stored,
// else with spaces, dashes and a leading + or zeros removed, else the one
// subscriber whose MSISDN ends in those digits (at least six), so that a
// number typed without its country code is found. Several candidates are
// an error that names them.
func FindSubscriber(ctx context.Context, st Case, typed string) (int64, string, error) {
	typed = strings.TrimSpace(typed)
	id, err := st.SubscriberID(ctx, typed) // any form the case's numbering plan reads
	if err == nil {
		if n, ok := st.(subscriberNamer); ok {
			msisdn, err := n.SubscriberMSISDN(ctx, id)
			return id, msisdn, err
		}
		tot, err := st.SubscriberTotalsOf(ctx, id)
		return id, tot.MSISDN, err
	}
	if !errors.Is(err, store.ErrNoSubscriber) {
		return id, typed, err
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		if r == ' ' || r == '-' || r == '+' || r == '(' || r == ')' || r == '.' {
			return -1
		}
		return r
	}, typed)
	digits = strings.TrimLeft(digits, "0")
	if digits != typed && digits != "" {
		if id, err := st.SubscriberID(ctx, digits); err == nil {
			return id, digits, nil
		}
	}
	if len(digits) >= 6 {
		refs, err := st.MSISDNsEndingIn(ctx, digits, 6)
		if err != nil {
			return 0, "", err
		}
		switch len(refs) {
		case 1:
			return refs[0].ID, refs[0].MSISDN, nil
		case 0:
		default:
			var names []string
			for _, r := range refs {
				names = append(names, r.MSISDN)
			}
			more := ""
			if len(refs) == 6 {
				more = ", …"
			}
			return 0, "", fmt.Errorf("%w: %q matches %s%s: type more digits", store.ErrNoSubscriber, typed, strings.Join(names, ", "), more)
		}
	}
	return 0, "", fmt.Errorf("%w: %q", store.ErrNoSubscriber, typed)
}

// BuildPersona computes the persona of the subscriber typed as msisdn
// with dictionary d (described by info).
func BuildPersona(ctx context.Context, st Case, d *analysis.Dictionary, info DictionaryInfo, msisdn string, opts PersonaOptions) (*Persona, error) {
	id, _, err := FindSubscriber(ctx, st, msisdn)
	if err != nil {
		return nil, err
	}
	ts := opts.Scope
	totals, activities, devices, cells := st.SubscriberTotalsOf, st.PortActivities, st.DeviceUses, st.CellUses
	if ts.Set() {
		totals = func(ctx context.Context, id int64) (store.SubscriberTotals, error) {
			return st.SubscriberTotalsIn(ctx, id, ts.From, ts.To)
		}
		activities = func(ctx context.Context, ids []int64) ([]analysis.PortActivity, error) {
			return st.PortActivitiesIn(ctx, ids[0], ts.From, ts.To)
		}
		devices = func(ctx context.Context, id int64) ([]analysis.DeviceUse, error) {
			return st.DeviceUsesIn(ctx, id, ts.From, ts.To)
		}
		cells = func(ctx context.Context, id int64) ([]store.CellUse, error) {
			return st.CellUsesIn(ctx, id, ts.From, ts.To)
		}
	}
	// the questions are independent: a case on a cluster is asked them at
	// once (together), each filling its own part
	var tot store.SubscriberTotals
	var acts []analysis.PortActivity
	var uses []analysis.DeviceUse
	var cellUses []store.CellUse
	var dests []store.DestinationUse
	var distinct int
	var sites int64
	err = together(st,
		func() (err error) { tot, err = totals(ctx, id); return err },
		func() (err error) { acts, err = activities(ctx, []int64{id}); return err },
		func() (err error) { uses, err = devices(ctx, id); return err },
		func() (err error) { cellUses, err = cells(ctx, id); return err },
		func() (err error) { dests, distinct, err = destinations(ctx, st, id, opts); return err },
		func() (err error) { sites, err = siteCount(ctx, st); return err })
	if err != nil {
		return nil, err
	}
	p := &Persona{SubscriberID: id, MSISDN: tot.MSISDN, VoiceRecords: tot.VoiceRecords, Dictionary: info, TimeScope: ts}
	if !tot.First.IsZero() {
		p.First, p.Last = tot.First.String(), tot.Last.String()
	}
	prof := analysis.BuildProfile(acts, d)
	p.Total, p.Bytes, p.Hours = prof.Total, prof.Bytes, prof.Hours
	p.Apps, p.UnknownPorts, p.UnknownTotal = nonNil(prof.Apps), nonNil(prof.Unknown), prof.UnknownTotal

	p.IMEIs, p.IMSIs, p.Changes = analysis.DeviceHistory(uses)
	p.IMEIs, p.IMSIs, p.Changes = nonNil(p.IMEIs), nonNil(p.IMSIs), nonNil(p.Changes)

	p.Cells = make([]PersonaCell, 0, len(cellUses))
	for _, c := range cellUses {
		p.Cells = append(p.Cells, PersonaCell{ID: c.CellID, Cell: c.Cell, Key: c.Key, Forms: c.Forms, DataRecords: c.DataRecords, VoiceRecords: c.VoiceRecords,
			First: c.First.String(), Last: c.Last.String()})
	}
	if err := p.addPlaced(ctx, st, sites); err != nil {
		return nil, err
	}
	if err := p.addDestinations(ctx, st, d, opts, dests, distinct); err != nil {
		return nil, err
	}
	return p, nil
}

// addPlaced counts the records whose cell has a position (on a case
// with a cell-site table: a local case and a ClickHouse case both).
// sites is the case's count of cell sites (siteCount).
func (p *Persona) addPlaced(ctx context.Context, c Case, sites int64) error {
	st, ok := c.(cellSites)
	if !ok || sites == 0 {
		return nil
	}
	p.CellSites = true
	refs := make([]store.CellRef, len(p.Cells))
	for i, c := range p.Cells {
		refs[i] = store.CellRef{ID: c.ID, Cell: c.Cell, Key: c.Key}
	}
	placed, err := st.PlacedCells(ctx, refs)
	if err != nil {
		return err
	}
	for _, c := range p.Cells {
		if placed[c.ID] {
			p.RecordsPlaced += c.DataRecords + c.VoiceRecords
		}
	}
	if all := p.Total + p.VoiceRecords; all > 0 {
		p.PlacedShare = math.Round(float64(p.RecordsPlaced)/float64(all)*10000) / 10000
	}
	return nil
}

// siteCount is how many cell sites the case holds (0 for a case without
// a cell-site table).
func siteCount(ctx context.Context, c Case) (int64, error) {
	st, ok := c.(cellSites)
	if !ok {
		return 0, nil
	}
	n, _, err := st.CellSiteCount(ctx)
	return n, err
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// destinations is the busiest destinations of the subscriber the persona
// shows (opts.Destinations, DefaultDestinations for 0, all when
// negative), their first and last use's offsets filled, and how many
// destinations there are.
func destinations(ctx context.Context, st Case, sub int64, opts PersonaOptions) ([]store.DestinationUse, int, error) {
	n := opts.Destinations
	if n == 0 {
		n = DefaultDestinations
	}
	ts := opts.Scope
	var all []store.DestinationUse
	var distinct int
	var err error
	if top, ok := st.(topDestinations); ok {
		all, distinct, err = top.TopDestinationUses(ctx, sub, ts.From, ts.To, n)
	} else {
		if ts.Set() {
			all, err = st.DestinationUsesIn(ctx, sub, ts.From, ts.To)
		} else {
			all, err = st.DestinationUses(ctx, sub)
		}
		distinct = len(all)
		if n > 0 && len(all) > n {
			all = all[:n]
		}
	}
	if err != nil {
		return nil, 0, err
	}
	return all, distinct, st.FillOffsets(ctx, sub, all)
}

func (p *Persona) addDestinations(ctx context.Context, st Case, d *analysis.Dictionary, opts PersonaOptions, all []store.DestinationUse, distinct int) error {
	p.DistinctDestinations = distinct
	var err error
	ips := make([]string, 0, len(all))
	for _, u := range all {
		ips = append(ips, u.IP)
	}
	var names map[string]store.RDNSEntry
	if opts.RDNS {
		r := opts.Resolver
		if r == nil {
			r = SystemResolver()
		}
		keeper, ok := st.(rdnsKeeper)
		if !ok {
			return errors.New("this case keeps no reverse DNS answers; ask without --rdns")
		}
		names, err = LookupNames(ctx, keeper, r, ips, opts.RDNSTimeout)
	} else {
		names, err = CachedNames(ctx, st, ips)
	}
	if err != nil {
		return err
	}
	p.Destinations = make([]PersonaDestination, 0, len(all))
	for _, u := range all {
		pd := PersonaDestination{IP: u.IP, Port: u.Port, App: d.App(u.Port), Records: u.Records, Bytes: u.Bytes,
			First: u.First.String(), Last: u.Last.String()}
		if e, ok := names[u.IP]; ok {
			pd.Names, pd.RDNSStatus = e.Names, e.Status
			pd.LookedUpAt = time.Unix(e.LookedUpAt, 0).UTC().Format(time.RFC3339)
		}
		p.Destinations = append(p.Destinations, pd)
	}
	return nil
}

// AppPorts returns the selection of an application's records: the port
// ranges whose primary application it is (records without a port for
// "no port"; the one port of an unknown "port N").
func AppPorts(d *analysis.Dictionary, app string) store.DataSelection {
	sel := store.DataSelection{ByPort: true}
	if app == analysis.NoPortApp {
		sel.NoPort = true
		return sel
	}
	sel.Ports = d.Ports(app)
	if port, ok := unknownPort(app); ok && len(sel.Ports) == 0 {
		sel.Ports = [][2]int{{port, port}}
	}
	return sel
}
