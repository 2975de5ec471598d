package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// hostileCase holds evidence and notes written to attack each format:
// HTML and script in a file name and a cell ID, spreadsheet formulas
// (=, +, -, @, a leading tab or carriage return) in cell IDs and notes.
func hostileCase(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	ev := filepath.Join(dir, "evidence")
	os.Mkdir(ev, 0o755)
	rows := []string{"MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START_DATE,START_TIME,END_DATE,END_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME,TOTAL_VOLUME"}
	for i, cell := range []string{`"=HYPERLINK(""http://evil.example/x"",""click"")"`, "<script>alert(1)</script>", "@SUM(1+1)", "+1-2", "-3+4", `"<img src=x onerror=alert(2)>"`} {
		rows = append(rows, "919000000001,404107312666504,354678111298241,23.32.48.2"+string(rune('0'+i))+",5222,1"+string(rune('0'+i))+"/03/2024,07:14:12,1"+string(rune('0'+i))+"/03/2024,07:14:35,"+cell+",1,2,3")
	}
	if err := os.WriteFile(filepath.Join(ev, "<img src=x onerror=alert(1)>.csv"), []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, ev)
	runOK(t, "note", casePath, "add", "subscriber", "919000000001", "\t=cmd|' /C calc'!A0", "--tag", "=1+1", "--analyst", "<b>mallory</b>")
	runOK(t, "note", casePath, "add", "record", "=2+2", "\r@SUM(9)")
	runOK(t, "note", casePath, "add", "record", "ipdr 1", "</script><script>alert(3)</script>")
	return casePath, dir
}

func TestReportHostileValuesInertInEveryFormat(t *testing.T) {
	casePath, dir := hostileCase(t)
	for _, ext := range []string{"html", "pdf", "xlsx"} {
		out := filepath.Join(dir, "r."+ext)
		runOK(t, "report", casePath, "--subscriber", "919000000001", "--out", out)
		doc, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		switch ext {
		case "html":
			checkHTMLInert(t, doc)
		case "pdf":
			if !bytes.HasPrefix(doc, []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			for _, bad := range []string{"/JavaScript", "/JS ", "/Launch", "/URI", "/OpenAction", "/AA "} {
				if bytes.Contains(doc, []byte(bad)) {
					t.Errorf("the PDF holds an action %s", bad)
				}
			}
		case "xlsx":
			checkXLSXInert(t, out)
		}
	}
	// the verification reads the hostile report back
	runOK(t, "report", "--verify", filepath.Join(dir, "r.html"), casePath)
}

// checkHTMLInert parses the report: the only script is the JSON block, no
// element or attribute can run or fetch anything, and the hostile texts
// are there as text.
func checkHTMLInert(t *testing.T, doc []byte) {
	t.Helper()
	allowed := map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "h1": true, "h2": true, "h3": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "p": true, "code": true, "div": true, "nav": true, "ol": true,
		"li": true, "a": true, "section": true, "figure": true, "svg": true, "defs": true, "pattern": true, "rect": true, "line": true, "text": true,
		"title ": true, "details": true, "summary": true, "span": true, "footer": true, "script": true}
	z := html.NewTokenizer(bytes.NewReader(doc))
	scripts := 0
	var open []string // the elements open, to check that they nest and close
	var texts strings.Builder
	inScript := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if !allowed[tok.Data] {
				t.Errorf("element <%s> in the report", tok.Data)
			}
			if tok.Data == "script" {
				scripts++
				inScript = true
				typ := ""
				for _, a := range tok.Attr {
					if a.Key == "type" {
						typ = a.Val
					}
				}
				if typ != "application/json" {
					t.Errorf("a script of type %q", typ)
				}
			}
			for _, a := range tok.Attr {
				k := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(k, "on"):
					t.Errorf("event attribute %s=%q", a.Key, a.Val)
				case k == "src" || k == "action" || k == "formaction" || k == "xlink:href" || k == "data" || k == "poster":
					t.Errorf("attribute %s=%q", a.Key, a.Val)
				case k == "href" && !strings.HasPrefix(a.Val, "#"):
					t.Errorf("external link %q", a.Val)
				case k == "fill" && strings.HasPrefix(a.Val, "url(") && !strings.HasPrefix(a.Val, "url(#"):
					t.Errorf("external fill %q", a.Val)
				}
			}
			if tt == html.StartTagToken && tok.Data != "meta" {
				open = append(open, tok.Data)
			}
		case html.EndTagToken:
			inScript = false
			if len(open) == 0 || open[len(open)-1] != tok.Data {
				t.Errorf("</%s> closes %v", tok.Data, open)
			} else {
				open = open[:len(open)-1]
			}
		case html.TextToken:
			if !inScript {
				texts.WriteString(tok.Data)
			}
		}
	}
	if len(open) != 0 {
		t.Errorf("elements left open: %v", open)
	}
	if scripts != 1 {
		t.Errorf("%d script elements, want only the JSON block", scripts)
	}
	if err := z.Err(); err != nil && err.Error() != "EOF" {
		t.Errorf("tokenizer: %v", err)
	}
	for _, s := range []string{"<script>alert(1)</script>", "<img src=x onerror=alert(1)>.csv", "</script><script>alert(3)</script>", `=HYPERLINK("http://evil.example/x","click")`, "<b>mallory</b>"} {
		if !strings.Contains(texts.String(), s) {
			t.Errorf("the text %q is not shown as text", s)
		}
	}
	low := strings.ToLower(string(doc))
	for _, bad := range []string{"@import", "<link", "url(http", "src=\"", "<iframe", "<object", "<embed"} {
		if strings.Contains(low, bad) {
			t.Errorf("the HTML holds %q", bad)
		}
	}
	if i := strings.Index(low, "<style>"); i >= 0 {
		css := low[i:strings.Index(low, "</style>")]
		if strings.Contains(strings.ReplaceAll(css, "url(#", ""), "url(") {
			t.Error("the CSS fetches something")
		}
	}
}

