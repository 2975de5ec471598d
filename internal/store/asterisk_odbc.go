package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// odbcTable is one section of cdr_adaptive_odbc.conf (or cdr_odbc.conf's
// [global]): the table it writes and whether its times are UTC.
type odbcTable struct {
	file, section, table string
	utc                  bool
	line                 int // the usegmtime line, 0 when the default (no) applies
	// aliases are the section's "alias VAR => column" lines: column (lower
	// case) -> CDR variable.
	aliases map[string]string
}

// describe says what the section decides, for the notes.
func (t odbcTable) describe() string {
	if t.line == 0 {
		return fmt.Sprintf("etc/asterisk/%s [%s] writes table %s with no usegmtime (default no), so local time", t.file, t.section, t.table)
	}
	how := "local time"
	if t.utc {
		how = "UTC"
	}
	return fmt.Sprintf("etc/asterisk/%s [%s] line %d: usegmtime for table %s, so %s", t.file, t.section, t.line, t.table, how)
}

// readODBCTables reads the tables cdr_adaptive_odbc.conf's sections write
// (table=, usegmtime=, per section; table defaults to cdr) and
// cdr_odbc.conf's [global] (table, usegmtime).
func readODBCTables(r *os.Root) []odbcTable {
	var out []odbcTable
	for _, file := range []string{"cdr_adaptive_odbc.conf", "cdr_odbc.conf"} {
		b, err := readRootFile(r, "etc/asterisk/"+file)
		if err != nil {
			continue
		}
		c, err := asterisk.ParseConf(bytes.NewReader(b))
		if err != nil {
			continue
		}
		for _, s := range c.Sections {
			if file == "cdr_odbc.conf" && !strings.EqualFold(s.Name, "global") || s.Name == "" {
				continue
			}
			t := odbcTable{file: file, section: s.Name, table: "cdr"}
			for _, e := range s.Entries {
				if k := strings.ToLower(e.Key); strings.HasPrefix(k, "alias ") {
					if t.aliases == nil {
						t.aliases = map[string]string{}
					}
					t.aliases[strings.ToLower(strings.TrimSpace(e.Value))] = strings.TrimSpace(k[len("alias "):])
					continue
				}
				switch strings.ToLower(e.Key) {
				case "table":
					t.table = strings.TrimSpace(e.Value)
				case "usegmtime":
					t.utc, t.line = asterisk.IsTrue(e.Value), e.Line
				}
			}
			out = append(out, t)
		}
	}
	return out
}

// odbcClock picks the section of cdr_adaptive_odbc.conf whose table a CDR
// table export at abs holds: the one section there is, or those whose table
// the file's name names (cdr.csv, asteriskcdrdb.cdr.tsv, AsteriskCDR-2025.csv).
// ok is false when the sections disagree and the name does not settle it.
func odbcClock(tables []odbcTable, abs string) (utc bool, note string, ok bool) {
	if len(tables) == 0 {
		return false, "", false
	}
	pick := odbcSections(tables, abs)
	for _, t := range pick[1:] {
		if t.utc != pick[0].utc {
			var ds []string
			for _, t := range pick {
				ds = append(ds, t.describe())
			}
			return false, "the CDR database sections disagree and the file's name does not say which table it holds (" + strings.Join(ds, "; ") +
				"): read in the image's zone; the clock check below says which fits", false
		}
	}
	var ds []string
	for _, t := range pick {
		ds = append(ds, t.describe())
	}
	return pick[0].utc, strings.Join(ds, "; "), true
}

// odbcAliases are the column aliases of the sections whose table a CDR
// table export at abs may hold (the first section naming a column wins).
func odbcAliases(tables []odbcTable, abs string) map[string]string {
	var out map[string]string
	for _, t := range odbcSections(tables, abs) {
		for col, v := range t.aliases {
			if out == nil {
				out = map[string]string{}
			}
			if _, dup := out[col]; !dup {
				out[col] = v
			}
		}
	}
	return out
}

// odbcSections are the sections whose table the file's name names, or all
// of them when it names none.
func odbcSections(tables []odbcTable, abs string) []odbcTable {
	stem := strings.ToLower(filepath.Base(abs))
	words := map[string]bool{stem: true}
	for _, w := range strings.FieldsFunc(stem, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') }) {
		words[w] = true
	}
	var named []odbcTable
	for _, t := range tables {
		if words[strings.ToLower(t.table)] {
			named = append(named, t)
		}
	}
	if len(named) == 0 {
		return tables
	}
	return named
}
