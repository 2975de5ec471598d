package casework

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ident"
)

// CallsReport is A's contacts by calls: what the Calls pane's contacts view
// shows and `cdrtui calls --json` prints.
type CallsReport struct {
	MSISDN   string                 `json:"msisdn"`
	Records  int                    `json:"records"`  // A's voice records (in scope)
	Contacts []analysis.CallContact `json:"contacts"` // numbers, most calls and SMS first
	Senders  []analysis.CallContact `json:"senders"`  // alphanumeric SMS senders, grouped apart
	InCase   map[string]bool        `json:"in_case"`  // contact keys that are subscribers of the case (their records can be opened)
	Scope    TimeScope              `json:"time_scope,omitzero"`
}

// subscriberCalls resolves a to its subscriber and reads its voice records
// in scope.
func subscriberCalls(ctx context.Context, st CallsCase, a string, ts TimeScope) (int64, string, []analysis.CallEvent, error) {
	id, err := st.SubscriberID(ctx, a)
	if err != nil {
		return 0, "", nil, err
	}
	msisdn, err := st.SubscriberMSISDN(ctx, id)
	if err != nil {
		return 0, "", nil, err
	}
	recs, err := st.CallRecords(ctx, id, ts.From, ts.To)
	return id, msisdn, recs, err
}

// Calls lists every other party of A's voice records with calls and SMS
// each way, talk time, first and last contact, night share and A's cells
// (analysis.ContactsByCalls), numbers matched by their canonical key and
// shown as written, alphanumeric senders apart.
func Calls(ctx context.Context, st CallsCase, a string, ts TimeScope) (*CallsReport, error) {
	_, msisdn, recs, err := subscriberCalls(ctx, st, a, ts)
	if err != nil {
		return nil, err
	}
	rep := &CallsReport{MSISDN: msisdn, Records: len(recs), Contacts: []analysis.CallContact{}, Senders: []analysis.CallContact{},
		InCase: map[string]bool{}, Scope: ts}
	var keys []string
	for _, c := range analysis.ContactsByCalls(recs) {
		if c.Alpha {
			rep.Senders = append(rep.Senders, c)
			continue
		}
		rep.Contacts = append(rep.Contacts, c)
		keys = append(keys, cmp.Or(c.Key, c.Number))
	}
	subs, err := st.SubscribersByKey(ctx, keys)
	if err != nil {
		return nil, err
	}
	for k := range subs {
		rep.InCase[k] = true
	}
	return rep, nil
}

// CommonReport is the numbers several subscribers share: `cdrtui common
// --json`.
type CommonReport struct {
	Subscribers []string                `json:"subscribers"` // as keyed in the case
	Min         int                     `json:"min"`
	Numbers     []analysis.CommonNumber `json:"numbers"` // most subscribers first
	Scope       TimeScope               `json:"time_scope,omitzero"`
}

// contactsOf reads each subscriber's contacts by calls.
func contactsOf(ctx context.Context, st CallsCase, subs []string, ts TimeScope) ([]string, [][]analysis.CallContact, error) {
	keys := make([]string, len(subs))
	contacts := make([][]analysis.CallContact, len(subs))
	seen := map[string]bool{}
	for i, s := range subs {
		_, msisdn, recs, err := subscriberCalls(ctx, st, s, ts)
		if err != nil {
			return nil, nil, err
		}
		if seen[msisdn] {
			return nil, nil, fmt.Errorf("%s is given twice (as %s)", msisdn, s)
		}
		seen[msisdn] = true
		keys[i], contacts[i] = msisdn, analysis.ContactsByCalls(recs)
	}
	return keys, contacts, nil
}

// Common lists the numbers in contact (calls or SMS, either way) with at
// least min of the subscribers (analysis.CommonNumbers).
func Common(ctx context.Context, st CallsCase, subs []string, min int, ts TimeScope) (*CommonReport, error) {
	if len(subs) < 2 {
		return nil, fmt.Errorf("common numbers need at least two subscribers, got %d", len(subs))
	}
	keys, contacts, err := contactsOf(ctx, st, subs, ts)
	if err != nil {
		return nil, err
	}
	min = max(min, 2)
	nums := analysis.CommonNumbers(keys, contacts, min)
	if nums == nil {
		nums = []analysis.CommonNumber{}
	}
	return &CommonReport{Subscribers: keys, Min: min, Numbers: nums, Scope: ts}, nil
}

// BridgeReport answers "who links these two groups".
type BridgeReport struct {
	Group1  []string          `json:"group1"`
	Group2  []string          `json:"group2"`
	Bridges []analysis.Bridge `json:"bridges"`
	Scope   TimeScope         `json:"time_scope,omitzero"`
}

