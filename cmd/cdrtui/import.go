package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database

	"golang.org/x/term"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	tz := fs.String("tz", "", "zone of the wall clocks in the files (Asia/Kolkata, UTC, +05:30); default: keep them as written")
	order := fs.String("date-order", "", "order of numeric dates: DMY, MDY or YMD (default: detect)")
	country := fs.String("country", "", "numbering plan of numbers written without a country code: ISO code ("+strings.Join(ident.SortedCountries(), ", ")+"); kept in the case (default: the case's, or told from the numbers)")
	var maps multiFlag
	fs.Var(&maps, "map", "FIELD=COLUMN: name a column by hand (header name or 1-based number); repeatable")
	kind := fs.String("kind", "", "voice or ipdr: read every file as call records or as data sessions (default: decide from the columns)")
	plmn := fs.String("plmn", "", "MCC-MNC (310-260): serving network of records whose files have no MCC and MNC columns, for their LTE site/sector and LAC-CI cells (without it such LTE records get no cell: the IMSI names the home network, not the serving one)")
	encoding := fs.String("encoding", "", "encoding of text files that are not UTF-8: "+evidence.EncodingNames+" (default: told from each file's bytes; a file they do not tell is refused naming the candidates)")
	cells := fs.Bool("cells", false, "also read cell-site reference data (operators' site lists, OpenCellID exports) named or found among the files, as cdrtui cells does (default: refuse them naming cdrtui cells)")
	asJSON := fs.Bool("json", false, "print a JSON summary")
	cluster := clusterFlag(fs)
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
	switch k := evidence.Kind(strings.ToLower(*kind)); k {
	case "":
	case evidence.KindVoice, evidence.KindData:
		opts.Kind = k
	default:
		return fmt.Errorf("%w: --kind must be voice or ipdr", errUsage)
	}
	if *country != "" {
		p, ok := ident.PlanFor(*country)
		if !ok {
			return fmt.Errorf("%w: --country %s: no numbering plan known for it (known: %s); its numbers are keyed only where written with their country code (+ and the code): import without --country, never under another country's plan", errUsage, *country, ident.Countries())
		}
		opts.Country = p.Country
	}
	if _, err := evidence.ParsePLMN(*plmn); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	opts.PLMN = *plmn
	if *encoding != "" {
		if _, err := evidence.ParseEncoding(*encoding); err != nil {
			return fmt.Errorf("%w: --%v", errUsage, err)
		}
		opts.Encoding = *encoding
	}
	opts.CellSites = *cells
	if isClusterCase(pos[0]) {
		return importCluster(pos[0], *cluster, pos[1:], args, opts, *asJSON, stdout, stderr)
	}
	store.BoundImportMemory()
	st, err := store.CreateForImport(pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.ImportInProgress(); err != nil {
		return err // refused at once, naming the import that holds the case
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// the port dictionary is kept in the case from its first import, so
	// that read-only commands find the one their results were computed with
	if _, err := casework.PortDictionary(ctx, st); err != nil {
		return err
	}
	bar := newProgressBar(stderr)
	opts.Progress = bar.update
	began := time.Now()
	results, err := st.Import(ctx, pos[1:], opts)
	bar.done()
	if len(results) > 0 && !caseFailed(err) {
		recordFilesRun(context.Background(), st, "import", args, pos, map[string]any{"files": results}, stderr)
	}
	return importOutcome(results, err, time.Since(began), *asJSON, stdout)
}

// importOutcome prints what an import did and says how it ended: an
// error when it was interrupted, a file failed or nothing was imported.
func importOutcome(results []store.FileResult, err error, took time.Duration, asJSON bool, stdout io.Writer) error {
	if asJSON {
		if jerr := writeJSON(stdout, map[string]any{"files": results}); jerr != nil {
			return jerr
		}
	} else {
		printImportResults(stdout, results)
		printImportSummary(stdout, results, took)
	}
	return importVerdict(results, err, "no path given holds evidence cdrtui reads")
}

// importVerdict is what an import run ends with: an interruption said as
// such, the first error, a count of the files that failed, or — when no
// file put anything in the case — "nothing imported" and why (nothing
// names what the paths lacked).
func importVerdict(results []store.FileResult, err error, nothing string) error {
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted: the files listed as imported are in the case, whole; the one being read when interrupted is not")
	}
	if err != nil {
		return err
	}
	failed := 0
	for _, r := range results {
		if r.Error != "" {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be imported or imported nothing", failed, len(results))
	}
	for _, r := range results {
		if r.InCase() {
			return nil
		}
	}
	return errors.New("nothing imported: " + nothing + " (see what was skipped above)")
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
		if r.Sheet != "" {
			path += " " + inert.String(r.SheetLabel())
		}
		switch {
		case r.Error != "" && r.SourceID != 0:
			// recorded in the case with 0 rows: say it loudly, with the reasons
			fmt.Fprintf(w, "ERROR    %s: %s [source %d; %s]\n", path, inert.String(r.Error), r.SourceID, inert.String(r.Format))
			for _, reason := range r.Reasons {
				unit := "rows"
				if reason.Count == 1 {
					unit = "row "
				}
				fmt.Fprintf(w, "         %6d %s: %s\n", reason.Count, unit, inert.String(reason.Reason))
			}
		case r.Error != "":
			fmt.Fprintf(w, "ERROR    %s: %s\n", path, inert.String(r.Error))
		case r.Empty != "":
			fmt.Fprintf(w, "empty    %s: %s [source %d; sha256 %s]\n", path, inert.String(r.Empty), r.SourceID, r.SHA256)
		case r.Skipped != "":
			fmt.Fprintf(w, "skipped  %s: %s\n", path, inert.String(r.Skipped))
		default:
			zone := r.Zone
			if zone == "" {
				zone = "none (wall clock as written)"
			}
			copies := ""
			if r.Duplicates > 0 {
				copies = fmt.Sprintf(", %s of calls already in the case (kept once)", analysis.Plural(int64(r.Duplicates), "copy", "copies"))
			}
			if r.Unparsed > 0 {
				copies += fmt.Sprintf(", %d lines not understood (kept as text with their line numbers)", r.Unparsed)
			}
			if r.AlreadyInCase > 0 || r.RepeatedInFile > 0 {
				copies += fmt.Sprintf(", %d records already in the case and %d repeated within the file (stored once; this file's lines listed as further sources)",
					r.AlreadyInCase, r.RepeatedInFile)
			}
			flagged := ""
			if r.Flagged > 0 {
				flagged = ", " + analysis.Plural(r.Flagged, "value", "values") + " kept as written and flagged"
			}
			fmt.Fprintf(w, "imported %s: %s, %s rejected, %s dropped%s%s [%s; zone %s; sha256 %s]\n",
				path, analysis.Plural(r.Rows, "row", "rows"), analysis.Thousands(r.Rejected), analysis.Plural(r.Dropped, "value", "values"),
				flagged, copies, inert.String(r.Format), zone, r.SHA256)
			if len(r.Unfilled) > 0 {
				fmt.Fprintf(w, "         no column for: %s\n", strings.Join(r.Unfilled, ", "))
			}
			if r.Keys != "" {
				fmt.Fprintf(w, "         %s\n", inert.String(r.Keys))
			}
		}
	}
}

