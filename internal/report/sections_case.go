package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// caseData is the case section's figures: store.Summary without the path
// the case was opened by (which depends on where verify runs).
type caseData struct {
	Sources     []store.Source   `json:"sources"`
	Records     map[string]int64 `json:"records"`
	Subscribers int64            `json:"subscribers"`
	Cells       int64            `json:"cells"`
	Devices     int64            `json:"devices"`
	Rejected    int64            `json:"rejected"`
	First       string           `json:"first"`
	Last        string           `json:"last"`
	Dictionary  string           `json:"port_dictionary_sha256"`
}

const rejectExamples = 3

func buildCase(ctx context.Context, b *builder, _ []string) (Section, error) {
	sum := b.summary
	d := caseData{Sources: sum.Sources, Records: sum.Records, Subscribers: sum.Subscribers, Cells: sum.Cells,
		Devices: sum.Devices, Rejected: sum.Rejected, First: sum.FirstWall, Last: sum.LastWall, Dictionary: b.info.Fingerprint}
	if d.Sources == nil {
		d.Sources = []store.Source{}
	}
	sec := Section{Title: "The case and its sources", Command: b.command("summary", "--json"), Data: d}
	sec.Text = append(sec.Text,
		fmt.Sprintf("Case %s. Evidence spans %s to %s (wall clock as written in the evidence).", b.p.Case, orDash(sum.FirstWall), orDash(sum.LastWall)),
		fmt.Sprintf("%d subscribers, %d cells, %d devices (IMSI/IMEI); %d rows rejected or values dropped at import.", sum.Subscribers, sum.Cells, sum.Devices, sum.Rejected))

	counts := Table{Name: "Records by kind", Columns: []Column{{"kind", Text}, {"records", Int}}}
	var ks []string
	for k := range sum.Records {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		counts.Rows = append(counts.Rows, []Cell{txt(k), num(sum.Records[k])})
	}
	sec.Tables = append(sec.Tables, counts)

	src := Table{Name: "Sources (each file hashed as read; never written to)", Columns: []Column{
		{"#", Int}, {"path", Text}, {"kind", Text}, {"bytes", Int}, {"SHA-256", ID}, {"imported (UTC)", Text}, {"rows", Int}, {"rejected", Int}, {"values dropped", Int}}}
	how := Table{Name: "How each source was read (import settings)", Columns: []Column{{"#", Int}, {"format detected", Text}, {"zone", Text}, {"date order", Text}, {"column mapping", Text}}}
	rej := Table{Name: "Rejects (first lines of each source)", Columns: []Column{{"source", Text}, {"line", Int}, {"severity", Text}, {"reason", Text}, {"raw line", Text}}}
	for _, s := range sum.Sources {
		zone := s.Zone
		if zone == "" {
			zone = "none (as written)"
		}
		src.Rows = append(src.Rows, []Cell{num(s.ID), txt(s.Path), txt(s.Kind), num(s.Size), txt(s.SHA256),
			txt(time.Unix(s.ImportedAt, 0).UTC().Format("2006-01-02 15:04:05")), num(s.Rows), num(s.Rejected), num(s.Dropped)})
		how.Rows = append(how.Rows, []Cell{num(s.ID), txt(s.Format), txt(zone), txt(orDash(s.DateOrder)), txt(orDash(s.Mapping))})
		if s.Rejected+s.Dropped == 0 {
			continue
		}
		rs, err := b.st.Rejects(ctx, s.ID, rejectExamples)
		if err != nil {
			return sec, err
		}
		for i, r := range rs {
			rej.Rows = append(rej.Rows, []Cell{txt(s.Path), num(r.Line), txt(r.Severity), txt(r.Reason), txt(r.Raw)})
			tr := Trace{Sample: []string{fmt.Sprintf("%s:%d", s.Path, r.Line)}, Total: s.Rejected + s.Dropped}
			if i == 0 {
				tr.Query = b.query(b.tq.Rejects(s.ID))
			}
			rej.Traces = append(rej.Traces, tr)
		}
	}
	sec.Tables = append(sec.Tables, src, how)
	if len(rej.Rows) > 0 {
		rej.Note = "Each source's rejects are all listed by the query given on its first line."
		sec.Tables = append(sec.Tables, rej)
	}

	sw := Table{Name: "Software", Columns: []Column{{"item", Text}, {"value", Text}}}
	soft := software()
	sw.Rows = append(sw.Rows, []Cell{txt("module"), txt(soft.Module)}, []Cell{txt("version"), txt(soft.Version)}, []Cell{txt("Go"), txt(soft.Go)})
	var keys []string
	for k := range soft.Settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sw.Rows = append(sw.Rows, []Cell{txt(k), txt(soft.Settings[k])})
	}
	sw.Rows = append(sw.Rows, []Cell{txt("port dictionary"), txt(b.info.Origin + " · sha256 " + b.info.Fingerprint)})
	sec.Tables = append(sec.Tables, sw)

	sec.Text = append(sec.Text, zoneRules(sum.Sources)...)
	return sec, nil
}

// zoneRules says how the case's clocks and numbers are read.
func zoneRules(srcs []store.Source) []string {
	zones := map[string]int{}
	for _, s := range srcs {
		zones[s.Zone]++
	}
	var parts []string
	for z, n := range zones {
		if z == "" {
			z = "no zone given (wall clock kept as written)"
		}
		parts = append(parts, fmt.Sprintf("%s: %d source(s)", z, n))
	}
	sort.Strings(parts)
	out := []string{
		"Zone rules: times are stored as Unix seconds with the zone each source was read in; every time in this report is the wall clock written in the evidence. " +
			"A value with its own offset is read by it; a zone named by an abbreviation that several zones share is refused until the analyst names the zone. " +
			"Zones of this case: " + orDash(strings.Join(parts, "; ")) + ".",
		"Numbering: identities (MSISDN, IMSI, IMEI) are kept exactly as written in the evidence; a number a spreadsheet wrote in scientific notation is refused, never stored. " +
			"A subscriber typed for this report is matched exactly, else without spaces, dashes and a leading + or zeros, else by its last digits when one subscriber alone ends in them.",
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
