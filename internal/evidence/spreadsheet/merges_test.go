package spreadsheet

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// The merged ranges at the end of a worksheet part (one column wide and
// more than a row high: D3:D5 and G3:G4, not the title's A1:G1), its
// hidden rows and its text cells are found in one pass however its bytes
// arrive: one at a time, or in chunks that cut a tag in two, with a
// namespace prefix or none; a cell's text that says "mergeCell" or "row
// hidden" is neither. Column A's 3,000 text cells are one run.
func TestScanPart(t *testing.T) {
	var rows string
	for r := 1; r <= 3000; r++ {
		hidden := ""
		if r == 2 || r == 3000 {
			hidden = ` ht="15" hidden="1" customHeight="1"`
		}
		rows += fmt.Sprintf(`<%srow r="%d" spans="1:7"%s><%sc r="A%d" t="inlineStr"><%sis><%st>mergeCell ref="Z1:Z9" row hidden="1"</%st></%sis></%sc></%srow>`,
			"PFX", r, hidden, "PFX", r, "PFX", "PFX", "PFX", "PFX", "PFX", "PFX")
	}
	for _, prefix := range []string{"", "x:"} {
		rows := strings.ReplaceAll(rows, "PFX", prefix)
		part := `<worksheet><sheetData>` + rows + `</sheetData><` + prefix + `mergeCells count="3"><` + prefix + `mergeCell ref="A1:G1"/><` +
			prefix + `mergeCell ref="D3:D5"/><` + prefix + `mergeCell ref="G3:G4"/></` + prefix + `mergeCells><pageMargins left="0.7"/></worksheet>`
		want := []merge{{col: 4, first: 3, last: 5}, {col: 7, first: 3, last: 4}}
		wantKinds := [][]kindRun{{{from: 1, to: 3000, kind: text}}}
		for _, one := range []bool{false, true} {
			src := iotest.HalfReader(bytes.NewReader([]byte(part)))
			if one {
				src = iotest.OneByteReader(bytes.NewReader([]byte(part)))
			}
			sc := scanPart(src)
			if !slices.Equal(sc.merges, want) || !slices.Equal(sc.hidden, []int{2, 3000}) || sc.kinds == nil || !reflect.DeepEqual(sc.kinds.cols, wantKinds) {
				t.Errorf("prefix %q, one byte at a time %v: %v, hidden %v, kinds %+v, want %v, hidden [2 3000], kinds %v", prefix, one, sc.merges, sc.hidden, sc.kinds, want, wantKinds)
			}
		}
	}
}