// printImportSummary ends an import with what it did as a whole: files
// imported, skipped (and why) and failed, rows, rejects, time taken.
func printImportSummary(w io.Writer, results []store.FileResult, took time.Duration) {
	var imported, failed int64
	var rows, rejected, dropped int64
	var reasons []string
	skipped := map[string]int64{}
	for _, r := range results {
		switch {
		case r.Error != "":
			failed++
		case r.Skipped != "":
			why := skipReason(r.Skipped)
			if skipped[why] == 0 {
				reasons = append(reasons, why)
			}
			skipped[why]++
		default:
			imported++
			rows += r.Rows
			rejected += r.Rejected
			dropped += r.Dropped
		}
	}
	var nSkipped int64
	for _, n := range skipped {
		nSkipped += n
	}
	fmt.Fprintf(w, "\n%s imported (%s, %s rejected, %s dropped), %s skipped, %s failed, in %s\n",
		analysis.Plural(imported, "file", "files"), analysis.Plural(rows, "row", "rows"), analysis.Thousands(rejected),
		analysis.Plural(dropped, "value", "values"), analysis.Thousands(nSkipped), analysis.Thousands(failed), took.Round(10*time.Millisecond))
	for _, why := range reasons {
		fmt.Fprintf(w, "  skipped %s: %s\n", analysis.Plural(skipped[why], "file", "files"), inert.String(why))
	}
}