// Bridges lists the numbers in contact with both groups (analysis.Bridges).
func Bridges(ctx context.Context, st CallsCase, g1, g2 []string, ts TimeScope) (*BridgeReport, error) {
	if len(g1) == 0 || len(g2) == 0 {
		return nil, fmt.Errorf("two groups are needed")
	}
	k1, c1, err := contactsOf(ctx, st, g1, ts)
	if err != nil {
		return nil, err
	}
	k2, c2, err := contactsOf(ctx, st, g2, ts)
	if err != nil {
		return nil, err
	}
	for _, k := range k1 {
		if slices.Contains(k2, k) {
			return nil, fmt.Errorf("%s is in both groups", k)
		}
	}
	b := analysis.Bridges(k1, k2, c1, c2)
	if b == nil {
		b = []analysis.Bridge{}
	}
	return &BridgeReport{Group1: k1, Group2: k2, Bridges: b, Scope: ts}, nil
}

// ChainsReport is A's relay chains: `cdrtui chains --json`.
type ChainsReport struct {
	A       string           `json:"a"`
	WithinS int64            `json:"within_s"`
	Min     int              `json:"min"`
	Parties int              `json:"parties_followed"` // Bs that are subscribers of the case, whose calls were read
	Missing []string         `json:"parties_without_records"`
	Chains  []analysis.Chain `json:"chains"`
	Method  string           `json:"method"`
	Scope   TimeScope        `json:"time_scope,omitzero"`
}

// ChainMethod says how Expected is computed, for the report and the pane.
const ChainMethod = "expected: B's calls shifted circularly by 1, 2 ... whole days (up to 28) within the span, counted the same way, averaged"

// Chains finds A→B→C relays within the window (analysis.Chains): A's calls
// out, and the calls out of every B A called that is a subscriber of the
// case (a B without records of its own cannot be followed; it is listed in
// Missing).
func Chains(ctx context.Context, st CallsCase, a string, within int64, min int, ts TimeScope) (*ChainsReport, error) {
	if within <= 0 {
		return nil, fmt.Errorf("the window must be positive")
	}
	_, msisdn, recs, err := subscriberCalls(ctx, st, a, ts)
	if err != nil {
		return nil, err
	}
	called := map[string]bool{}
	var keys []string
	for _, r := range recs {
		if p := r.Party(); r.Type == "VOICE_OUT" && p != "" && p != msisdn && !called[p] {
			called[p] = true
			keys = append(keys, p)
		}
	}
	subs, err := st.SubscribersByKey(ctx, keys)
	if err != nil {
		return nil, err
	}
	rep := &ChainsReport{A: msisdn, WithinS: within, Min: max(min, 1), Missing: []string{}, Method: ChainMethod, Scope: ts}
	bCalls := map[string][]analysis.CallEvent{}
	for _, k := range keys {
		s, ok := subs[k]
		if !ok {
			rep.Missing = append(rep.Missing, k)
			continue
		}
		b, err := st.CallRecords(ctx, s.ID, ts.From, ts.To)
		if err != nil {
			return nil, err
		}
		bCalls[k] = b
		rep.Parties++
	}
	rep.Chains = analysis.Chains(msisdn, recs, bCalls, within, rep.Min)
	if rep.Chains == nil {
		rep.Chains = []analysis.Chain{}
	}
	return rep, nil
}

// SilencesReport is A's silences and bursts: `cdrtui silences --json`.
type SilencesReport struct {
	MSISDN   string                   `json:"msisdn"`
	Baseline analysis.SilenceBaseline `json:"baseline"`
	Silences []analysis.Silence       `json:"silences"`
	Bursts   []analysis.Burst         `json:"bursts"`
	Scope    TimeScope                `json:"time_scope,omitzero"`
}

// Silences finds the periods when A produced no record at all, voice or
// data, for longer than usual for A, and the hours of unusual call and
// SMS activity (analysis.Silences, analysis.Bursts).
func Silences(ctx context.Context, st CallsCase, a string, ts TimeScope) (*SilencesReport, error) {
	id, msisdn, recs, err := subscriberCalls(ctx, st, a, ts)
	if err != nil {
		return nil, err
	}
	data, err := st.DataEvents(ctx, id)
	if err != nil {
		return nil, err
	}
	data = ts.events(data)
	acts := make([]analysis.Activity, 0, len(recs)+len(data))
	for _, r := range recs {
		what := r.Type
		if r.Other != "" {
			what += " " + r.Other
		}
		acts = append(acts, analysis.Activity{Start: r.Start, Offset: r.Offset, Kind: "voice", What: what, SourceID: r.SourceID, Line: r.Line})
	}
	for _, d := range data {
		what := "data session"
		if d.DestPort >= 0 {
			what += " to port " + strconv.Itoa(d.DestPort)
		}
		acts = append(acts, analysis.Activity{Start: d.Start, Offset: d.WallOffset, Kind: "data", What: what, SourceID: d.SourceID, Line: d.Line})
	}
	slices.SortStableFunc(acts, func(x, y analysis.Activity) int { return int(x.Start - y.Start) })
	s, base := analysis.Silences(acts)
	rep := &SilencesReport{MSISDN: msisdn, Baseline: base, Silences: s, Bursts: analysis.Bursts(recs), Scope: ts}
	if rep.Silences == nil {
		rep.Silences = []analysis.Silence{}
	}
	if rep.Bursts == nil {
		rep.Bursts = []analysis.Burst{}
	}
	return rep, nil
}

