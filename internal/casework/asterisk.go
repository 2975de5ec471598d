package casework

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// AsteriskOptions choose what the Asterisk report covers.
type AsteriskOptions struct {
	Filter store.PBXFilter // calls kept (dates, number, disposition, modem)
	Top    int             // recipients listed; 0 means 20
	// Case is the case whose IPDR and voice records the modems' IMEIs are
	// looked for in, in the filter's time scope: the case itself (for a
	// case on ClickHouse, not its PBX copy, which keeps no records). Nil
	// is the PBX case given, which must then be a local case.
	Case Case
}

// AsteriskReport is a seized PBX at a glance: its calls by day, month,
// disposition, weekday × hour and recipient, its modems joined to their
// calls and to the subscribers whose records carried their IMEIs, its SIP
// peers, the zone its clocks ran in. The CLI prints it; the pane draws it.
type AsteriskReport struct {
	Calls       int64            `json:"calls"`
	Filtered    bool             `json:"filtered"`
	Copies      int64            `json:"copies"`        // rows repeating a call (per-account files), kept once
	CallsByKind map[string]int64 `json:"calls_by_kind"` // asterisk-cdr, freeswitch-cdr, cucm-cdr, kamailio-acc, 3cx-cdr
	Timezone    string           `json:"timezone"`      // the zone(s) the calls' wall clocks were read in
	Zones       []ZoneEntry      `json:"zones"`         // what the images' zone files say
	First       string           `json:"first"`
	Last        string           `json:"last"`
	// BillSec is the talk time of the calls whose records give it.
	BillSec int64 `json:"billsec"`
	// NoDuration counts the calls whose records give their talk time
	// (billsec) but no whole duration (an Issabel CDR Report export, a
	// CUCM or 3CX record without its end): every figure here is talk time.
	NoDuration int64 `json:"calls_without_duration"`
	// NoBillSec counts the calls whose records give no talk time (a
	// Kamailio acc_cdrs row, an answered acc INVITE without its BYE): every
	// talk-time figure here leaves them out.
	NoBillSec int64 `json:"calls_without_talk_time"`
	// NoTimes counts the calls in both counts above, with neither: the
	// calls with talk time only are NoDuration - NoTimes.
	NoTimes      int64            `json:"calls_without_duration_or_talk_time"`
	PerDay       map[string]int64 `json:"per_day"`
	PerMonth     map[string]int64 `json:"per_month"`
	Dispositions map[string]int64 `json:"dispositions"`
	// HeatCalls and HeatBillSec: weekday (Monday first) × hour of the wall clock.
	HeatCalls     [7][24]int64              `json:"heat_calls"`
	HeatBillSec   [7][24]int64              `json:"heat_billsec"`
	TopRecipients []analysis.RecipientTotal `json:"top_recipients"`
	// Directions counts calls by direction; DirectionReasons groups them
	// by the rule (channel, peer, setting) that decided each one.
	Directions       map[string]int64     `json:"directions"`
	DirectionReasons []store.PBXDirection `json:"direction_reasons"`
	// ClockChecks: the CDR's clock checked against its uniqueids and the
	// messages log; a disagreement comes first.
	ClockChecks []store.PBXCheck    `json:"clock_checks"`
	Queues      []store.QueueReport `json:"queues"`
	CEL         store.CELSummary    `json:"cel"` // Channel Event Logging: events, calls, calls a CDR is tied to
	Dongles     []DongleReport      `json:"dongles"`
	SIPPeers    []PeerReport        `json:"sip_peers"`
	// OutboundRoutes are the dial plan's patterns that send the number
	// dialled out through a trunk (FreePBX's outrt-N contexts among them).
	OutboundRoutes  []store.PBXRoute `json:"outbound_routes"`
	DialPlanNumbers []string         `json:"dialplan_numbers"`
	LogByLevel      map[string]int64 `json:"log_by_level"`
	HistoryLines    int64            `json:"history_lines"`

	summary analysis.PBXSummary
}

// ZoneEntry is one zone file of an image.
type ZoneEntry struct {
	Path string `json:"path"`
	Root string `json:"root"`
	Zone string `json:"zone"`
	How  string `json:"how"`
}

