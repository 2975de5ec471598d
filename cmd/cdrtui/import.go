package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database

	"golang.org/x/term"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	tz := fs.String("tz", "", "zone of the wall clocks in the files (Asia/Kolkata, UTC, +05:30); default: keep them as written")
	order := fs.String("date-order", "", "order of numeric dates: DMY, MDY or YMD (default: detect)")
	var maps multiFlag
	fs.Var(&maps, "map", "FIELD=COLUMN: name a column by hand (header name or 1-based number); repeatable")
	asJSON := fs.Bool("json", false, "print a JSON summary")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return fmt.Errorf("%w: need a case file and at least one path", errUsage)
	}
	opts, err := importOptions(*tz, *order, maps)
	if err != nil {
		return err
	}
	st, err := store.Open(pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressBar(stderr)
	opts.Progress = bar.update
	results, err := st.Import(ctx, pos[1:], opts)
	bar.done()
	if len(results) > 0 {
		recordRun(context.Background(), st, "import", args, results, stderr)
	}
	if *asJSON {
		if jerr := writeJSON(stdout, map[string]any{"files": results}); jerr != nil {
			return jerr
		}
	} else {
		printImportResults(stdout, results)
	}
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted: the files listed as imported are in the case, whole; the one being read when interrupted is not")
	}
	if err != nil {
		return err
	}
	for _, r := range results {
		if r.Error != "" {
			return fmt.Errorf("some files could not be imported")
		}
	}
	return nil
}

func importOptions(tz, order string, maps []string) (store.ImportOptions, error) {
	var opts store.ImportOptions
	if tz != "" {
		loc, err := evidence.ParseZone(tz)
		if err != nil {
			return opts, fmt.Errorf("%w: --tz %s: %v", errUsage, tz, err)
		}
		opts.Zone = loc
	}
	switch o := evidence.DateOrder(strings.ToUpper(order)); o {
	case "", evidence.DMY, evidence.MDY, evidence.YMD:
		opts.DateOrder = o
	default:
		return opts, fmt.Errorf("%w: --date-order must be DMY, MDY or YMD", errUsage)
	}
	for _, m := range maps {
		name, col, ok := strings.Cut(m, "=")
		f, known := evidence.ParseField(name)
		if !ok || !known || col == "" {
			return opts, fmt.Errorf("%w: --map %q: want FIELD=COLUMN with FIELD one of %s", errUsage, m, fieldNames())
		}
		if opts.Map == nil {
			opts.Map = map[evidence.Field]string{}
		}
		opts.Map[f] = col
	}
	return opts, nil
}

func fieldNames() string {
	var names []string
	for _, f := range evidence.AllFields() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

func printImportResults(w io.Writer, results []store.FileResult) {
	for _, r := range results {
		path := inert.String(r.Path)
		switch {
		case r.Error != "":
			fmt.Fprintf(w, "ERROR    %s: %s\n", path, inert.String(r.Error))
		case r.Skipped != "":
			fmt.Fprintf(w, "skipped  %s: %s\n", path, inert.String(r.Skipped))
		default:
			zone := r.Zone
			if zone == "" {
				zone = "none (wall clock as written)"
			}
			copies := ""
			if r.Duplicates > 0 {
				copies = fmt.Sprintf(", %d copies of calls already in the case (kept once)", r.Duplicates)
			}
			fmt.Fprintf(w, "imported %s: %d rows, %d rejected, %d values dropped%s [%s; zone %s; sha256 %s]\n",
				path, r.Rows, r.Rejected, r.Dropped, copies, inert.String(r.Format), zone, r.SHA256)
		}
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// progressBar draws one line on a terminal (bytes read, rows/s), never
// wider than the terminal, and stays silent elsewhere, where the final
// lines say everything.
type progressBar struct {
	w      io.Writer
	fd     int
	tty    bool
	last   time.Time
	drawn  bool
	phased bool // the indexing line has been drawn
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	b := &progressBar{w: w}
	if ok {
		b.fd = int(f.Fd())
		b.tty = term.IsTerminal(b.fd)
	}
	return b
}

func (b *progressBar) update(p store.Progress) {
	if !b.tty {
		return
	}
	// A new step is drawn at once; progress within one, ten times a second.
	if time.Since(b.last) < 100*time.Millisecond && !(p.Indexing && !b.phased) {
		return
	}
	b.last = time.Now()
	b.phased = b.phased || p.Indexing
	width, _, err := term.GetSize(b.fd)
	if err != nil || width <= 0 {
		width = 80
	}
	fmt.Fprint(b.w, "\r"+progressLine(p, width)+"\033[K")
	b.drawn = true
}

// progressLine is the progress of an import in at most width-1 columns:
// the file, a bar, the share and bytes read, the rows per second; then,
// once the rows are in, that the indexes are being built.
func progressLine(p store.Progress, width int) string {
	rate := 0.0
	if s := p.Elapsed.Seconds(); s > 0 {
		rate = float64(p.Rows) / s
	}
	var tail string
	if p.Indexing {
		tail = fmt.Sprintf(" %s rows in · building indexes…", analysis.Thousands(p.Rows))
	} else {
		frac := 0.0
		if p.Size > 0 {
			frac = min(1, float64(p.Read)/float64(p.Size))
		}
		numbers := fmt.Sprintf(" %5.1f%% %.1f/%.1f MB %.0f rows/s", frac*100, float64(p.Read)/1e6, float64(p.Size)/1e6, rate)
		if width < 70 {
			numbers = fmt.Sprintf(" %5.1f%% %.0f rows/s", frac*100, rate)
		}
		barWidth := min(30, width-1-len(numbers)-2-20)
		if barWidth >= 5 {
			filled := int(frac * float64(barWidth))
			numbers = " [" + strings.Repeat("#", filled) + strings.Repeat(".", barWidth-filled) + "]" + numbers
		}
		tail = numbers
	}
	room := width - 1 - len([]rune(tail))
	name := []rune(inert.String(p.Path))
	if room < 8 {
		name, room = nil, 0
	}
	if len(name) > room {
		name = append([]rune("…"), name[len(name)-room+1:]...)
	}
	line := []rune(string(name) + tail)
	if len(line) > width-1 {
		line = line[:max(0, width-1)]
	}
	return string(line)
}

func (b *progressBar) done() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\033[K")
	}
}
