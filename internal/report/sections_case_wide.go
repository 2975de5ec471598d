package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
)

// huntData is the saved hunts rerun on the case as it is.
type huntData struct {
	Name   string               `json:"name"`
	Result *casework.HuntResult `json:"result"`
}

func buildHunts(ctx context.Context, b *builder, subs []string) (Section, error) {
	hs, err := casework.SavedHunts(ctx, b.st)
	if err != nil {
		return Section{}, err
	}
	slices.SortFunc(hs, func(x, y casework.SavedHuntView) int { return strings.Compare(x.Name, y.Name) })
	sec := Section{Title: "Hunts saved in the case", Command: b.command("hunt", "--saved", "--json")}
	var data []huntData
	for _, h := range hs {
		q, err := casework.SavedHuntQuery(ctx, b.st, h.Name)
		if err != nil {
			return sec, err
		}
		res, err := casework.Hunt(ctx, b.st, q)
		if err != nil {
			return sec, err
		}
		data = append(data, huntData{Name: h.Name, Result: res})
		sec.Text = append(sec.Text, fmt.Sprintf("Hunt %q: %s — %d subscribers, %d records (cdrtui hunt %s --rerun %s --json).",
			h.Name, res.Description, len(res.Subscribers), res.Records, ShellQuote(b.p.Case), ShellQuote(h.Name)))
		t := Table{Name: "Hunt " + h.Name, Columns: []Column{{"subscriber", ID}, {"IMSIs", ID}, {"IMEIs", ID}, {"cells", Text}, {"first", Text}, {"last", Text}, {"records", Int}, {"bytes", Int}, {"statement", Text}}}
		for _, s := range res.Subscribers {
			if len(subs) > 0 && !slices.Contains(subs, s.MSISDN) {
				continue
			}
			t.Rows = append(t.Rows, []Cell{txt(s.MSISDN), txt(strings.Join(s.IMSIs, " ")), txt(strings.Join(s.IMEIs, " ")), txt(strings.Join(s.Cells, " ")),
				txt(s.First), txt(s.Last), num(s.Records), num(s.Bytes), txt(s.Statement)})
			tr := Trace{Total: s.Records, Query: fmt.Sprintf("cdrtui hunt %s --rerun %s --records", ShellQuote(b.p.Case), ShellQuote(h.Name))}
			for _, e := range s.Evidence {
				tr.Sample = append(tr.Sample, fmt.Sprintf("%s (sha256 %s) lines %s", e.Path, e.SHA256, e.Lines))
			}
			t.Traces = append(t.Traces, tr)
		}
		if len(subs) > 0 {
			t.Note = "Only the subscribers chosen for this report are listed; the hunt's command lists all."
		}
		sec.Tables = append(sec.Tables, t)
	}
	if data == nil {
		data = []huntData{}
	}
	sec.Data = data
	return sec, nil
}

// simboxData is the SIM-box verdict: the rule book, and the SIMs flagged
// or chosen for the report, exactly as simbox --json gives them.
type simboxData struct {
	ConfigOrigin string              `json:"config_origin"`
	Threshold    float64             `json:"threshold"`
	Flagged      int                 `json:"flagged"`
	SIMs         []analysis.SIMScore `json:"subscribers"`
}

func buildSimBox(ctx context.Context, b *builder, subs []string) (Section, error) {
	rules, err := casework.LoadSimBoxRules(ctx, b.st, "")
	if err != nil {
		return Section{}, err
	}
	rep, err := casework.SimBox(ctx, b.st, rules)
	if err != nil {
		return Section{}, err
	}
	d := simboxData{ConfigOrigin: rep.ConfigOrigin, Threshold: rep.Threshold, Flagged: rep.Flagged, SIMs: []analysis.SIMScore{}}
	for _, s := range rep.Subscribers {
		if s.Flagged || slices.Contains(subs, s.MSISDN) {
			d.SIMs = append(d.SIMs, s)
		}
	}
	sec := Section{Title: "SIM-box detection", Command: b.command("simbox", "--json"), Data: d}
	sec.Text = append(sec.Text, fmt.Sprintf("Rule book: %s; threshold %.0f. %d SIMs flagged of %d scored. Rules: %s",
		rep.ConfigOrigin, rep.Threshold, rep.Flagged, len(rep.Subscribers), strings.Join(rep.RulesInWords, "; ")))
	t := Table{Name: "SIMs flagged (and those chosen for the report)", Columns: []Column{{"SIM (MSISDN)", ID}, {"score", Float}, {"flagged", Text}, {"reasons", Text}}}
	for _, s := range d.SIMs {
		var why []string
		for _, f := range s.Fired {
			why = append(why, f.Statement)
		}
		flag := "no"
		if s.Flagged {
			flag = "yes"
		}
		t.Rows = append(t.Rows, []Cell{txt(s.MSISDN), dec(s.Score, 1), txt(flag), txt(strings.Join(why, "; "))})
		tr, err := b.trace(ctx, b.tq.Voice(s.MSISDN), traceSample)
		if err != nil {
			return sec, err
		}
		t.Traces = append(t.Traces, tr)
	}
	sec.Tables = append(sec.Tables, t)
	return sec, nil
}

