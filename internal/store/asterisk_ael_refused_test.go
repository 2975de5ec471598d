package store

import (
	"context"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// pbx_ael loads nothing from an AEL file with a syntax error ("Sorry, but
// %d syntax errors and %d semantic errors were detected. It doesn't make
// sense to compile."), so such a file is not read at all: listed as not
// read with the statements AEL refuses, none of its steps taken, not even
// those of its well-formed first context. Values chosen here; by hand:
// context broken (line 6) is never closed and its extension 200's block
// (line 7) neither, so the file has 2 such statements, and the dial plan
// has no step. The preview says the same before any import.
func TestAELWithSyntaxErrorNotRead(t *testing.T) {
	ael := "context from-internal {\n" + // 1
		"  100 => { Dial(SIP/100); };\n" + // 2
		"  _9X. => Dial(SIP/trunk/${EXTEN:1});\n" + // 3
		"  includes { outbound; };\n" + // 4
		"};\n" + // 5
		"context broken {\n" + // 6
		"  200 => { Dial(SIP/200)\n" // 7
	files := map[string]string{
		"etc/asterisk/extensions.ael": ael,
		"etc/asterisk/sip.conf":       "[general]\ncontext=default\n",
	}
	st, byName := importImageByName(t, files)
	r := byName["extensions.ael"]
	want := "not read: an AEL dial plan with 2 statements that do not parse (line 7: block of 200 in broken is not closed; line 6: context broken is not closed); pbx_ael loads nothing"
	if r.SourceID != 0 || r.Rows != 0 || !strings.HasPrefix(r.Skipped, want) {
		t.Errorf("extensions.ael: %+v\nwant skipped %q", r, want)
	}
	var steps int
	st.DB().QueryRow("SELECT count(*) FROM ast_dialplan").Scan(&steps)
	if steps != 0 {
		t.Errorf("%d steps of a file pbx_ael refuses", steps)
	}
	root := t.TempDir()
	testkit.WriteTree(t, root, files)
	pv, err := PreviewImport(context.Background(), []string{root}, ImportOptions{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, e := range pv.Entries {
		if strings.HasSuffix(e.Path, "extensions.ael") {
			seen = true
			if !strings.HasPrefix(e.Problem, want) {
				t.Errorf("preview: %+v", e)
			}
		}
	}
	if !seen {
		t.Errorf("preview lists no extensions.ael: %+v", pv.Entries)
	}
}
