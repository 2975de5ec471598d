package spreadsheet

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// The merged ranges are found at the end of a worksheet part however its
// bytes arrive: one at a time, or in chunks that cut an element in two,
// with a namespace prefix or none; a cell's text that says "mergeCell"
// before the <mergeCells> element is no range.
func TestMergeRefs(t *testing.T) {
	rows := strings.Repeat(`<row r="2"><c r="A2" t="inlineStr"><is><t>mergeCell ref="Z1:Z9"</t></is></c></row>`, 3000)
	for _, prefix := range []string{"", "x:"} {
		part := `<worksheet><sheetData>` + rows + `</sheetData><` + prefix + `mergeCells count="3"><` + prefix + `mergeCell ref="A1:G1"/><` +
			prefix + `mergeCell ref="D3:D5"/><` + prefix + `mergeCell ref="G3:G4"/></` + prefix + `mergeCells><pageMargins left="0.7"/></worksheet>`
		want := []string{"A1:G1", "D3:D5", "G3:G4"}
		for _, one := range []bool{false, true} {
			src := iotest.HalfReader(bytes.NewReader([]byte(part)))
			if one {
				src = iotest.OneByteReader(bytes.NewReader([]byte(part)))
			}
			var got []string
			for _, ref := range mergeRefs(src) {
				got = append(got, string(ref))
			}
			if !slices.Equal(got, want) {
				t.Errorf("prefix %q, one byte at a time %v: %v, want %v", prefix, one, got, want)
			}
		}
	}
}
