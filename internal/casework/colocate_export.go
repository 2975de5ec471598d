package casework

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/inert"
)

// ColocExportFormats are the formats ExportColocation writes, by the file
// name's extension.
var ColocExportFormats = []string{".csv", ".json"}

// ColocMeta says what a co-location export is of.
type ColocMeta struct {
	Of         string               `json:"of"`
	Case       string               `json:"case"`
	Sources    []LocationMetaSource `json:"sources"`
	Within     string               `json:"within"`
	Radius     string               `json:"radius"`
	Scope      string               `json:"time_scope,omitempty"`
	ExportedAt string               `json:"exported_at"`
}

// ExportColocation writes a co-location result to path in the format its
// extension names: pair is A and B's meetings (one CSV row per record of a
// meeting, with its file and line), top is who was most with A (one CSV
// row per companion); exactly one is given. CSV starts with "# " lines
// saying what it is of (case, sources and their SHA-256, window, radius,
// time scope, expected, score); JSON holds the report as `colocate --json`
// gives it under "colocation" or "companions", beside a "meta" object.
// Text that could start a spreadsheet formula is quoted; the file is
// written under a temporary name and renamed whole, never into an
// evidence folder.
func ExportColocation(ctx context.Context, st Locator, pair *ColocReport, top *CompanionsReport, path string, at time.Time) error {
	if (pair == nil) == (top == nil) {
		return fmt.Errorf("export %s: one co-location result, the pair's or A's companions", path)
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".csv" && ext != ".json" {
		return fmt.Errorf("export %s: the extension says no format (%s)", path, strings.Join(ColocExportFormats, ", "))
	}
	if err := NotIntoEvidence(ctx, st, path); err != nil {
		return err
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	meta := ColocMeta{ExportedAt: at.UTC().Format(time.RFC3339)}
	var scope TimeScope
	if pair != nil {
		meta.Of = "co-location of " + pair.A + " and " + pair.B
		meta.Case, scope = pair.Case, pair.Scope
		meta.Within = analysis.WindowText(time.Duration(pair.WindowS) * time.Second)
		meta.Radius = colocRadius(pair.RadiusM)
	} else {
		meta.Of = "who was most with " + top.A
		meta.Case, scope = top.Case, top.Scope
		meta.Within = analysis.WindowText(time.Duration(top.WindowS) * time.Second)
		meta.Radius = colocRadius(top.RadiusM)
	}
	if scope.Set() {
		meta.Scope = scope.String()
	}
	for _, s := range srcs {
		meta.Sources = append(meta.Sources, LocationMetaSource{Path: s.Path, SHA256: s.SHA256})
	}
	write := func(w io.Writer) error {
		if ext == ".json" {
			body := map[string]any{"meta": meta}
			if pair != nil {
				body["colocation"] = pair
			} else {
				body["companions"] = top
			}
			raw, err := json.MarshalIndent(body, "", "  ")
			if err != nil {
				return err
			}
			_, err = w.Write(inert.JSON(append(raw, '\n')))
			return err
		}
		return colocCSV(w, pair, top, meta)
	}
	return writeWhole(path, write)
}

func colocRadius(m float64) string {
	if m <= 0 {
		return "the same site"
	}
	return num(m) + " m"
}

func colocCSV(w io.Writer, pair *ColocReport, top *CompanionsReport, m ColocMeta) error {
	line := func(k, v string) {
		io.WriteString(w, csvMetaLine(k, v))
	}
	if pair != nil {
		line("cdrtui export of", m.Of+": every record of each meeting")
	} else {
		line("cdrtui export of", m.Of+": companions ranked by score")
	}
	line("case", m.Case)
	for _, s := range m.Sources {
		line("source", s.SHA256+"  "+s.Path)
	}
	line("within", m.Within)
	line("radius", m.Radius)
	if m.Scope != "" {
		line("time scope", m.Scope)
	}
	cw := csv.NewWriter(w)
	if pair != nil {
		line("meetings", strconv.Itoa(len(pair.Meetings)))
		line("expected", num(pair.Expected))
		line("score", num(pair.Score))
		line("records placed", fmt.Sprintf("A %d, B %d", pair.PlacedA, pair.PlacedB))
		line("method", pair.Method)
		line("exported at", m.ExportedAt)
		cw.Write([]string{"meeting", "meeting_from", "meeting_to", "cell_a", "cell_b", "distance_m", "side", "at", "cell", "lat", "lon", "kind", "file", "line"})
		for i, mt := range pair.Meetings {
			for _, r := range mt.Records {
				cw.Write([]string{strconv.Itoa(i + 1), mt.At, mt.End, csvSafe(mt.CellA), csvSafe(mt.CellB), num(mt.DistanceM),
					r.Side, r.At, csvSafe(r.Cell), num(r.Lat), num(r.Lon), r.Kind, csvSafe(r.File), strconv.FormatInt(r.Line, 10)})
			}
		}
	} else {
		line("subscribers near A's records", strconv.Itoa(top.Candidates))
		line("method", top.Method)
		line("exported at", m.ExportedAt)
		cw.Write([]string{"rank", "msisdn", "meetings", "expected", "excess", "score", "first", "last"})
		for i, c := range top.Companions {
			cw.Write([]string{strconv.Itoa(i + 1), csvSafe(c.MSISDN), strconv.Itoa(c.Meetings), num(c.Expected), num(c.Excess), num(c.Score), c.First, c.Last})
		}
	}
	cw.Flush()
	return cw.Error()
}