func buildPBX(ctx context.Context, b *builder, _ []string) (Section, error) {
	local, err := casework.PBXOf(ctx, b.st) // on ClickHouse, the private copy of its PBX tables
	if err != nil {
		return Section{}, err
	}
	rep, err := casework.Asterisk(ctx, local, casework.AsteriskOptions{Case: b.st})
	if err != nil {
		return Section{}, err
	}
	sec := Section{Title: "Seized PBX (Asterisk / FreeSWITCH)", Command: b.command("asterisk", "--json"), Data: rep}
	sec.Text = append(sec.Text, fmt.Sprintf("%s (%d repeated rows kept once), %s to %s, %d billed seconds; clocks read in %s.",
		analysis.Plural(rep.Calls, "call", "calls"), rep.Copies, orDash(rep.First), orDash(rep.Last), rep.BillSec, orDash(rep.Timezone)))
	for _, s := range []string{casework.NoDurationSentence(rep.NoDuration - rep.NoTimes), casework.NoBillSecSentence(rep.NoBillSec)} {
		if s != "" {
			sec.Text = append(sec.Text, s+".")
		}
	}
	if c := rep.CEL; c.Events > 0 {
		sec.Text = append(sec.Text, "Channel Event Logging: "+casework.CELSentence(c)+
			" (cdrtui asterisk --cel lists the calls, --linkedid one call's events with their files and lines).")
	}
	for _, z := range rep.Zones {
		sec.Text = append(sec.Text, fmt.Sprintf("Zone file %s names %s (%s).", z.Path, z.Zone, z.How))
	}
	disp := Table{Name: "Dispositions", Columns: []Column{{"disposition", Text}, {"calls", Int}}}
	for _, k := range sortedKeys(rep.Dispositions) {
		disp.Rows = append(disp.Rows, []Cell{txt(k), num(rep.Dispositions[k])})
	}
	top := Table{Name: "Top recipients by talk time", Columns: []Column{{"number", ID}, {"calls", Int}, {"billed seconds", Int}}}
	if rep.NoBillSec > 0 {
		top.Columns = append(top.Columns, Column{"calls without talk time", Int})
	}
	for _, r := range rep.TopRecipients {
		row := []Cell{txt(r.Number), num(r.Calls), num(r.BillSec)}
		if rep.NoBillSec > 0 {
			row = append(row, num(r.NoBillSec))
		}
		top.Rows = append(top.Rows, row)
	}
	dong := Table{Name: "Modems (dongle.conf) and their IMEIs in the case", Columns: []Column{{"modem", Text}, {"IMEI", ID}, {"IMSI", ID}, {"calls", Int}, {"answered", Int}, {"billed seconds", Int}, {"declared at", Text}, {"IMEI seen with", Text}}}
	for _, d := range rep.Dongles {
		var seen []string
		for _, h := range d.SeenIn {
			seen = append(seen, fmt.Sprintf("%s (%s, %d %s records)", h.MSISDN, h.IMEI, h.Records, h.Kind))
		}
		dong.Rows = append(dong.Rows, []Cell{txt(d.Name), txt(d.IMEI), txt(d.IMSI), num(d.Calls), num(d.Answered), num(d.BillSec), txt(d.Source), txt(strings.Join(seen, "; "))})
		dong.Traces = append(dong.Traces, Trace{Sample: nonEmpty(d.Source), Total: d.Calls, Query: b.command("asterisk", "--dongle", d.Name, "--json")})
	}
	peers := Table{Name: "SIP peers", Columns: []Column{{"name", Text}, {"host", Text}, {"port", Text}, {"type", Text}, {"username", Text}, {"context", Text}, {"declared at", Text}}}
	for _, p := range rep.SIPPeers {
		peers.Rows = append(peers.Rows, []Cell{txt(p.Name), txt(p.Host), txt(p.Port), txt(p.Type), txt(p.Username), txt(p.Context), txt(p.Source)})
	}
	for _, t := range []Table{disp, top, dong, peers} {
		if len(t.Rows) > 0 {
			sec.Tables = append(sec.Tables, t)
		}
	}
	month := Chart{Title: "Calls per month", YLabel: "calls", Series: []Series{{Name: "calls"}}}
	for _, k := range sortedKeys(rep.PerMonth) {
		month.Labels = append(month.Labels, k)
		month.Series[0].Values = append(month.Series[0].Values, float64(rep.PerMonth[k]))
	}
	if len(month.Labels) > 0 {
		sec.Charts = append(sec.Charts, month)
	}
	return sec, nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func sortedKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func buildNotes(ctx context.Context, b *builder, _ []string) (Section, error) {
	ns, err := b.st.Notes(ctx, "")
	if err != nil {
		return Section{}, err
	}
	if ns == nil {
		ns = []store.Note{}
	}
	sec := Section{Title: "Bookmarks and notes", Command: b.command("note", "list", "--json"), Data: ns, Grows: true}
	t := Table{Name: "Bookmarks", Columns: []Column{{"#", Int}, {"time (UTC)", Text}, {"analyst", Text}, {"kind", Text}, {"item", ID}, {"tags", Text}, {"note", Text}, {"made in", Text}}}
	for _, n := range ns {
		pane := n.Pane
		if pane == "" {
			pane = "command line"
		}
		t.Rows = append(t.Rows, []Cell{num(n.ID), txt(time.Unix(n.CreatedAt, 0).UTC().Format("2006-01-02 15:04:05")), txt(n.Analyst), txt(n.Kind),
			txt(n.Target), txt(strings.Join(n.Tags, ", ")), txt(n.Body), txt(pane)})
	}
	if len(ns) == 0 {
		sec.Text = append(sec.Text, "No bookmarks.")
	} else {
		sec.Tables = append(sec.Tables, t)
	}
	return sec, nil
}

// auditData is the trail's head when the report was made; --verify checks
// that this entry is still in the trail with the same hash.
type auditData struct {
	Chain string `json:"chain,omitempty"` // a ClickHouse case's trail: the entry's chain
	Seq   int64  `json:"seq"`
	Hash  string `json:"entry_sha256"`
}

func buildAudit(ctx context.Context, b *builder, _ []string) (Section, error) {
	check, es, err := casework.VerifyAudit(ctx, b.st)
	if err != nil {
		return Section{}, err
	}
	chain, seq, head, err := casework.AuditHead(ctx, b.st)
	if err != nil {
		return Section{}, err
	}
	d := auditData{Chain: chain, Seq: seq, Hash: head}
	if b.p.auditSeq != 0 { // verifying: the entry the report named (-1: none)
		d = auditData{Chain: b.p.auditChain, Seq: max(b.p.auditSeq, 0)}
		for _, e := range es {
			if e.Seq == b.p.auditSeq && e.Chain == b.p.auditChain {
				d.Hash = e.EntrySHA256
			}
		}
	}
	sec := Section{Title: "Audit trail", Command: "cdrtui audit " + ShellQuote(b.p.Case) + " --verify --json", Data: d}
	state := "unbroken"
	if !check.OK {
		state = fmt.Sprintf("BROKEN at entry %d: %s", *check.FirstBad, check.Reason)
	}
	chains := d.Chain != ""
	for _, e := range es {
		chains = chains || e.Chain != ""
	}
	if !chains {
		sec.Text = append(sec.Text,
			fmt.Sprintf("When this report was made the trail had %d entries; its head, entry %d, has SHA-256 %s. The trail was %s. "+
				"Each entry carries the SHA-256 of the one before and of its own content, so that a changed, removed or reordered entry is found by: cdrtui audit %s --verify. "+
				"The making of this report is the entry after the head.", len(es), d.Seq, orDash(d.Hash), state, ShellQuote(b.p.Case)))
	} else {
		sec.Text = append(sec.Text,
			fmt.Sprintf("When this report was made the trail had %d entries in %d chains (one for each command or workbench that recorded, each entry of a chain carrying the SHA-256 of the one before, "+
				"each chain's first entry the SHA-256 of the newest entry when it began); its newest entry, entry %d of chain %s, has SHA-256 %s. The trail was %s. "+
				"A changed, removed or reordered entry is found by: cdrtui audit %s --verify. "+
				"The making of this report is an entry after it.", len(es), check.Chains, d.Seq, orDash(d.Chain), orDash(d.Hash), state, ShellQuote(b.p.Case)))
	}
	cols := []Column{{"#", Int}, {"time (UTC)", Text}, {"analyst", Text}, {"action", Text}, {"parameters", Text}, {"result SHA-256", ID}, {"entry SHA-256", ID}}
	if chains {
		cols = append([]Column{{"chain", ID}}, cols...)
	}
	t := Table{Name: "Entries", Columns: cols}
	for _, e := range es {
		if b.p.auditSeq == 0 && !chains && e.Seq > seq {
			break
		}
		row := []Cell{num(e.Seq), txt(e.At), txt(e.Analyst), txt(e.Action), txt(e.Params), txt(e.ResultSHA256), txt(e.EntrySHA256)}
		if chains {
			row = append([]Cell{txt(e.Chain)}, row...)
		}
		t.Rows = append(t.Rows, row)
		if b.p.auditSeq == 0 && chains && e.Chain == d.Chain && e.Seq == d.Seq {
			break // the newest entry when the report was made
		}
	}
	if len(t.Rows) > 0 {
		sec.Tables = append(sec.Tables, t)
	}
	return sec, nil
}
