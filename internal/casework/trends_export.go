package casework

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

// WriteIntervalsCSV writes the paper's output file: one row per
// three-hour interval of the day with each trend's count in its own column
// (named by its MSISDN), then the total.
func WriteIntervalsCSV(w io.Writer, trends ...*Trend) error {
	cw := csv.NewWriter(w)
	header := []string{"interval"}
	for _, t := range trends {
		header = append(header, csvSafe(t.MSISDN+" "+t.App))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := range 8 {
		row := []string{analysis.ThreeHourLabel(i)}
		for _, t := range trends {
			row = append(row, strconv.FormatInt(t.Bins3h[i], 10))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	row := []string{"total"}
	for _, t := range trends {
		row = append(row, strconv.FormatInt(t.Total, 10))
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// TrendsCSVMeta is what a trends CSV is of, beyond what its trends say:
// the case and its sources, what made it (the command as run, or the
// pane) and when.
type TrendsCSVMeta struct {
	Case       string
	Sources    []store.Source
	Command    string
	ExportedAt time.Time
}

// TrendsCSVMetaOf reads the case's sources for a trends CSV made by
// command (the command line as run, or the pane).
func TrendsCSVMetaOf(ctx context.Context, st Case, command string, at time.Time) (TrendsCSVMeta, error) {
	srcs, err := st.Sources(ctx)
	return TrendsCSVMeta{Case: st.Path(), Sources: srcs, Command: command, ExportedAt: at}, err
}

// WriteTrendsCSV writes WriteIntervalsCSV's file after the "# " lines
// that begin every cdrtui CSV export: what it is of, the case and its
// sources' SHA-256, what made it, the scope, application, ports and port
// dictionary counted, the time scope, and when.
func WriteTrendsCSV(w io.Writer, m TrendsCSVMeta, trends ...*Trend) error {
	if len(trends) == 0 {
		return fmt.Errorf("no trend to write")
	}
	if err := writeCSVMeta(w, trendsCSVMeta(m, "trends: "+trends[0].App+" by three-hour interval of the wall clock as written in the evidence", trends)); err != nil {
		return err
	}
	return WriteIntervalsCSV(w, trends...)
}

// WriteConnectionsCSV writes every connection of the trends as CSV, one
// header and each trend's records in time order, after the same "# "
// lines as WriteTrendsCSV's (what it is of saying that it lists
// connections); the values are kept as the evidence holds them.
func WriteConnectionsCSV(ctx context.Context, st Case, w io.Writer, m TrendsCSVMeta, trends ...*Trend) (int64, error) {
	if len(trends) == 0 {
		return 0, fmt.Errorf("no trend to write")
	}
	if err := writeCSVMeta(w, trendsCSVMeta(m, "connections: every record of "+trends[0].App+" in time order, wall clock as written in the evidence", trends)); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(connectionsHeader); err != nil {
		return 0, err
	}
	var n int64
	for _, t := range trends {
		k, err := connectionRows(ctx, st, t, cw)
		n += k
		if err != nil {
			return n, err
		}
	}
	cw.Flush()
	return n, cw.Error()
}

// trendsCSVMeta is the "# " lines of a trends export of what "of" says.
func trendsCSVMeta(m TrendsCSVMeta, of string, trends []*Trend) [][2]string {
	t0 := trends[0]
	scopes := make([]string, len(trends))
	for i, t := range trends {
		scopes[i] = t.MSISDN
	}
	lines := [][2]string{{"cdrtui export of", of}, {"case", m.Case}}
	for _, s := range m.Sources {
		lines = append(lines, [2]string{"source", s.SHA256 + "  " + s.Path})
	}
	scope := t0.TimeScope.String()
	if scope == "" {
		scope = "none (every record)"
	}
	lines = append(lines, [2]string{"command", m.Command}, [2]string{"scope", strings.Join(scopes, "; ")}, [2]string{"app", t0.App},
		[2]string{"ports", joinPorts(t0.Ports)}, [2]string{"port dictionary", t0.Dictionary.Short()}, [2]string{"time scope", scope})
	if t0.Note != "" {
		lines = append(lines, [2]string{"note", t0.Note})
	}
	return append(lines, [2]string{"exported at", m.ExportedAt.UTC().Format(time.RFC3339)})
}

// csvSafe keeps a spreadsheet from running a cell as a formula.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}

// connectionsHeader is the header of the connections CSV.
var connectionsHeader = []string{"time", "msisdn", "app", "port", "dest_ip", "cell", "source", "line"}

// WriteConnections writes the trend's records in time order, as text
// (one aligned line each and the total, the paper's Figure 7) or as CSV
// (a header and the rows; WriteConnectionsCSV puts the "# " lines of an
// export before them). Text is rendered inert (it may go to a terminal);
// CSV keeps the values as the evidence holds them.
func WriteConnections(ctx context.Context, st Case, t *Trend, w io.Writer, asCSV bool) (int64, error) {
	if asCSV {
		cw := csv.NewWriter(w)
		if err := cw.Write(connectionsHeader); err != nil {
			return 0, err
		}
		n, err := connectionRows(ctx, st, t, cw)
		if err != nil {
			return n, err
		}
		cw.Flush()
		return n, cw.Error()
	}
	var n int64
	fmt.Fprintf(w, "%s connections of %s (ports %s), wall clock as written in the evidence\n", t.App, t.MSISDN, joinPorts(t.Ports))
	fmt.Fprintf(w, "%-19s  %-15s  %6s  %-39s  %-20s  %s\n", "time", "msisdn", "port", "destination IP", "cell", "source:line")
	err := st.EachDataRecord(ctx, t.Selection, 0, func(r store.DataRecord) error {
		n++
		_, err := fmt.Fprintf(w, "%-19s  %-15s  %6s  %-39s  %-20s  %s:%d\n", r.Start.String(), inert.String(r.MSISDN), portText(r.DestPort),
			inert.String(r.DestIP), inert.String(r.Cell), inert.String(r.Source), r.Line)
		return err
	})
	if err != nil {
		return n, err
	}
	_, err = fmt.Fprintf(w, "%d connections to %s.\n", n, t.App)
	return n, err
}

// connectionRows writes the trend's records as CSV rows, in time order.
func connectionRows(ctx context.Context, st Case, t *Trend, cw *csv.Writer) (int64, error) {
	var n int64
	err := st.EachDataRecord(ctx, t.Selection, 0, func(r store.DataRecord) error {
		n++
		return cw.Write([]string{r.Start.String(), csvSafe(r.MSISDN), csvSafe(t.App), portText(r.DestPort), csvSafe(r.DestIP), csvSafe(r.Cell),
			csvSafe(r.Source), strconv.FormatInt(r.Line, 10)})
	})
	return n, err
}

// portText is a destination port as text, empty when the record has none.
func portText(p int) string {
	if p < 0 {
		return ""
	}
	return strconv.Itoa(p)
}

func joinPorts(ports []string) string {
	if len(ports) == 0 {
		return "none"
	}
	s := ports[0]
	for _, p := range ports[1:] {
		s += ", " + p
	}
	return s
}