// InternationalReport is A's calls abroad and records on foreign networks.
type InternationalReport struct {
	MSISDN    string                  `json:"msisdn"`
	Home      string                  `json:"home_country_code"` // the case's numbering plan's, "" when it has none
	HomeMCCs  []string                `json:"home_mccs"`         // the SIMs' and the case country's
	Countries []analysis.CountryCalls `json:"countries"`
	Roaming   []analysis.RoamingSpell `json:"roaming"`
	Note      string                  `json:"note,omitempty"`
	Scope     TimeScope               `json:"time_scope,omitzero"`
}

// International groups A's calls and SMS with foreign numbers by country
// (by the numbering plan: the key's country code against the case's), and
// lists A's runs of records, voice and data, on foreign networks (a cell
// whose MCC is not that of A's SIM nor of the case's country).
func International(ctx context.Context, st CallsCase, a string, ts TimeScope) (*InternationalReport, error) {
	id, msisdn, recs, err := subscriberCalls(ctx, st, a, ts)
	if err != nil {
		return nil, err
	}
	data, err := st.DataCellRecords(ctx, id, ts.From, ts.To)
	if err != nil {
		return nil, err
	}
	plan, _, err := st.NumberingPlan(ctx)
	if err != nil {
		return nil, err
	}
	rep := &InternationalReport{MSISDN: msisdn, Home: plan.CC, HomeMCCs: []string{}, Scope: ts}
	home := map[string]bool{}
	for _, m := range ident.HomeMCCs(plan.Country) {
		home[m] = true
	}
	for _, r := range append(slices.Clone(recs), data...) {
		if len(r.IMSI) >= 5 {
			home[r.IMSI[:3]] = true
		}
	}
	for m := range home {
		rep.HomeMCCs = append(rep.HomeMCCs, m)
	}
	slices.Sort(rep.HomeMCCs)
	if rep.Home == "" {
		rep.Home = ident.CallingCode(msisdn)
		rep.Note = "the case has no numbering plan; home is A's own country code"
	}
	rep.Countries = analysis.International(analysis.ContactsByCalls(recs), rep.Home)
	if rep.Countries == nil {
		rep.Countries = []analysis.CountryCalls{}
	}
	if len(rep.HomeMCCs) == 0 {
		rep.Roaming = []analysis.RoamingSpell{}
		rep.Note = strings.TrimPrefix(rep.Note+"; no home network known (no IMSI, no country): roaming not told", "; ")
		return rep, nil
	}
	placed := append(slices.Clone(recs), data...) // voice and data records, in time order
	slices.SortStableFunc(placed, func(x, y analysis.CallEvent) int { return cmp.Compare(x.Start, y.Start) })
	rep.Roaming = analysis.Roaming(placed, rep.HomeMCCs)
	if rep.Roaming == nil {
		rep.Roaming = []analysis.RoamingSpell{}
	}
	return rep, nil
}

// CallRecordRow is one record behind a contact, with the file and line
// it was read from.
type CallRecordRow struct {
	At       string `json:"at"` // wall clock as written
	Type     string `json:"call_type"`
	Other    string `json:"other"` // as written
	Duration int64  `json:"duration_s"`
	Cell     string `json:"cell"`
	IMEI     string `json:"imei,omitempty"`
	Source   string `json:"source"`
	Line     int64  `json:"line"`
}

// CallsWith lists A's records with one other party (matched by key, as
// in Calls: any form of the number; an alphanumeric sender as written),
// in time order, each with its file and line: the records behind a row of
// contacts by calls.
func CallsWith(ctx context.Context, st CallsCase, a, party string, ts TimeScope) ([]CallRecordRow, error) {
	_, _, recs, err := subscriberCalls(ctx, st, a, ts)
	if err != nil {
		return nil, err
	}
	want := party
	if key, ok, err := st.NumberKey(ctx, party); err == nil && ok {
		want = key
	}
	paths, err := st.SourcePaths(ctx)
	if err != nil {
		return nil, err
	}
	out := []CallRecordRow{}
	for _, r := range recs {
		if p := r.Party(); p != want && p != party {
			continue
		}
		out = append(out, CallRecordRow{At: r.Moment().String(), Type: r.Type, Other: r.Other, Duration: r.Duration,
			Cell: r.Cell, IMEI: r.IMEI, Source: paths[r.SourceID], Line: r.Line})
	}
	return out, nil
}
