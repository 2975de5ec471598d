package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// DeviceUse is a subscriber's records made with one (IMSI, IMEI) pair, as
// the case's device summary holds it. Either value may be empty.
type DeviceUse struct {
	IMSI, IMEI  string
	Records     int64
	First, Last Moment
}

// IdentityUse is one handset (IMEI) or SIM (IMSI) a subscriber used.
type IdentityUse struct {
	Value     string `json:"value"`
	Records   int64  `json:"records"`
	First     Moment `json:"-"`
	Last      Moment `json:"-"`
	FirstWall string `json:"first"`
	LastWall  string `json:"last"`
	// With lists the other identity seen with this one (the IMSIs in an
	// IMEI, the IMEIs an IMSI sat in), sorted.
	With []string `json:"with,omitempty"`
	// Change is "" for the first identity seen, "replaced" when this one
	// took over after the previous one was last seen, "alongside" when
	// both were in use over the same period (two handsets, a dual-SIM
	// phone, or a SIM moved back and forth).
	Change string `json:"change,omitempty"`
	// Previous is the identity this one followed (first seen before it).
	Previous string `json:"previous,omitempty"`
	// Forms are the values as the records wrote them, sorted: a handset's
	// Value is its key (the first 14 digits of the IMEI), and its Forms the
	// IMEIs with or without check digit and IMEISVs that share it.
	Forms []string `json:"forms"`
}

// DeviceChange is one change of handset or SIM.
type DeviceChange struct {
	At     Moment `json:"-"`
	AtWall string `json:"at"`
	Kind   string `json:"kind"` // "handset" or "SIM"
	From   string `json:"from"`
	To     string `json:"to"`
	// Alongside is set when From was still used after To appeared.
	Alongside bool `json:"alongside,omitempty"`
}

// DeviceHistory groups a subscriber's device pairs into handsets (by the
// handset key of their IMEIs, ident.HandsetKey: one handset written with
// and without its check digit, or as an IMEISV, is listed once) and SIMs
// (IMSIs), each with its records and first and last use, ordered by
// first use; each identity after the first is flagged as a change, and the
// changes are listed in time order.
func DeviceHistory(uses []DeviceUse) (imeis, imsis []IdentityUse, changes []DeviceChange) {
	imeis = identities(uses, func(u DeviceUse) (string, string, string) { return handset(u.IMEI), u.IMEI, u.IMSI })
	imsis = identities(uses, func(u DeviceUse) (string, string, string) { return u.IMSI, u.IMSI, handset(u.IMEI) })
	changes = append(flagChanges(imeis, "handset"), flagChanges(imsis, "SIM")...)
	slices.SortStableFunc(changes, func(a, b DeviceChange) int {
		if a.At.Unix != b.At.Unix {
			return cmp.Compare(a.At.Unix, b.At.Unix)
		}
		return strings.Compare(a.Kind, b.Kind)
	})
	return imeis, imsis, changes
}

// handset is the handset key of an IMEI, or the IMEI when it has none.
func handset(imei string) string {
	if k := ident.HandsetKey(imei); k != "" {
		return k
	}
	return imei
}

func identities(uses []DeviceUse, pick func(DeviceUse) (value, written, other string)) []IdentityUse {
	index := map[string]int{}
	var out []IdentityUse
	for _, u := range uses {
		v, written, other := pick(u)
		if v == "" || u.Records == 0 {
			continue
		}
		i, ok := index[v]
		if !ok {
			i = len(out)
			index[v] = i
			out = append(out, IdentityUse{Value: v, First: u.First, Last: u.Last})
		}
		id := &out[i]
		id.Records += u.Records
		if u.First.Unix < id.First.Unix {
			id.First = u.First
		}
		if u.Last.Unix > id.Last.Unix {
			id.Last = u.Last
		}
		if other != "" && !slices.Contains(id.With, other) {
			id.With = append(id.With, other)
		}
		if !slices.Contains(id.Forms, written) {
			id.Forms = append(id.Forms, written)
		}
	}
	for i := range out {
		slices.Sort(out[i].With)
		slices.Sort(out[i].Forms)
		out[i].FirstWall, out[i].LastWall = out[i].First.String(), out[i].Last.String()
	}
	slices.SortFunc(out, func(a, b IdentityUse) int {
		if a.First.Unix != b.First.Unix {
			return cmp.Compare(a.First.Unix, b.First.Unix)
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}

// flagChanges marks every identity after the first as a change from the
// one first seen before it.
func flagChanges(ids []IdentityUse, kind string) []DeviceChange {
	var out []DeviceChange
	for i := 1; i < len(ids); i++ {
		prev, cur := &ids[i-1], &ids[i]
		cur.Previous = prev.Value
		alongside := prev.Last.Unix > cur.First.Unix
		cur.Change = "replaced"
		if alongside {
			cur.Change = "alongside"
		}
		out = append(out, DeviceChange{At: cur.First, AtWall: cur.FirstWall, Kind: kind, From: prev.Value, To: cur.Value, Alongside: alongside})
	}
	return out
}
