package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/casework"
)

// FiguresHash is the SHA-256 of what a report states about its case: the
// parameters, the audit head it names, and each section's figures (the
// JSON of the Data of every section, in order). It leaves out when, by
// whom and in which format the report was written, so the same case and
// parameters give the same hash in HTML, PDF and XLSX; it is printed in
// each (on every PDF page's footer) and recomputed by report --verify.
func FiguresHash(r *Report) string {
	type sec struct {
		ID   string `json:"id"`
		Data any    `json:"data"`
	}
	v := struct {
		Params     Params `json:"params"`
		AuditChain string `json:"audit_chain,omitempty"`
		AuditSeq   int64  `json:"audit_seq"`
		AuditHead  string `json:"audit_head"`
		Sections   []sec  `json:"sections"`
	}{Params: r.Params, AuditChain: r.AuditChain, AuditSeq: r.AuditSeq, AuditHead: r.AuditHead}
	v.Params.Case = "" // where the case was opened from is not a figure
	for _, s := range r.Sections {
		v.Sections = append(v.Sections, sec{s.ID, s.Data})
	}
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// machineScript opens the HTML element holding the machine-readable block.
const machineScript = `<script type="application/json" id="cdrtui-report">`

// storedReport is a report as read back from its machine-readable block.
type storedReport struct {
	Version int `json:"cdrtui_report"`
	Report  struct {
		GeneratedAt string `json:"generated_at"`
		Params      Params `json:"params"`
		AuditChain  string `json:"audit_chain"`
		AuditSeq    int64  `json:"audit_seq"`
		Sections    []struct {
			ID    string          `json:"id"`
			Kind  string          `json:"kind"`
			Title string          `json:"title"`
			Data  json.RawMessage `json:"data"`
			Grows bool            `json:"grows"`
		} `json:"sections"`
	} `json:"report"`
	FiguresHash string `json:"figures_sha256"`
}

// ReadBlock finds the machine-readable block of an HTML report.
func ReadBlock(doc []byte) ([]byte, error) {
	i := bytes.Index(doc, []byte(machineScript))
	if i < 0 {
		return nil, errors.New("no cdrtui report block in the file (was it made by cdrtui report?)")
	}
	rest := doc[i+len(machineScript):]
	j := bytes.Index(rest, []byte("</script>"))
	if j < 0 {
		return nil, errors.New("the report block is not closed")
	}
	return bytes.TrimSpace(rest[:j]), nil
}

// Difference is a figure the case no longer gives as the report states it.
type Difference struct {
	Section string `json:"section"`
	Figure  string `json:"figure"`
	Report  string `json:"report"`
	Case    string `json:"case"`
}

// Verdict is the outcome of verifying a report against its case.
type Verdict struct {
	OK          bool         `json:"ok"`
	Figures     int          `json:"figures"` // compared
	Differences []Difference `json:"differences"`
	ReportHash  string       `json:"report_figures_sha256"`
	CaseHash    string       `json:"case_figures_sha256"` // of the figures recomputed now
	GeneratedAt string       `json:"generated_at"`
}

// ignored are figures that say how the case was read, not what it holds.
var ignored = map[string]bool{"access": true, "stored": true}

// Verify recomputes every figure of the report (HTML, PDF or XLSX) from
// the case, local or on ClickHouse, with the parameters the report
// carries, and lists those that differ.
func Verify(ctx context.Context, c casework.Case, doc []byte) (Verdict, error) {
	st, err := tracer(c)
	if err != nil {
		return Verdict{}, err
	}
	block, err := ReadAnyBlock(doc)
	if err != nil {
		return Verdict{}, err
	}
	var sr storedReport
	if err := json.Unmarshal(block, &sr); err != nil {
		return Verdict{}, fmt.Errorf("the report block is unreadable: %w", err)
	}
	if sr.Version != FormatVersion {
		return Verdict{}, fmt.Errorf("report block version %d; this cdrtui reads %d", sr.Version, FormatVersion)
	}
	p := sr.Report.Params
	p.Case = st.CaseArg()
	p.auditSeq, p.auditChain = max(sr.Report.AuditSeq, -1), sr.Report.AuditChain
	if sr.Report.AuditSeq == 0 {
		p.auditSeq = -1 // the trail was empty: compare with nothing named
	}
	now, err := Build(ctx, st, p, "", time.Now())
	if err != nil {
		return Verdict{}, fmt.Errorf("recomputing the report: %w", err)
	}
	v := Verdict{ReportHash: sr.FiguresHash, GeneratedAt: sr.Report.GeneratedAt, Differences: []Difference{}}
	now.Params.Case = ""
	now.Params.auditSeq, now.Params.auditChain = 0, ""
	for _, s := range now.Sections {
		if d, ok := s.Data.(auditData); ok {
			now.AuditChain, now.AuditSeq, now.AuditHead = d.Chain, d.Seq, d.Hash
		}
	}
	v.CaseHash = FiguresHash(now)
	byID := map[string]Section{}
	for _, s := range now.Sections {
		byID[s.ID] = s
	}
	seen := map[string]bool{}
	for _, s := range sr.Report.Sections {
		seen[s.ID] = true
		cur, ok := byID[s.ID]
		if !ok {
			v.Differences = append(v.Differences, Difference{Section: s.ID, Figure: "(section)", Report: s.Title, Case: "absent: the case no longer gives this section"})
			continue
		}
		want, err := flatten(s.Data)
		if err != nil {
			return v, fmt.Errorf("section %s: %w", s.ID, err)
		}
		b, _ := json.Marshal(cur.Data)
		got, _ := flatten(b)
		keys := make([]string, 0, len(want))
		for k := range want {
			keys = append(keys, k)
		}
		if !s.Grows {
			for k := range got {
				if _, ok := want[k]; !ok {
					keys = append(keys, k)
				}
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ignored[lastKey(k)] {
				continue
			}
			v.Figures++
			w, okw := want[k]
			g, okg := got[k]
			if okw && okg && w == g {
				continue
			}
			if !okw {
				w = "(not in the report)"
			}
			if !okg {
				g = "(no longer in the case)"
			}
			v.Differences = append(v.Differences, Difference{Section: s.ID, Figure: k, Report: w, Case: g})
		}
	}
	for _, s := range now.Sections {
		if !seen[s.ID] {
			v.Differences = append(v.Differences, Difference{Section: s.ID, Figure: "(section)", Report: "absent", Case: "the case now gives this section"})
		}
	}
	v.OK = len(v.Differences) == 0
	return v, nil
}

func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// flatten reads JSON into path → scalar text ("apps[0].count" → "42").
func flatten(raw []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if len(x) == 0 {
				out[prefix] = "{}"
			}
			for k, e := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, e)
			}
		case []any:
			if len(x) == 0 {
				out[prefix] = "[]"
			}
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", prefix, i), e)
			}
		case nil:
			out[prefix] = "null"
		default:
			out[prefix] = fmt.Sprint(x)
		}
	}
	walk("", v)
	return out, nil
}
