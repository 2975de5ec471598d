package report

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Defaults of the parameters.
const (
	DefaultWindowS = 180
	DefaultTop     = 10
)

// sectionDef is one kind of section. A per-subscriber kind is built once
// for each chosen subscriber; a pair kind once for each pair of them; a
// case kind once. present says whether the case holds what the kind
// needs (a kind whose evidence is absent is left out, not shown empty).
//
// A new analysis (location, calls ...) joins the report by adding its
// definition to kinds in the order it should appear.
type sectionDef struct {
	kind    string
	scope   scope
	always  bool // part of every report (the case, the audit head)
	present func(ctx context.Context, b *builder) bool
	build   func(ctx context.Context, b *builder, subs []string) (Section, error)
}

type scope int

const (
	caseWide scope = iota
	perSubscriber
	perPair
)

// kinds are the sections in report order.
var kinds = []sectionDef{
	{kind: "case", scope: caseWide, always: true, build: buildCase},
	{kind: "persona", scope: perSubscriber, build: buildPersona},
	{kind: "contacts", scope: perSubscriber, build: buildContacts},
	{kind: "correlation", scope: perPair, build: buildCorrelation},
	{kind: "trends", scope: perSubscriber, build: buildTrends},
	{kind: "hunt", scope: caseWide, present: hasSavedHunts, build: buildHunts},
	{kind: "simbox", scope: caseWide, present: hasVoice, build: buildSimBox},
	{kind: "pbx", scope: caseWide, present: hasPBX, build: buildPBX},
	{kind: "notes", scope: caseWide, always: true, build: buildNotes},
	{kind: "audit", scope: caseWide, always: true, build: buildAudit},
}

// Kinds lists the section names --sections accepts, in report order.
func Kinds() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.kind
	}
	return out
}

