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
	// Key is a handset's canonical key, the first 14 digits of its IMEI
	// (ident.HandsetKey); Value is the form most of its records wrote, and
	// Forms every form written, sorted: IMEIs with or without their check
	// digit and IMEISVs that share the key. A SIM's Key is its IMSI.
	Key   string   `json:"key"`
	Forms []string `json:"forms"`
	forms map[string]int64
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
	shown := map[string]string{} // handset key -> the form shown
	for _, h := range imeis {
		shown[h.Key] = h.Value
	}
	imsis = identities(uses, func(u DeviceUse) (string, string, string) { return u.IMSI, u.IMSI, shown[handset(u.IMEI)] })
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

// shownBefore says whether form f (n records) is shown rather than form g
// (m records).
func shownBefore(f string, n int64, g string, m int64) bool {
	if n != m {
		return n > m
	}
	if (len(f) == 15) != (len(g) == 15) {
		return len(f) == 15
	}
	return f < g
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
			out = append(out, IdentityUse{Key: v, First: u.First, Last: u.Last, forms: map[string]int64{}})
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
		id.forms[written] += u.Records
	}
	for i := range out {
		id := &out[i]
		for f, n := range id.forms {
			id.Forms = append(id.Forms, f)
			// shown: the form of most records; on a tie the IMEI with its
			// check digit (15 digits), then the smallest
			if id.Value == "" || shownBefore(f, n, id.Value, id.forms[id.Value]) {
				id.Value = f
			}
		}
		id.forms = nil
		slices.Sort(out[i].With)
		slices.Sort(out[i].Forms)
		out[i].FirstWall, out[i].LastWall = out[i].First.String(), out[i].Last.String()
	}
	slices.SortFunc(out, func(a, b IdentityUse) int {
		if a.First.Unix != b.First.Unix {
			return cmp.Compare(a.First.Unix, b.First.Unix)
		}
		return strings.Compare(a.Key, b.Key)
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