// DongleReport is a modem: dongle.conf's declaration joined to the calls on
// its Dongle/<name>-... channels and to the subscribers whose IPDR or voice
// records carried its IMEI.
type DongleReport struct {
	Name     string          `json:"name"`
	IMEI     string          `json:"imei"`
	IMSI     string          `json:"imsi"`
	Exten    string          `json:"exten"`
	Calls    int64           `json:"calls"`
	Answered int64           `json:"answered"`
	BillSec  int64           `json:"billsec"`
	Minutes  float64         `json:"minutes"`
	First    string          `json:"first"`
	Last     string          `json:"last"`
	Source   string          `json:"source"` // path:line of the section, "" when only calls name the modem
	Notes    string          `json:"notes"`
	SeenIn   []store.IMEIHit `json:"seen_in"`
}

// PeerReport is a SIP party of sip.conf or pjsip.conf.
type PeerReport struct {
	Name     string `json:"name"`
	Host     string `json:"host"`
	Port     string `json:"port"`
	Type     string `json:"type"`
	Conf     string `json:"conf"`
	Username string `json:"username"`
	Context  string `json:"context"`
	Source   string `json:"source"` // path:line
	// NotLoaded says Asterisk never read the peer's file ("not loaded by
	// Asterisk: no #include from sip.conf reaches this file"), absent when
	// it did or the image cannot tell.
	NotLoaded string `json:"not_loaded,omitempty"`
}

// Asterisk builds the report.
func Asterisk(ctx context.Context, st *store.Store, opts AsteriskOptions) (*AsteriskReport, error) {
	if opts.Top == 0 {
		opts.Top = 20
	}
	calls, err := st.PBXCalls(ctx, opts.Filter)
	if err != nil {
		return nil, err
	}
	counts, err := st.PBXCounts(ctx)
	if err != nil {
		return nil, err
	}
	s := analysis.SummarisePBX(calls)
	r := &AsteriskReport{
		Calls: s.Calls, Filtered: !opts.Filter.IsZero(), Copies: counts.Copies, CallsByKind: counts.CallsByKind,
		Timezone: zoneSummary(counts.CallsByZone), BillSec: s.BillSec, NoDuration: s.NoDuration, NoBillSec: s.NoBillSec, NoTimes: s.NoTimes,
		PerDay: s.PerDay, PerMonth: s.PerMonth, Dispositions: s.Dispositions,
		HeatCalls: s.HeatCalls, HeatBillSec: s.HeatBillSec, TopRecipients: s.TopRecipients(opts.Top),
		LogByLevel: counts.LogByLevel, HistoryLines: counts.History, summary: s,
	}
	if r.TopRecipients == nil {
		r.TopRecipients = []analysis.RecipientTotal{}
	}
	if s.Calls > 0 {
		r.First, r.Last = s.First.String(), s.Last.String()
	}
	if r.DirectionReasons, err = st.PBXDirections(ctx, opts.Filter); err != nil {
		return nil, err
	}
	r.Directions = map[string]int64{}
	for _, d := range r.DirectionReasons {
		r.Directions[d.Direction] += d.Calls
	}
	if r.DirectionReasons == nil {
		r.DirectionReasons = []store.PBXDirection{}
	}
	if r.ClockChecks, err = st.PBXChecks(ctx); err != nil {
		return nil, err
	}
	if r.ClockChecks == nil {
		r.ClockChecks = []store.PBXCheck{}
	}
	if r.CEL, err = st.CELSummary(ctx); err != nil {
		return nil, err
	}
	if r.Queues, err = st.QueueReports(ctx); err != nil {
		return nil, err
	}
	if r.Queues == nil {
		r.Queues = []store.QueueReport{}
	}
	zones, err := st.HostZones(ctx)
	if err != nil {
		return nil, err
	}
	r.Zones = []ZoneEntry{}
	for _, z := range zones {
		r.Zones = append(r.Zones, ZoneEntry{Path: z.Path, Root: z.Root, Zone: z.Zone, How: z.How})
	}
	records := opts.Case
	if records == nil {
		records = st
	}
	if r.Dongles, err = dongleReports(ctx, st, records, s, opts.Filter); err != nil {
		return nil, err
	}
	peers, err := st.PBXPeers(ctx)
	if err != nil {
		return nil, err
	}
	r.SIPPeers = []PeerReport{}
	for _, p := range peers {
		r.SIPPeers = append(r.SIPPeers, PeerReport{Name: p.Name, Host: p.Host, Port: p.Port, Type: p.Type, Conf: p.Conf,
			Username: p.Username, Context: p.Context, Source: fmt.Sprintf("%s:%d", p.Path, p.Line), NotLoaded: p.NotLoaded})
	}
	if r.OutboundRoutes, err = st.PBXRoutes(ctx); err != nil {
		return nil, err
	}
	if r.OutboundRoutes == nil {
		r.OutboundRoutes = []store.PBXRoute{}
	}
	if r.DialPlanNumbers, err = st.DialPlanNumbers(ctx); err != nil {
		return nil, err
	}
	if r.DialPlanNumbers == nil {
		r.DialPlanNumbers = []string{}
	}
	return r, nil
}

