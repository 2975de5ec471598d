package asterisk

import (
	"bytes"
	"fmt"
	"strings"
)

// pbxTables are the tables of PBX call records and events that SQL dumps
// of a seized system hold: Asterisk's cdr, cel and queue_log (asteriskcdrdb
// on FreePBX and Issabel), FusionPBX's v_xml_cdr, Kamailio's acc and
// acc_cdrs, 3CX's cdroutput.
var pbxTables = []string{"cdr", "cel", "queue_log", "v_xml_cdr", "acc", "acc_cdrs", "cdroutput"}

// DetectSQLDump recognises an SQL dump (mysqldump's "-- MySQL dump",
// pg_dump's "-- PostgreSQL database dump", or its CREATE TABLE, INSERT
// INTO and COPY statements) and says why it is not read: its rows are
// statements (mysqldump writes many on one line), which are not parsed
// here, and the table is read from an export with its header instead. The
// reason names the first PBX table the head shows and where.
func DetectSQLDump(head []byte) (ok bool, reason string) {
	kind := ""
	table, at := "", 0
	for i, b := range headLines(head) {
		l := strings.TrimSpace(string(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
		switch {
		case strings.HasPrefix(l, "-- MySQL dump"), strings.HasPrefix(l, "-- MariaDB dump"):
			kind = "mysqldump"
		case strings.HasPrefix(l, "-- PostgreSQL database dump"):
			kind = "pg_dump"
		}
		if table == "" {
			if t := dumpTable(l); t != "" {
				table, at = t, i+1
			}
		}
	}
	if kind == "" && table == "" {
		return false, ""
	}
	if kind == "" {
		kind = "an SQL dump"
	} else {
		kind = "an SQL dump (" + kind + ")"
	}
	how := "restore it and export each PBX table (cdr, cel, queue_log ...) with its header — mysql -B -e 'SELECT * FROM cdr' > cdr.tsv, " +
		"or psql -c \"\\copy cdr TO 'cdr.csv' CSV HEADER\" — which is read by its column names"
	if table == "" {
		return true, fmt.Sprintf("%s: its rows are SQL statements, not read; if it holds a PBX's tables, %s", kind, how)
	}
	return true, fmt.Sprintf("%s of the PBX table %s (line %d): its rows are SQL statements, not read; %s", kind, table, at, how)
}

// dumpTable is the PBX table a dump line creates, fills or copies ("" for
// none): CREATE TABLE `cdr`, INSERT INTO `cdr`, COPY public.cdr (...).
func dumpTable(l string) string {
	u := strings.ToUpper(l)
	var rest string
	switch {
	case strings.HasPrefix(u, "CREATE TABLE "):
		rest = l[len("CREATE TABLE "):]
		if strings.HasPrefix(strings.ToUpper(rest), "IF NOT EXISTS ") {
			rest = rest[len("IF NOT EXISTS "):]
		}
	case strings.HasPrefix(u, "INSERT INTO "):
		rest = l[len("INSERT INTO "):]
	case strings.HasPrefix(u, "COPY "):
		rest = l[len("COPY "):]
	default:
		return ""
	}
	name := rest
	if i := strings.IndexAny(name, " (;"); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // public.cdr, `asteriskcdrdb`.`cdr`
	}
	name = strings.Trim(name, "`\"")
	for _, t := range pbxTables {
		if strings.EqualFold(name, t) {
			return t
		}
	}
	return ""
}
