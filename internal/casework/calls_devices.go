package casework

import (
	"context"
	"slices"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// DevicesReport is A's handsets and SIMs over time, the changes, and the
// other numbers behind A's handsets and SIMs: `cdrtui devices --json`.
type DevicesReport struct {
	MSISDN  string         `json:"msisdn"`
	IMEIs   []DevicePeriod `json:"imeis"`
	IMSIs   []DevicePeriod `json:"imsis"`
	Changes []DeviceEvent  `json:"changes"`
	Shared  []SharedDevice `json:"shared"` // other numbers whose records carried one of A's handsets or SIMs
	Scope   TimeScope      `json:"time_scope,omitzero"`
}

// DevicePeriod is one handset or SIM with the period A used it.
type DevicePeriod struct {
	IMEI    string   `json:"imei,omitempty"`
	IMSI    string   `json:"imsi,omitempty"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Records int64    `json:"records"`
	With    []string `json:"with"`            // the SIMs in this handset, or the handsets this SIM sat in
	Forms   []string `json:"forms,omitempty"` // an IMEI written several ways (with, without check digit, IMEISV)
	Change  string   `json:"change,omitempty"`
}

// DeviceEvent is one flagged change.
type DeviceEvent struct {
	At   string `json:"at"`
	Kind string `json:"kind"` // "handset" (A's number in another handset), "SIM" (another SIM behind A's number), "shared handset", "SIM elsewhere"
	From string `json:"from"`
	To   string `json:"to"`
	// Alongside is set when From was still in use after To appeared.
	Alongside bool   `json:"alongside,omitempty"`
	Detail    string `json:"detail,omitempty"`
}

// SharedDevice is another number whose records carried one of A's
// handsets or SIMs: several MSISDNs behind one IMEI are often one person,
// and a SIM of A's in another number's records moved with it.
type SharedDevice struct {
	MSISDN  string `json:"msisdn"`
	IMEI    string `json:"imei,omitempty"`
	IMSI    string `json:"imsi,omitempty"`
	Via     string `json:"via"` // "handset" or "SIM": which of A's it shares
	From    string `json:"from"`
	To      string `json:"to"`
	Records int64  `json:"records"`
}

// Devices lists every handset (by handset key) and SIM in A's records,
// voice and data, with periods; the changes (a SIM moved to another
// handset, a new SIM behind the number); and the other subscribers whose
// records carried one of A's handsets or SIMs, each a "shared handset" or
// "SIM elsewhere" change at its first use. The sharing is read from the
// case's device summaries and is not narrowed by a time scope.
func Devices(ctx context.Context, st CallsCase, a string, ts TimeScope) (*DevicesReport, error) {
	id, err := st.SubscriberID(ctx, a)
	if err != nil {
		return nil, err
	}
	msisdn, err := st.SubscriberMSISDN(ctx, id)
	if err != nil {
		return nil, err
	}
	var uses []analysis.DeviceUse
	if ts.Set() {
		uses, err = st.DeviceUsesIn(ctx, id, ts.From, ts.To)
	} else {
		uses, err = st.DeviceUses(ctx, id)
	}
	if err != nil {
		return nil, err
	}
	imeis, imsis, changes := analysis.DeviceHistory(uses)
	rep := &DevicesReport{MSISDN: msisdn, IMEIs: []DevicePeriod{}, IMSIs: []DevicePeriod{}, Changes: []DeviceEvent{},
		Shared: []SharedDevice{}, Scope: ts}
	var handsets, sims []string
	for _, u := range imeis {
		rep.IMEIs = append(rep.IMEIs, DevicePeriod{IMEI: u.Value, From: u.First.String(), To: u.Last.String(), Records: u.Records,
			With: nonNil(u.With), Forms: formsIfMany(u.Forms), Change: u.Change})
		handsets = append(handsets, u.Key)
	}
	for _, u := range imsis {
		rep.IMSIs = append(rep.IMSIs, DevicePeriod{IMSI: u.Value, From: u.First.String(), To: u.Last.String(), Records: u.Records,
			With: nonNil(u.With), Change: u.Change})
		sims = append(sims, u.Key)
	}
	type at struct {
		unix int64
		ev   DeviceEvent
	}
	var evs []at
	for _, c := range changes {
		evs = append(evs, at{c.At.Unix, DeviceEvent{At: c.AtWall, Kind: c.Kind, From: c.From, To: c.To, Alongside: c.Alongside}})
	}
	sharers, err := st.DeviceSharers(ctx, handsets, sims)
	if err != nil {
		return nil, err
	}
	mine := map[string]bool{}
	for _, h := range handsets {
		mine[h] = true
	}
	mySIM := map[string]bool{}
	for _, s := range sims {
		mySIM[s] = true
	}
	flagged := map[string]bool{}
	for _, s := range sharers {
		if s.SubscriberID == id {
			continue
		}
		sd := SharedDevice{MSISDN: s.MSISDN, IMEI: s.IMEI, IMSI: s.IMSI, Records: s.Records,
			From: analysis.Moment{Unix: s.First}.String(), To: analysis.Moment{Unix: s.Last}.String()}
		kind, detail := "shared handset", s.MSISDN+" used handset "+s.IMEI
		sd.Via = "handset"
		if !mine[s.Handset] || s.Handset == "" {
			sd.Via, kind, detail = "SIM", "SIM elsewhere", "SIM "+s.IMSI+" in "+s.MSISDN+"'s records"
		}
		rep.Shared = append(rep.Shared, sd)
		if key := kind + s.MSISDN; !flagged[key] {
			flagged[key] = true
			from := msisdn
			evs = append(evs, at{s.First, DeviceEvent{At: sd.From, Kind: kind, From: from, To: s.MSISDN, Detail: detail}})
		}
	}
	slices.SortStableFunc(evs, func(x, y at) int { return int(x.unix - y.unix) })
	for _, e := range evs {
		rep.Changes = append(rep.Changes, e.ev)
	}
	return rep, nil
}

func formsIfMany(s []string) []string {
	if len(s) > 1 {
		return s
	}
	return nil
}