// skipReason is a skipped file's reason without what names that file (a
// SHA-256, a source number), so files skipped for one reason are counted
// together.
func skipReason(s string) string {
	if strings.HasPrefix(s, "already in the case") {
		return "already in the case (same SHA-256)"
	}
	if i := strings.Index(s, "; "); i > 0 {
		s = s[:i]
	}
	return s
}

// writeJSON prints v as indented JSON with every C1 control, bidi
// override and other format character escaped (inert.JSON): the same
// text once decoded, nothing a terminal obeys.
func writeJSON(w io.Writer, v any) error {
	b, err := casework.JSONText(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// isTerminal says whether w is a terminal (a variable for tests).
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalCSV is where a command writes CSV: w itself when it is a file or
// a pipe (the values stay as the evidence holds them: CSV is data), or,
// on a terminal, a writer that makes every line inert. flush writes what
// is left.
func terminalCSV(w io.Writer) (out io.Writer, flush func() error) {
	if !isTerminal(w) {
		return w, func() error { return nil }
	}
	lw := &inertLines{w: w}
	return lw, lw.flush
}

// inertLines writes whole lines through inert.Text.
type inertLines struct {
	w    io.Writer
	tail []byte
}

func (l *inertLines) Write(p []byte) (int, error) {
	l.tail = append(l.tail, p...)
	if i := bytes.LastIndexByte(l.tail, '\n'); i >= 0 {
		if _, err := io.WriteString(l.w, inert.Text(string(l.tail[:i+1]))); err != nil {
			return 0, err
		}
		l.tail = append(l.tail[:0], l.tail[i+1:]...)
	}
	return len(p), nil
}

func (l *inertLines) flush() error {
	if len(l.tail) == 0 {
		return nil
	}
	_, err := io.WriteString(l.w, inert.Text(string(l.tail)))
	l.tail = l.tail[:0]
	return err
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
	phased string // the file whose indexing line has been drawn
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
	// (each file's indexing, not only the first file's)
	if time.Since(b.last) < 100*time.Millisecond && !(p.Indexing && b.phased != p.Path) {
		return
	}
	b.last = time.Now()
	if p.Indexing {
		b.phased = p.Path
	}
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
		// Every field has a fixed width, so the bar neither moves nor
		// changes length as the numbers grow.
		mb := fmt.Sprintf("%.1f/%.1f MB", float64(p.Read)/1e6, float64(p.Size)/1e6)
		numbers := fmt.Sprintf(" %5.1f%% %16s %8.0f rows/s", frac*100, mb, rate)
		reserve := len(numbers)
		if width < 70 {
			numbers = fmt.Sprintf(" %5.1f%% %9.0f rows/s", frac*100, rate)
			reserve = len(numbers)
		}
		barWidth := min(30, width-1-reserve-2-20)
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
	for len(name) < room { // the bar stays where it is from file to file
		name = append(name, ' ')
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

// caseFailed says the case itself could not be written (a full disk, a
// failed transaction): nothing more is written into it, not even the
// audit entry, so that it stays as it was. Import returns an error for
// these only (a *store.DiskFullError naming the file that failed on a
// full disk); a file it could not read is in its result.
func caseFailed(err error) bool { return err != nil }
