// Package report builds the case report an analyst hands to a prosecutor or
// a court: the case and its sources, the software, the zone rules, the
// analyses chosen for each subscriber (each from the same casework function
// as its CLI twin, with the command that reproduces it and the records
// behind its figures), the bookmarks and the audit trail's head. It writes
// the report as self-contained HTML, PDF or XLSX, and verifies a report
// against its case by recomputing every figure from the parameters the
// report carries.
package report

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cdrtui/cdrtui/internal/inert"
)

// FormatVersion is the version of the machine-readable block.
const FormatVersion = 1

// Params are what a report is built from: enough to build it again.
type Params struct {
	Case        string   `json:"case"`        // the case file as given
	Subscribers []string `json:"subscribers"` // as typed
	Sections    []string `json:"sections"`    // chosen, in report order
	WindowS     int64    `json:"window_s"`    // correlation and contacts
	Top         int      `json:"top"`         // contacts, destinations, SIMs listed
	App         string   `json:"app"`         // trends

	auditSeq   int64  // set by Verify: the audit entry the report named
	auditChain string // and its chain (a ClickHouse case's trail)
}

// Report is a built report.
type Report struct {
	Title       string    `json:"title"`
	GeneratedAt string    `json:"generated_at"` // RFC 3339, UTC
	Analyst     string    `json:"analyst"`
	Software    Software  `json:"software"`
	Params      Params    `json:"params"`
	AuditChain  string    `json:"audit_chain,omitempty"` // a ClickHouse case's trail: the head's chain
	AuditSeq    int64     `json:"audit_seq"`             // the trail's head when the report was built
	AuditHead   string    `json:"audit_head"`            // its hash
	Sections    []Section `json:"sections"`
}

// AuditHeadText names the trail's head the report was made at: "entry 14
// · SHA-256", with its chain on a ClickHouse case's trail.
func (r *Report) AuditHeadText() string {
	if r.AuditChain != "" {
		return fmt.Sprintf("entry %d of chain %s · %s", r.AuditSeq, r.AuditChain, r.AuditHead)
	}
	return fmt.Sprintf("entry %d · %s", r.AuditSeq, r.AuditHead)
}

// Software is the build of cdrtui that made the report.
type Software struct {
	Module   string            `json:"module"`
	Version  string            `json:"version"`
	Go       string            `json:"go"`
	Settings map[string]string `json:"settings,omitempty"` // vcs.revision, vcs.time, vcs.modified, CGO_ENABLED ...
}

// Section is one part of the report.
type Section struct {
	ID      string   `json:"id"`   // "case", "persona 919...", unique in a report
	Kind    string   `json:"kind"` // the section's name in --sections
	Title   string   `json:"title"`
	Command string   `json:"command"` // the CLI that reproduces it
	Text    []string `json:"-"`       // paragraphs
	Tables  []Table  `json:"-"`
	Charts  []Chart  `json:"-"`
	// Data is the figures, as the casework function (and the CLI's --json)
	// gives them; report --verify compares them with the case's.
	Data any `json:"data"`
	// Grows marks a section whose figures may only gain entries as the
	// case is worked on (notes): --verify then checks those the report
	// shows and ignores new ones.
	Grows bool `json:"grows,omitempty"`
}

// ColKind is how a column's cells are typed in a spreadsheet and aligned.
type ColKind int

// Column kinds: text, an identifier (digits kept as text: MSISDN, IMSI,
// IMEI, a port as a name), an integer, a decimal number.
const (
	Text ColKind = iota
	ID
	Int
	Float
)

// Column is a table's column.
type Column struct {
	Title string
	Kind  ColKind
}

// Cell is one value: S as shown, N when the column is numeric.
type Cell struct {
	S string
	N float64
}

// Table is a table of a section. Trace, when set on a row, says which
// records are behind that row's figures.
type Table struct {
	Name    string
	Columns []Column
	Rows    [][]Cell
	Traces  []Trace // one per row, or none
	Note    string
}

// Trace is a figure's records: a sample of where they were read, how many
// there are, and the query that lists them all.
type Trace struct {
	Sample []string // "file:line"
	Total  int64
	Query  string
}

// Chart is a bar chart (one or two series on one scale).
type Chart struct {
	Title  string
	Labels []string
	Series []Series
	YLabel string
}

// Series is one set of bars.
type Series struct {
	Name   string
	Values []float64
}

func txt(s string) Cell { return Cell{S: s} }
func num(n int64) Cell  { return Cell{S: fmt.Sprint(n), N: float64(n)} }
func dec(f float64, prec int) Cell {
	return Cell{S: fmt.Sprintf("%.*f", prec, f), N: f}
}

// ShellQuote quotes an argument for the command lines the report prints.
// An argument holding a byte that would act on a terminal (a control
// character, a bidirectional override, an invalid byte) is written in
// bash's $'...' with each such byte or rune escaped, so that the line is
// shown as written and still pastes as the argument; before, the report
// could only show such a line inert (and so not pasteable).
func ShellQuote(s string) string {
	if inert.Command(s) != s {
		return ansiCQuote(s)
	}
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=,+@%", r))
	}) < 0 {
		return s
	}
	if strings.ContainsRune(s, '\'') && !strings.ContainsAny(s, "$`\\\"!") {
		return `"` + s + `"` // SQL with its quotes reads better so
	}
	// a quote inside as '"'"' (no backslash: the report shows its text
	// inert, which writes a backslash doubled, and '\\'' is no quote)
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}

// ansiCQuote writes s in bash's $'...': a backslash and a quote escaped,
// an invalid byte or a control character as \xNN, a rune that acts on a
// terminal as \uNNNN or \UNNNNNNNN, the rest as written.
func ansiCQuote(s string) string {
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && inert.Command(string(r)) != string(r):
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}

// Machine is the block embedded in the HTML for --verify.
type Machine struct {
	Version     int     `json:"cdrtui_report"`
	Report      *Report `json:"report"`
	FiguresHash string  `json:"figures_sha256"`
}

// MarshalMachine writes the block, escaped so that it cannot close the
// script element that holds it.
func MarshalMachine(r *Report, hash string) ([]byte, error) {
	b, err := json.Marshal(Machine{Version: FormatVersion, Report: r, FiguresHash: hash})
	if err != nil {
		return nil, err
	}
	return b, nil // json.Marshal escapes <, > and & already
}