// ParseSections reads "persona,contacts" (empty: every kind).
func ParseSections(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" || s == "all" {
		return Kinds(), nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		if !slices.Contains(Kinds(), p) {
			return nil, fmt.Errorf("no section %q (sections: %s)", p, strings.Join(Kinds(), ", "))
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// builder holds what the sections share.
type builder struct {
	st      casework.Tracer
	tq      store.TraceQueries
	p       Params
	dict    *analysis.Dictionary
	info    casework.DictionaryInfo
	summary *store.Summary
	subs    []string // resolved MSISDNs
}

// Build computes a report from the case, local or on ClickHouse (any case
// that can name the records behind its figures: casework.Tracer). analyst
// and now stamp it; they are not figures.
func Build(ctx context.Context, c casework.Case, p Params, analyst string, now time.Time) (*Report, error) {
	st, err := tracer(c)
	if err != nil {
		return nil, err
	}
	if p.WindowS <= 0 {
		p.WindowS = DefaultWindowS
	}
	if p.Top <= 0 {
		p.Top = DefaultTop
	}
	if p.App == "" {
		p.App = casework.DefaultTrendApp
	}
	if len(p.Sections) == 0 {
		p.Sections = Kinds()
	}
	if p.Subscribers == nil {
		p.Subscribers = []string{}
	}
	b := &builder{st: st, tq: st.TraceQueries(), p: p}
	if b.dict, b.info, err = casework.PortDictionaryInfo(ctx, st); err != nil {
		return nil, err
	}
	if b.summary, err = st.Summary(ctx); err != nil {
		return nil, err
	}
	for _, typed := range p.Subscribers {
		_, msisdn, err := casework.FindSubscriber(ctx, st, typed)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(b.subs, msisdn) {
			b.subs = append(b.subs, msisdn)
		}
	}
	r := &Report{Title: "cdrtui case report", GeneratedAt: now.UTC().Format(time.RFC3339), Analyst: casework.Analyst(analyst),
		Software: software(), Params: p}
	if r.AuditChain, r.AuditSeq, r.AuditHead, err = casework.AuditHead(ctx, st); err != nil {
		return nil, err
	}
	for _, def := range kinds {
		if !def.always && !slices.Contains(p.Sections, def.kind) {
			continue
		}
		if def.present != nil && !def.present(ctx, b) {
			continue
		}
		var groups [][]string
		switch def.scope {
		case caseWide:
			groups = [][]string{b.subs}
		case perSubscriber:
			for _, s := range b.subs {
				groups = append(groups, []string{s})
			}
		case perPair:
			for i := range b.subs {
				for j := i + 1; j < len(b.subs); j++ {
					groups = append(groups, []string{b.subs[i], b.subs[j]})
				}
			}
		}
		for _, g := range groups {
			sec, err := def.build(ctx, b, g)
			if err != nil {
				return nil, fmt.Errorf("section %s %s: %w", def.kind, strings.Join(g, " "), err)
			}
			sec.Kind = def.kind
			if sec.ID == "" {
				sec.ID = strings.TrimSpace(def.kind + " " + strings.Join(g, " "))
				if def.scope == caseWide {
					sec.ID = def.kind
				}
			}
			r.Sections = append(r.Sections, sec)
		}
	}
	if len(b.subs) == 0 && len(r.Sections) > 0 {
		var left []string
		for _, def := range kinds {
			if def.scope != caseWide && slices.Contains(p.Sections, def.kind) {
				left = append(left, def.kind)
			}
		}
		if len(left) > 0 {
			r.Sections[0].Text = append(r.Sections[0].Text, "No subscriber was chosen for this report, so its "+strings.Join(left, ", ")+
				" sections are left out (cdrtui report --subscriber MSISDN adds them).")
		}
	}
	return r, nil
}

func software() Software {
	s := Software{Module: "cdrtui", Version: "(unknown)", Settings: map[string]string{}}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return s
	}
	s.Module, s.Version, s.Go = bi.Main.Path, bi.Main.Version, bi.GoVersion
	for _, kv := range bi.Settings {
		switch kv.Key {
		case "vcs", "vcs.revision", "vcs.time", "vcs.modified", "CGO_ENABLED", "GOOS", "GOARCH", "-trimpath", "-tags":
			s.Settings[kv.Key] = kv.Value
		}
	}
	return s
}

// command writes a cdrtui command line for the section, the case path and
// arguments quoted for a POSIX shell.
func (b *builder) command(args ...string) string {
	parts := []string{"cdrtui", args[0], ShellQuote(b.p.Case)}
	for _, a := range args[1:] {
		parts = append(parts, ShellQuote(a))
	}
	return strings.Join(parts, " ")
}

func hasSavedHunts(ctx context.Context, b *builder) bool {
	hs, err := casework.SavedHunts(ctx, b.st)
	return err == nil && len(hs) > 0
}

func hasVoice(ctx context.Context, b *builder) bool { return b.summary.Records["voice"] > 0 }

func hasPBX(ctx context.Context, b *builder) bool {
	var calls int64
	for _, k := range []string{"asterisk-cdr", "freeswitch-cdr", "cucm-cdr", "kamailio-acc", "3cx-cdr"} {
		calls += b.summary.Records[k]
	}
	return calls > 0
}

// tracer is the case as a report asks it.
func tracer(c casework.Case) (casework.Tracer, error) {
	t, ok := c.(casework.Tracer)
	if !ok {
		return nil, fmt.Errorf("%s: this case cannot list the records behind a report's figures", c.Path())
	}
	return t, nil
}

// query is the command line a reader runs to list a trace query's
// records: sqlite3 on a local case, clickhouse-client on ClickHouse.
func (b *builder) query(q string) string {
	parts := b.tq.Command(b.p.Case)
	for i := range parts {
		parts[i] = ShellQuote(parts[i])
	}
	return strings.Join(append(parts, ShellQuote(q)), " ")
}

// trace samples the records of a trace query.
func (b *builder) trace(ctx context.Context, q string, n int) (Trace, error) {
	refs, total, err := b.st.Sample(ctx, q, n)
	if err != nil {
		return Trace{}, err
	}
	t := Trace{Total: total, Query: b.query(q)}
	for _, r := range refs {
		t.Sample = append(t.Sample, fmt.Sprintf("%s:%d", r.Source, r.Line))
	}
	return t, nil
}

// wallTrace is a trace from a pass of SampleByWall (g nil: no record)
// with the query a reader runs to list that row's records.
func (b *builder) wallTrace(g *store.WallSample, q string) Trace {
	t := Trace{Query: b.query(q)}
	if g == nil {
		return t
	}
	t.Total = g.Total
	for _, r := range g.Refs {
		t.Sample = append(t.Sample, fmt.Sprintf("%s:%d", r.Source, r.Line))
	}
	return t
}
