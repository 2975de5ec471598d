package hunt

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// subscriberSource is one row per subscriber found; Ref is the index in
// the result's subscribers.
func subscriberSource(res *casework.HuntResult) *table.SliceSource {
	cols := []table.Column{
		{Title: "MSISDN", MinWidth: 10, Sortable: true},
		{Title: "Records", Right: true, Sortable: true},
		{Title: "First contact", MinWidth: 19, Sortable: true},
		{Title: "Last contact", MinWidth: 19, Sortable: true},
		{Title: "Bytes", Right: true, Sortable: true},
		{Title: "IMEI", MaxWidth: 33, Sortable: true},
		{Title: "IMSI", MaxWidth: 33, Sortable: true},
		{Title: "Cells", MaxWidth: 60, Sortable: true},
	}
	src := &table.SliceSource{Cols: cols, SortCol: 2}
	if res == nil {
		return src
	}
	for i, s := range res.Subscribers {
		src.Rows = append(src.Rows, table.Row{Ref: i, Cells: []string{
			s.MSISDN, analysisCount(s.Records), s.First, s.Last, analysisCount(s.Bytes),
			strings.Join(s.IMEIs, " "), strings.Join(s.IMSIs, " "), strings.Join(s.Cells, " "),
		}})
	}
	return src
}

// recordSource lists one subscriber's records in the hunt, each with the
// file and line it was read from; Ref is the index in recs.
func recordSource(recs []analysis.HuntRecord) *table.SliceSource {
	cols := []table.Column{
		{Title: "Time (wall clock)", MinWidth: 19, Sortable: true},
		{Title: "File", MaxWidth: 24, Sortable: true},
		{Title: "Line", Right: true, Sortable: true},
		{Title: "Destination", MaxWidth: 45, Sortable: true},
		{Title: "Cell", MaxWidth: 24, Sortable: true},
		{Title: "Bytes", Right: true, Sortable: true},
		{Title: "IMEI", Sortable: true},
		{Title: "IMSI", Sortable: true},
		{Title: "Clock"},
		{Title: "Path", MaxWidth: 80},
		{Title: "SHA-256", MaxWidth: 64},
	}
	src := &table.SliceSource{Cols: cols}
	for i, r := range recs {
		bytes := ""
		if r.Bytes >= 0 {
			bytes = analysisCount(r.Bytes)
		}
		src.Rows = append(src.Rows, table.Row{Ref: i, Cells: []string{
			r.At.String(), filepath.Base(r.Source.Path), strconv.FormatInt(r.Line, 10), r.Destination(), r.Cell, bytes,
			r.IMEI, r.IMSI, zoneText(r.Source.Zone, r.At.Offset), r.Source.Path, r.Source.SHA256,
		}})
	}
	return src
}

// zoneText names a record's clock: the zone it was read in with its UTC
// offset, or "as written" when the evidence gave none.
func zoneText(zone string, offset int32) string {
	if zone == "" && offset == 0 {
		return "as written"
	}
	sign := "+"
	if offset < 0 {
		sign, offset = "-", -offset
	}
	off := "UTC" + sign + twoDigits(offset/3600) + ":" + twoDigits(offset%3600/60)
	if zone == "" {
		return off
	}
	return zone + " " + off
}

func twoDigits(n int32) string {
	if n < 10 {
		return "0" + strconv.Itoa(int(n))
	}
	return strconv.Itoa(int(n))
}

// savedSource lists the saved hunts; Ref is the index in list.
func savedSource(list []casework.SavedHuntView) *table.SliceSource {
	cols := []table.Column{
		{Title: "Name", MaxWidth: 30, Sortable: true},
		{Title: "Last run", MinWidth: 19, Sortable: true},
		{Title: "Subscribers", Right: true, Sortable: true},
		{Title: "Records", Right: true, Sortable: true},
		{Title: "Hunt", MaxWidth: 120},
	}
	src := &table.SliceSource{Cols: cols, SortCol: 1, SortDesc: true}
	for i, h := range list {
		src.Rows = append(src.Rows, table.Row{Ref: i, Cells: []string{
			h.Name, strings.Replace(h.RanWall, "T", " ", 1), analysisCount(h.Subscribers), analysisCount(h.Records), h.Description,
		}})
	}
	return src
}
