package store

import (
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// readOtherwise says, for a file the case already holds, which of this
// import's instructions differ from the ones the file was read with: a
// case keeps each file once, read one way, so an analyst who gives the
// file again with --tz, --date-order, --plmn or --encoding to correct the first
// reading is told that it was not read again, and how to have it so,
// rather than left to believe the new reading is in the case. "" when
// nothing given differs.
func readOtherwise(d *duplicate, opts ImportOptions) string {
	var diff []string
	if opts.Zone != nil && opts.Zone.String() != d.tz {
		was := d.tz
		if was == "" {
			was = "none: wall clocks kept as written"
		}
		diff = append(diff, fmt.Sprintf("--tz %s (it was read with %s)", opts.Zone, was))
	}
	if opts.DateOrder != "" && string(opts.DateOrder) != d.dateOrder {
		was := d.dateOrder
		if was == "" {
			was = "the order its layout gives"
		}
		diff = append(diff, fmt.Sprintf("--date-order %s (it was read with %s)", opts.DateOrder, was))
	}
	if opts.PLMN != "" {
		if p, err := evidence.ParsePLMN(opts.PLMN); err == nil {
			net := p.MCC + "-" + p.MNC
			usesPLMN := strings.Contains(d.format, "--plmn")
			if usesPLMN && !strings.Contains(d.format, "network "+net) {
				was := "without --plmn: its cells with no network were not placed"
				if strings.Contains(d.format, "from --plmn") || strings.Contains(d.format, "(--plmn)") {
					was = "with another --plmn"
				}
				diff = append(diff, fmt.Sprintf("--plmn %s (it was read %s)", net, was))
			}
		}
	}
	if enc, err := evidence.ParseEncoding(opts.Encoding); opts.Encoding != "" && err == nil {
		if was := readAs(d.format); was != enc.String() {
			diff = append(diff, fmt.Sprintf("--encoding %s (it was read as %s)", enc.Name(), was))
		}
	}
	if len(diff) == 0 {
		return ""
	}
	return "; not read again with " + strings.Join(diff, ", ") + ": a case holds each file once, as first read; to read it that way, import it into a new case"
}

// readAs is the encoding a format line says its file's text was read in.
func readAs(format string) string {
	for _, e := range []evidence.Encoding{evidence.UTF16LE, evidence.UTF16BE, evidence.CP1252, evidence.CP1250, evidence.CP1251, evidence.Latin1} {
		if strings.Contains(format, ", "+e.String()) {
			return e.String()
		}
	}
	return evidence.UTF8.String()
}
