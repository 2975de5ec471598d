package casework

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

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