// checkXLSXInert opens the workbook: no cell is a formula, every text
// starting like a formula is prefixed (a tab or carriage return is shown
// as a visible escape, as everywhere evidence is shown), counts are
// numbers and identifiers are text.
func checkXLSXInert(t *testing.T, path string) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	seen := map[string]bool{}
	for _, sh := range x.GetSheetList() {
		rows, err := x.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if f, _ := x.GetCellFormula(sh, cell); f != "" {
					t.Errorf("%s!%s is a formula: %q", sh, cell, f)
				}
				if v != "" && strings.ContainsRune("=+@\t\r", rune(v[0])) || len(v) > 1 && v[0] == '-' {
					t.Errorf("%s!%s starts like a formula: %q", sh, cell, v)
				}
				seen[v] = true
			}
		}
	}
	for _, v := range []string{`'=HYPERLINK("http://evil.example/x","click")`, "'@SUM(1+1)", "'+1-2", "'-3+4", `\t=cmd|' /C calc'!A0`, `\r@SUM(9)`, "'=2+2"} {
		if !seen[v] {
			t.Errorf("no cell holds %q", v)
		}
	}
	// types: the persona's applications sheet counts as numbers, the cells' IDs as text
	var apps, cells string
	for _, sh := range x.GetSheetList() {
		switch {
		case sh == "persona …000001 applications":
			apps = sh
		case sh == "persona …000001 cells":
			cells = sh
		}
	}
	if apps == "" || cells == "" {
		t.Fatalf("sheets %v", x.GetSheetList())
	}
	if ty, _ := x.GetCellType(apps, "B2"); ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
		t.Errorf("frequency is of type %v", ty)
	}
	if v, _ := x.GetCellValue(apps, "B2"); v != "6" { // the six rows, all on 5222
		t.Errorf("frequency %q, want 6", v)
	}
	if ty, _ := x.GetCellType(cells, "A2"); ty != excelize.CellTypeSharedString && ty != excelize.CellTypeInlineString {
		t.Errorf("a cell ID is of type %v", ty)
	}
}
