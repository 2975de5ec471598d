package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/cdrtui/cdrtui/internal/inert"
)

// show is evidence text made safe to display: control characters and
// bytes that are not UTF-8 as visible escapes (the format's own escaping,
// HTML's or a spreadsheet's, is applied on top).
func show(s string) string { return inert.String(s) }

const htmlCSS = `
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:12px;color:#111;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;border-bottom:2px solid #3b6ea5;padding-bottom:2px;margin-top:28px}
h3{font-size:13px;margin:14px 0 4px}
table{border-collapse:collapse;margin:6px 0 10px;width:100%}
th,td{border:1px solid #bbb;padding:2px 5px;vertical-align:top;text-align:left;overflow-wrap:break-word}
th{background:#e8eef5}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.id{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:10px;word-break:break-all;min-width:8em}
code,.mono{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:11px;overflow-wrap:anywhere}
.cmd{background:#f3f3f3;border-left:3px solid #3b6ea5;padding:3px 6px;margin:4px 0}
.meta td{border:none;padding:1px 8px 1px 0}.meta{width:auto}
.trace{font-size:11px;color:#333;margin:0 0 10px 12px}.trace li{margin:1px 0}
.note{color:#555;font-style:italic}
a{color:#1d4f86}
figure{margin:8px 0;page-break-inside:avoid}
svg{max-width:100%;height:auto}
@media print{
 @page{size:A4;margin:14mm 12mm 16mm}
 body{margin:0;max-width:none;font-size:10px}
 h2{page-break-after:avoid}
 table{page-break-inside:auto}tr{page-break-inside:avoid}thead{display:table-header-group}
 a{color:inherit;text-decoration:none}
 .toc{display:none}
}
`

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"show":  show,
	"svg":   func(c Chart, uid string) template.HTML { return template.HTML(SVG(c, uid)) },
	"right": func(k ColKind) bool { return k == Int || k == Float },
	"isid":  func(k ColKind) bool { return k == ID },
	"tid":   func(s, t, r int) string { return fmt.Sprintf("r%d-%d-%d", s, t, r) },
	"sid":   func(s int) string { return fmt.Sprintf("s%d", s) },
	"cid":   func(s, c int) string { return fmt.Sprintf("%d-%d", s, c) },
	"first": func(row []Cell, tr []Trace, i int) bool { return i < len(tr) },
	"joinS": func(ss []string) string { return strings.Join(ss, "; ") },
	"show1": func(c Cell) string { return show(c.S) },
	"quote": ShellQuote,
	"cmd":   inert.Command,
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cdrtui">
<title>{{show .R.Title}} — {{show .R.Params.Case}}</title>
<style>{{.CSS}}</style></head>
<body>
<h1>{{show .R.Title}}</h1>
<table class="meta">
<tr><td>Case</td><td class="mono">{{show .R.Params.Case}}</td></tr>
<tr><td>Made</td><td>{{.R.GeneratedAt}} by {{show .R.Analyst}} with {{show .R.Software.Module}} {{show .R.Software.Version}} ({{show .R.Software.Go}})</td></tr>
<tr><td>Subscribers</td><td class="mono">{{range $i, $s := .R.Params.Subscribers}}{{if $i}}, {{end}}{{show $s}}{{else}}none chosen{{end}}</td></tr>
<tr><td>Parameters</td><td>window {{.R.Params.WindowS}} s · top {{.R.Params.Top}} · trends of {{show .R.Params.App}}</td></tr>
<tr><td>Figures SHA-256</td><td class="mono">{{.Hash}}</td></tr>
<tr><td>Audit head</td><td class="mono">{{show .R.AuditHeadText}}</td></tr>
<tr><td>Check it</td><td><code>cdrtui report --verify THIS.html {{cmd (quote .R.Params.Case)}}</code> recomputes every figure from the case</td></tr>
</table>
<nav class="toc"><h3>Contents</h3><ol>{{range $i, $s := .R.Sections}}<li><a href="#{{sid $i}}">{{show $s.Title}}</a></li>{{end}}</ol></nav>
{{range $si, $s := .R.Sections}}
<section id="{{sid $si}}">
<h2>{{show $s.Title}}</h2>
<div class="cmd">Reproduce: <code>{{cmd $s.Command}}</code></div>
{{range $s.Text}}<p>{{show .}}</p>
{{end}}
{{range $ci, $c := $s.Charts}}<figure>{{svg $c (cid $si $ci)}}</figure>
{{end}}
{{range $ti, $t := $s.Tables}}
<h3>{{show $t.Name}}</h3>
<table><thead><tr>{{range $t.Columns}}<th>{{show .Title}}</th>{{end}}{{if $t.Traces}}<th>records</th>{{end}}</tr></thead>
<tbody>{{range $ri, $row := $t.Rows}}<tr>{{range $k, $c := $row}}{{$col := index $t.Columns $k}}<td{{if right $col.Kind}} class="n"{{else if isid $col.Kind}} class="id"{{end}}>{{show $c.S}}</td>{{end}}{{if $t.Traces}}<td>{{if first $row $t.Traces $ri}}<a href="#{{tid $si $ti $ri}}">{{(index $t.Traces $ri).Total}} →</a>{{end}}</td>{{end}}</tr>
{{end}}</tbody></table>
{{if $t.Note}}<p class="note">{{show $t.Note}}</p>{{end}}
{{if $t.Traces}}<details open><summary>Records behind “{{show $t.Name}}”</summary><ol class="trace">{{range $ri, $tr := $t.Traces}}<li id="{{tid $si $ti $ri}}">{{show1 (index (index $t.Rows $ri) 0)}}: {{$tr.Total}} record(s){{if $tr.Sample}}, e.g. <span class="mono">{{show (joinS $tr.Sample)}}</span>{{end}}{{if $tr.Query}}; all: <code>{{cmd $tr.Query}}</code>{{end}}</li>
{{end}}</ol></details>{{end}}
{{end}}
</section>
{{end}}
<footer><p class="note">Figures SHA-256 {{.Hash}}: the SHA-256 of the report's parameters and figures (the block below), the same whatever the format. Made by cdrtui; no part of this file is fetched from the network.</p></footer>
`))

// WriteHTML writes the report as one self-contained HTML file: inline CSS
// and SVG, no script, no external reference, every evidence text escaped,
// and the machine-readable block report --verify reads.
func WriteHTML(w io.Writer, r *Report) error {
	hash := FiguresHash(r)
	if err := htmlTmpl.Execute(w, struct {
		R    *Report
		CSS  template.CSS
		Hash string
	}{r, template.CSS(htmlCSS), hash}); err != nil {
		return err
	}
	block, err := MarshalMachine(r, hash)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "%s\n%s\n</script>\n</body></html>\n", machineScript, block); err != nil {
		return err
	}
	return nil
}
