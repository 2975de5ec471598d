package spreadsheet

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// The merged ranges at the end of a worksheet part and its hidden rows are
// found however its bytes arrive: one at a time, or in chunks that cut a
// tag in two, with a namespace prefix or none; a cell's text that says
// "mergeCell" or "row hidden" is neither.
func TestMergeRefs(t *testing.T) {
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
		want := []string{"A1:G1", "D3:D5", "G3:G4"}
		for _, one := range []bool{false, true} {
			src := iotest.HalfReader(bytes.NewReader([]byte(part)))
			if one {
				src = iotest.OneByteReader(bytes.NewReader([]byte(part)))
			}
			var got []string
			refs, hidden := scanPart(src)
			for _, ref := range refs {
				got = append(got, string(ref))
			}
			if !slices.Equal(got, want) || !slices.Equal(hidden, []int{2, 3000}) {
				t.Errorf("prefix %q, one byte at a time %v: %v, hidden %v, want %v, hidden [2 3000]", prefix, one, got, hidden, want)
			}
		}
	}
}
