package asterisk

import (
	"strings"
	"testing"
)

// Advanced mappings as configs/samples/cdr_custom.conf.sample of
// asterisk/asterisk documents them: a tab separator written "\t", a single
// quote as quote character escaped by a backslash, start(%FT%T%z) a strftime
// format (local time), end(double) Unix seconds, disposition(int64) the
// code 8 read as ANSWERED; a format cdr_custom does
// not write refuses the mapping rather than guess.
func TestAdvancedCustomMappings(t *testing.T) {
	conf := "[general]\nx=1\n\n[calls.tsv]\nseparator_character = \\t\nquote_character = '\nquote_escape_character = \\\\\n" +
		"fields = src, dst, start(%FT%T%z), end(double^noquote), disposition(int64), billsec\n\n[odd.xml]\nformat = xml\nfields = src, dst, start\n"
	c, err := ParseConf(strings.NewReader(conf))
	if err != nil {
		t.Fatal(err)
	}
	ms := ParseCustomMappings(c)
	if len(ms) != 2 {
		t.Fatalf("mappings %+v", ms)
	}
	m := ms[0]
	if m.File != "calls.tsv" || m.Line != 4 || m.Sep != '\t' || m.Quote != '\'' || m.Escape != '\\' || m.JSON ||
		strings.Join(m.Vars, ",") != "src,dst,start,end,disposition,billsec" || strings.Join(m.Codes, ",") != ",,,,disposition," || !m.Local || m.UTC || !m.Epoch[3] || m.Epoch[2] {
		t.Errorf("calls.tsv: %+v", m)
	}
	vals, _, err := m.splitRecord("'20\\'1'\t300\t2024-03-01T10:00:00+0100\t1709283660.250000\t8\t", nil)
	if err != nil || strings.Join(vals, "|") != "20'1|300|2024-03-01T10:00:00+0100|1709283660.250000|ANSWERED|" {
		t.Errorf("split %q %v", vals, err)
	}
	if _, why, ok := ms[1].Mapper(); ok || why != "format = xml, which cdr_custom does not write" {
		t.Errorf("odd.xml: %v %q", ok, why)
	}
}
