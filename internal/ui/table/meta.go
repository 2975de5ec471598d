package table

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// Param is one parameter an export was made with ("A", "window"), in the
// order the pane gives them.
type Param struct {
	Name, Value string
}

// Params is an ordered list of parameters; JSON writes it as an object.
type Params []Param

// MarshalJSON writes the parameters as an object in their order.
func (ps Params) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.Name)
		v, _ := json.Marshal(p.Value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// MetaSource is one evidence file of the case an export was made from.
type MetaSource struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Meta says what an export is of: the case and its sources' SHA-256, the
// list and the parameters it was computed with, its filter and order, and
// when it was made. CSV carries it as "# " lines before the header row,
// JSON as the "meta" object.
type Meta struct {
	Tool       string       `json:"tool"`
	Of         string       `json:"of"`
	Case       string       `json:"case,omitempty"`
	Sources    []MetaSource `json:"sources"`
	Params     Params       `json:"parameters"`
	Filter     string       `json:"filter"`
	Sort       string       `json:"sort,omitempty"`
	ExportedAt string       `json:"exported_at"`
}

// Case is what an export needs of the case: its file and its sources.
type Case interface {
	Path() string
	Sources(ctx context.Context) ([]store.Source, error)
}

// meta is the export's description as the table stands.
func (m *Model) meta(req PageRequest) *Meta {
	of := m.opts.Name
	if m.opts.Of != "" {
		of = m.opts.Of
	}
	md := &Meta{Of: of}
	if m.params != nil {
		md.Params = m.params()
	}
	return md
}

// fillCase names the case and hashes of its sources.
func (md *Meta) fillCase(ctx context.Context, c Case) error {
	md.Case = c.Path()
	srcs, err := c.Sources(ctx)
	if err != nil {
		return err
	}
	for _, s := range srcs {
		md.Sources = append(md.Sources, MetaSource{Path: s.Path, SHA256: s.SHA256})
	}
	return nil
}

// complete fills what the request says (filter and order) and the time.
func (md *Meta) complete(cols []Column, req PageRequest) {
	md.Tool = "cdrtui"
	if md.Sources == nil {
		md.Sources = []MetaSource{}
	}
	if md.Params == nil {
		md.Params = Params{}
	}
	md.Filter = req.Filter
	if req.Sort >= 0 && req.Sort < len(cols) {
		md.Sort = cols[req.Sort].Title + " ascending"
		if req.Desc {
			md.Sort = cols[req.Sort].Title + " descending"
		}
	}
	md.ExportedAt = time.Now().UTC().Format(time.RFC3339)
}

// writeCSVHeader writes the meta as "# name: value" lines.
func (md *Meta) writeCSVHeader(w io.Writer) error {
	var b strings.Builder
	line := func(k, v string) {
		fmt.Fprintf(&b, "# %s: %s\n", k, oneLine(v))
	}
	line("cdrtui export of", md.Of)
	if md.Case != "" {
		line("case", md.Case)
	}
	for _, s := range md.Sources {
		line("source", s.SHA256+"  "+s.Path)
	}
	for _, p := range md.Params {
		line(p.Name, p.Value)
	}
	line("filter", md.Filter)
	if md.Sort != "" {
		line("sort", md.Sort)
	}
	line("exported at", md.ExportedAt)
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine keeps a header value on its line: line breaks become visible.
func oneLine(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}

var (
	plainNumber     = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)
	groupedInteger  = regexp.MustCompile(`^-?[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]+)?$`)
	percentageTitle = regexp.MustCompile(`%`)
)

// ExportValue is the value an export writes for column i of r: the typed
// value the source gave (Row.Values), else, in a number column (aligned
// right), the number the cell shows without its separators (an empty cell
// is null), else the cell's text.
func ExportValue(r Row, i int, c Column) any {
	if i < len(r.Values) && r.Values[i] != nil {
		return r.Values[i]
	}
	cell := ""
	if i < len(r.Cells) {
		cell = r.Cells[i]
	}
	if !c.Right {
		return cell
	}
	s := strings.TrimSpace(cell)
	if s == "" || s == "—" {
		return nil // — in a number column: a value the records do not give
	}
	if strings.HasSuffix(s, "%") && percentageTitle.MatchString(c.Title) {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	if groupedInteger.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if plainNumber.MatchString(s) {
		return json.Number(s)
	}
	return cell
}

// csvText writes an export value as a CSV field.
func csvText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case json.Number:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return defuseFormula(x)
	}
	return defuseFormula(fmt.Sprint(v))
}

// defuseFormula prefixes an apostrophe to text a spreadsheet would
// evaluate; numbers such as -5 are left alone.
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}

// jsonValue makes an export value encodable: NaN and infinities are null.
func jsonValue(v any) any {
	if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
		return nil
	}
	return v
}
