package evidence

import (
	"strings"
	"unicode"
)

// coordPart names the part of a coordinate a header gives when the
// coordinate is split over columns (ANFR's SUP_SUPPORT: COR_NB_DG_LAT,
// COR_NB_MN_LAT, COR_NB_SC_LAT, COR_CD_NS_LAT): 'd' degrees, 'm'
// minutes, 's' seconds, 'h' hemisphere, 0 for none.
func coordPart(h string) byte {
	words := strings.FieldsFunc(h, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		switch strings.ToLower(w) {
		case "dg", "deg", "degree", "degrees":
			return 'd'
		case "mn", "min", "minute", "minutes":
			return 'm'
		case "sc", "sec", "second", "seconds":
			return 's'
		case "ns", "ew", "dir", "direction", "hemi", "hemisphere":
			return 'h'
		}
	}
	return 0
}

// splitCoordColumns finds a latitude or longitude (f) split over columns
// of the header: two or more of its columns each naming a part, one of
// them degrees. It returns them in header order ("48", "51", "24", "N"
// joined read as 48°51'24"N, a leading hemisphere as well), nil when the
// coordinate is in one column.
func splitCoordColumns(header []string, f siteField) []int {
	var cols []int
	deg := false
	for i, h := range header {
		h = strings.Trim(strings.TrimSpace(h), `"'`)
		if siteFieldOf(h) != f {
			continue
		}
		p := coordPart(h)
		if p == 0 {
			continue
		}
		deg = deg || p == 'd'
		cols = append(cols, i)
	}
	if len(cols) < 2 || !deg {
		return nil
	}
	return cols
}

// coordText is the row's latitude or longitude as written: its one
// column, or the parts of a coordinate split over columns joined by
// spaces.
func (sr *SiteReader) coordText(f siteField, parts []int) string {
	if len(parts) == 0 {
		return sr.getCol(sr.cols[f])
	}
	var vs []string
	for _, c := range parts {
		if v := sr.getCol(c); v != "" {
			vs = append(vs, v)
		}
	}
	return strings.Join(vs, " ")
}

// columnNames names the header's column(s) of a field for the format:
// a coordinate split over columns names them all, joined by '+'.
func (sr *SiteReader) columnNames(f siteField, header []string) string {
	parts := map[siteField][]int{sfLat: sr.latParts, sfLon: sr.lonParts}[f]
	if len(parts) == 0 {
		return strings.TrimSpace(header[sr.cols[f]])
	}
	var n []string
	for _, c := range parts {
		n = append(n, strings.TrimSpace(header[c]))
	}
	return strings.Join(n, "+")
}
