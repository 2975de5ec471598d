package evidence

import (
	"fmt"
	"slices"
	"strings"
)

// An MSC CDR decoder's output (Ericsson's, as InovaFiscaliza/teleparser
// writes it) splits an identity into sub-columns named base.part:
// callingSubscriberIMSI.mcc, .mnc, .msin; callingSubscriberIMEI.TAC,
// .SNR, .Spare. A group whose parts are all there is read as the whole
// identity, assembled row by row (MCC+MNC+MSIN; TAC+SNR, the spare digit
// being no check digit: 3GPP TS 23.003 sends 0 in its place); a group with
// a part missing is refused, naming its columns, never read in part.

// identityParts are the sub-columns an identity is split into, in order;
// optional parts are read by no one.
var identityParts = map[Field]struct {
	name     string
	required []string
	optional []string
	widths   [][2]int // digits each required part may have
}{
	FIMSI: {"IMSI", []string{"mcc", "mnc", "msin"}, nil, [][2]int{{3, 3}, {2, 3}, {9, 10}}},
	FIMEI: {"IMEI", []string{"tac", "snr"}, []string{"spare"}, [][2]int{{8, 8}, {6, 6}}},
}

// splitColumn cuts a header name at its last '.' into base and part
// ("callingSubscriberIMSI.mcc"), ok false when it has none.
func splitColumn(h string) (base, part string, ok bool) {
	i := strings.LastIndexByte(h, '.')
	if i <= 0 || i == len(h)-1 {
		return "", "", false
	}
	return h[:i], strings.ToLower(strings.TrimSpace(h[i+1:])), true
}

// splitIdentities finds identities split into sub-columns and reads each
// complete group as its field (the calling party's in Columns, the called
// party's in CalledColumns where both are split), through a column of
// its own past the header's (Joined); an incomplete group is refused.
func splitIdentities(l *Layout, forced map[Field]string) {
	type group struct {
		base  string
		field Field
		cols  map[string]int
	}
	var groups []*group
	for i, h := range l.Header {
		base, part, ok := splitColumn(h)
		if !ok {
			continue
		}
		n := normalizeHeader(base)
		var f Field
		switch {
		case strings.Contains(n, "imsi"):
			f = FIMSI
		case strings.Contains(n, "imei"):
			f = FIMEI
		default:
			continue
		}
		spec := identityParts[f]
		if !slices.Contains(spec.required, part) && !slices.Contains(spec.optional, part) {
			continue
		}
		k := slices.IndexFunc(groups, func(g *group) bool { return g.base == base })
		if k < 0 {
			groups = append(groups, &group{base: base, field: f, cols: map[string]int{}})
			k = len(groups) - 1
		}
		groups[k].cols[part] = i
	}
	for _, g := range groups {
		if _, ok := forced[g.field]; ok {
			continue
		}
		spec := identityParts[g.field]
		var names, missing []string
		var cols []int
		for _, p := range append(slices.Clone(spec.required), spec.optional...) {
			if c, ok := g.cols[p]; ok {
				names = append(names, fmt.Sprintf("%q", l.Header[c]))
			}
		}
		for _, p := range spec.required {
			if c, ok := g.cols[p]; ok {
				cols = append(cols, c)
			} else {
				missing = append(missing, "."+p)
			}
		}
		// whatever took a part for the whole identity lets it go
		for _, m := range []map[Field]int{l.Columns, l.CalledColumns} {
			for f, c := range m {
				if slices.Contains(mapsValues(g.cols), c) {
					delete(m, f)
				}
			}
		}
		l.Refused = slices.DeleteFunc(l.Refused, func(r string) bool {
			return slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(r, n+" ") })
		})
		if len(missing) > 0 {
			l.Refused = append(l.Refused, fmt.Sprintf("%s: an %s split into parts, %s missing: not assembled", strings.Join(names, ", "), spec.name, strings.Join(missing, ", ")))
			continue
		}
		if l.Joined == nil {
			l.Joined = map[int]joinedColumn{}
		}
		virtual := len(l.Header) + len(l.Joined)
		l.Joined[virtual] = joinedColumn{field: g.field, cols: cols, base: g.base}
		words := headerWords(g.base)
		called := slices.ContainsFunc(words, func(w string) bool { return slices.Contains(calledWords, w) })
		if called {
			if l.CalledColumns == nil {
				l.CalledColumns = map[Field]int{}
			}
			l.CalledColumns[g.field] = virtual
		} else {
			l.Columns[g.field] = virtual
		}
	}
	// a called party's identity with no calling party's is the only one
	for f, c := range l.CalledColumns {
		if _, ok := l.Columns[f]; !ok {
			l.Columns[f] = c
			delete(l.CalledColumns, f)
		}
	}
	if len(l.CalledColumns) == 0 {
		l.CalledColumns = nil
	}
}

func mapsValues(m map[string]int) []int {
	out := make([]int, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// joinedColumn is an identity assembled from the sub-columns cols.
type joinedColumn struct {
	field Field
	cols  []int
	base  string
}

// joined assembles the row's identity from its parts: "" when every part
// is empty; reason non-empty when a part is missing or of the wrong
// length (the value then shows the parts as written).
func (rd *Reader) joined(j joinedColumn) (value, reason string) {
	if j.field == FDuration {
		return rd.joinedDuration(j) // minutes and seconds (duration_parts.go)
	}
	spec := identityParts[j.field]
	parts := make([]string, len(j.cols))
	empty := 0
	for i, c := range j.cols {
		if c < len(rd.cells) {
			parts[i] = unwrapValue(rd.cells[c])
		}
		if parts[i] == "" || placeholder(parts[i]) {
			parts[i] = ""
			empty++
		}
	}
	if empty == len(parts) {
		return "", ""
	}
	for i, p := range parts {
		w := spec.widths[i]
		if !allDigits(p) || len(p) < w[0] || len(p) > w[1] {
			shown := make([]string, len(parts))
			for k := range parts {
				shown[k] = spec.required[k] + "=" + parts[k]
			}
			return strings.Join(shown, " "), fmt.Sprintf("%s.%s %q is not %s digits: the %s is not assembled", j.base, spec.required[i], p, digitsSpan(w), spec.name)
		}
	}
	v := strings.Join(parts, "")
	if j.field == FIMSI && len(v) > 15 {
		return v, fmt.Sprintf("the %s assembled from %s.mcc, .mnc and .msin has %d digits (at most 15)", spec.name, j.base, len(v))
	}
	return v, ""
}

func digitsSpan(w [2]int) string {
	if w[0] == w[1] {
		return fmt.Sprint(w[0])
	}
	return fmt.Sprintf("%d to %d", w[0], w[1])
}

// names is how the mapping names an assembled identity:
// "callingSubscriberIMSI.mcc+mnc+msin".
func (j joinedColumn) names() string {
	if j.field == FDuration {
		return j.base // "MINS×60+SECS"
	}
	return j.base + "." + strings.Join(identityParts[j.field].required, "+")
}
