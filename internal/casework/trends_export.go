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
	t0 := trends[0]
	scopes := make([]string, len(trends))
	for i, t := range trends {
		scopes[i] = t.MSISDN
	}
	lines := [][2]string{{"cdrtui export of", "trends: " + t0.App + " by three-hour interval of the wall clock as written in the evidence"}, {"case", m.Case}}
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
	lines = append(lines, [2]string{"exported at", m.ExportedAt.UTC().Format(time.RFC3339)})
	if err := writeCSVMeta(w, lines); err != nil {
		return err
	}
	return WriteIntervalsCSV(w, trends...)
}

// csvSafe keeps a spreadsheet from running a cell as a formula.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}

// WriteConnections writes the trend's records in time order, as text
// (one aligned line each and the total, the paper's Figure 7) or as CSV.
// Text is rendered inert (it may go to a terminal); CSV keeps the values
// as the evidence holds them.
func WriteConnections(ctx context.Context, st Case, t *Trend, w io.Writer, asCSV bool) (int64, error) {
	var n int64
	var cw *csv.Writer
	if asCSV {
		cw = csv.NewWriter(w)
		if err := cw.Write([]string{"time", "msisdn", "app", "port", "dest_ip", "cell", "source", "line"}); err != nil {
			return 0, err
		}
	} else {
		fmt.Fprintf(w, "%s connections of %s (ports %s), wall clock as written in the evidence\n", t.App, t.MSISDN, joinPorts(t.Ports))
		fmt.Fprintf(w, "%-19s  %-15s  %6s  %-39s  %-20s  %s\n", "time", "msisdn", "port", "destination IP", "cell", "source:line")
	}
	err := st.EachDataRecord(ctx, t.Selection, 0, func(r store.DataRecord) error {
		n++
		port := ""
		if r.DestPort >= 0 {
			port = strconv.Itoa(r.DestPort)
		}
		if asCSV {
			return cw.Write([]string{r.Start.String(), csvSafe(r.MSISDN), csvSafe(t.App), port, csvSafe(r.DestIP), csvSafe(r.Cell),
				csvSafe(r.Source), strconv.FormatInt(r.Line, 10)})
		}
		_, err := fmt.Fprintf(w, "%-19s  %-15s  %6s  %-39s  %-20s  %s:%d\n", r.Start.String(), inert.String(r.MSISDN), port,
			inert.String(r.DestIP), inert.String(r.Cell), inert.String(r.Source), r.Line)
		return err
	})
	if err != nil {
		return n, err
	}
	if asCSV {
		cw.Flush()
		return n, cw.Error()
	}
	_, err = fmt.Fprintf(w, "%d connections to %s.\n", n, t.App)
	return n, err
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
