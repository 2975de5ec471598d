package casework

import (
	"io"
	"strings"
)

// csvMetaLine is one "# name: value" line of the lines that begin every
// cdrtui CSV export, saying what it is of (the list, the case and its
// sources' SHA-256, the parameters, the time of export); the value is kept
// on one line.
func csvMetaLine(k, v string) string {
	return "# " + k + ": " + strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(v) + "\n"
}

// writeCSVMeta writes the lines, name and value, as csvMetaLine does.
func writeCSVMeta(w io.Writer, lines [][2]string) error {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(csvMetaLine(l[0], l[1]))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