// Summary is the analysis behind the report (for charts that need more
// than the JSON carries, such as every recipient).
func (r *AsteriskReport) Summary() analysis.PBXSummary { return r.summary }

// NoDurationSentence says how many calls have talk time only (n:
// NoDuration - NoTimes), "" when none.
func NoDurationSentence(n int64) string {
	if n == 0 {
		return ""
	}
	return analysis.Plural(n, "call has", "calls have") + " talk time only: the records give no whole duration (with ringing), shown as —"
}

// NoBillSecSentence says how many calls have no talk time in their
// records, "" when every call's is known.
func NoBillSecSentence(n int64) string {
	if n == 0 {
		return ""
	}
	return analysis.Plural(n, "call has", "calls have") + " no talk time in the records (a Kamailio acc_cdrs row, an answered call without its end): " +
		"left out of every talk-time total, shown as —"
}

// BilledText is a call record's talk time in seconds ("125 s billed"), or
// says it is unknown.
func BilledText(billsec *int64) string {
	if billsec == nil {
		return "talk time unknown"
	}
	return fmt.Sprintf("%d s billed", *billsec)
}

// zoneSummary names the zones the calls were read in: one name, or each
// with its share, "none (wall clock as written)" for files without one.
func zoneSummary(byZone map[string]int64) string {
	if len(byZone) == 0 {
		return ""
	}
	name := func(z string) string {
		if z == "" {
			return "none (wall clock as written)"
		}
		return z
	}
	if len(byZone) == 1 {
		for z := range byZone {
			return name(z)
		}
	}
	var parts []string
	for _, z := range analysis.SortedKeys(byZone) {
		parts = append(parts, fmt.Sprintf("%s (%d calls)", name(z), byZone[z]))
	}
	return strings.Join(parts, "; ")
}

// dongleReports joins dongle.conf's modems to their calls and to the
// records of the case that carried their IMEIs in the filter's time scope
// (the calls' own); modems that only calls name come last.
func dongleReports(ctx context.Context, st *store.Store, records Case, s analysis.PBXSummary, f store.PBXFilter) ([]DongleReport, error) {
	declared, err := st.PBXDongles(ctx)
	if err != nil {
		return nil, err
	}
	out := []DongleReport{}
	named := map[string]bool{}
	fill := func(d *DongleReport) error {
		if u := s.Dongles[d.Name]; u != nil {
			d.Calls, d.Answered, d.BillSec = u.Calls, u.Answered, u.BillSec
			d.Minutes = float64(u.BillSec) / 60
			d.First, d.Last = u.First.String(), u.Last.String()
		}
		d.SeenIn = []store.IMEIHit{}
		if d.IMEI != "" {
			hits, err := records.IMEIHitsIn(ctx, d.IMEI, f.From, f.To)
			if err != nil {
				return err
			}
			if hits != nil {
				d.SeenIn = hits
			}
		}
		return nil
	}
	for _, dd := range declared {
		d := DongleReport{Name: dd.Name, IMEI: dd.IMEI, IMSI: dd.IMSI, Exten: dd.Exten, Notes: dd.Notes,
			Source: fmt.Sprintf("%s:%d", dd.Path, dd.Line)}
		if err := fill(&d); err != nil {
			return nil, err
		}
		named[dd.Name] = true
		out = append(out, d)
	}
	var extra []string
	for name := range s.Dongles {
		if !named[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		d := DongleReport{Name: name, Notes: "named by call channels (Dongle/" + name + "-...) but by no dongle.conf in the case"}
		if err := fill(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// pbxKeeper is a case that keeps its PBX artefacts apart (a case on
// ClickHouse) and gives them as a local case for the PBX analyses.
type pbxKeeper interface {
	PBX(ctx context.Context) (*store.Store, error)
}

// PBXOf returns the case whose PBX artefacts Asterisk and the Asterisk
// pane read: a local case itself; for a case on ClickHouse its private
// SQLite copy of them (clickhouse.Store.PBX: the same tables, read by the
// same queries, so the same numbers), closed with the case.
func PBXOf(ctx context.Context, c Case) (*store.Store, error) {
	if st, ok := c.(*store.Store); ok {
		return st, nil
	}
	if k, ok := c.(pbxKeeper); ok {
		return k.PBX(ctx)
	}
	return nil, fmt.Errorf("%s keeps no PBX artefacts", c.Path())
}
