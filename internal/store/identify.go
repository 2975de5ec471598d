package store

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ApplicationID marks an SQLite file as a cdrtui case: PRAGMA
// application_id is set to it when a case is created (the bytes "CDRT",
// 0x43445254). A file is recognised by it before anything is written, so
// that another application's database opened by mistake (a seized SMS or
// messenger store) is never changed. Cases written before the mark existed
// have application_id 0, a user_version from 1 to SchemaVersion and the
// case_info and sources tables; they are recognised by those and marked
// the first time a writing command opens them.
const ApplicationID = 0x43445254

// fileKind is what a file given as a case turned out to be.
type fileKind int

const (
	fileMissing   fileKind = iota
	fileEmpty              // zero bytes, or an SQLite database with no schema at all
	fileCase               // marked with ApplicationID
	fileOldCase            // a case written before the mark
	fileForeign            // anything else
	fileNewerCase          // a case of a newer schema than this cdrtui knows
)

// identity is what identify learned about a file, read without writing.
type identity struct {
	kind          fileKind
	userVersion   int
	applicationID uint32
	what          string // for a foreign file: what it looks like
	wal           bool   // the header says write-ahead logging (read and write versions 2)
}

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// identify reads the file's SQLite header (user_version at offset 60,
// application_id at 68) and, when that is not enough, its table names
// through an immutable read-only connection: nothing is written, no
// journal or WAL file is created.
func identify(path string) (identity, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return identity{kind: fileMissing}, nil
	}
	if err != nil {
		return identity{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return identity{}, err
	}
	if info.IsDir() {
		return identity{}, fmt.Errorf("%s is a directory, not a case file", path)
	}
	if !info.Mode().IsRegular() {
		return identity{}, fmt.Errorf("%s is not a regular file (%s), not a case file", path, info.Mode().Type())
	}
	if info.Size() == 0 {
		return identity{kind: fileEmpty}, nil
	}
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	if n < 100 || !bytes.HasPrefix(head, sqliteMagic) {
		return identity{kind: fileForeign, what: fmt.Sprintf("not an SQLite database (%d bytes starting %q)", info.Size(), printable(head[:min(n, 16)]))}, nil
	}
	id := identity{userVersion: int(binary.BigEndian.Uint32(head[60:64])), applicationID: binary.BigEndian.Uint32(head[68:72]),
		wal: head[18] == 2 && head[19] == 2}
	latest := SchemaVersion()
	switch {
	case id.applicationID == ApplicationID && id.userVersion > latest:
		id.kind = fileNewerCase
		return id, nil
	case id.applicationID == ApplicationID:
		id.kind = fileCase
		return id, nil
	case id.applicationID != 0:
		id.kind = fileForeign
	}
	tables, err := tableNames(path)
	if err != nil {
		id.kind = fileForeign
		id.what = "an SQLite database that cannot be read (" + err.Error() + ")"
		return id, nil
	}
	has := map[string]bool{}
	for _, t := range tables {
		has[t] = true
	}
	switch {
	case id.kind == fileForeign:
	case len(tables) == 0 && id.userVersion == 0:
		id.kind = fileEmpty
		return id, nil
	case has["case_info"] && has["sources"] && id.userVersion >= 1 && id.userVersion <= latest:
		id.kind = fileOldCase
		return id, nil
	case has["case_info"] && has["sources"] && id.userVersion > latest:
		id.kind = fileNewerCase
		return id, nil
	default:
		id.kind = fileForeign
	}
	id.what = describeForeign(id, tables)
	return id, nil
}

// describeForeign says what a database that is not a case looks like.
func describeForeign(id identity, tables []string) string {
	var b strings.Builder
	b.WriteString("an SQLite database of another application")
	if id.applicationID != 0 {
		fmt.Fprintf(&b, " (application_id %#x)", id.applicationID)
	}
	switch {
	case len(tables) == 0:
		b.WriteString(" with no tables")
	default:
		shown := tables[:min(len(tables), 12)]
		fmt.Fprintf(&b, " with %d tables (%s", len(tables), printable([]byte(strings.Join(shown, ", "))))
		if len(tables) > len(shown) {
			b.WriteString(", ...")
		}
		b.WriteString(")")
	}
	if id.userVersion != 0 {
		fmt.Fprintf(&b, ", user_version %d", id.userVersion)
	}
	return b.String()
}

// tableNames lists a database's tables through an immutable read-only
// connection, which takes no lock and writes nothing.
func tableNames(path string) ([]string, error) {
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// printable makes bytes safe to show: controls and non-ASCII as escapes.
func printable(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= 0x20 && c < 0x7f {
			s.WriteByte(c)
		} else {
			fmt.Fprintf(&s, "\\x%02x", c)
		}
	}
	return s.String()
}

// NotACaseError is returned when a file given as a case is something else.
type NotACaseError struct {
	Path string
	What string
}

func (e *NotACaseError) Error() string {
	return fmt.Sprintf("%s is not a cdrtui case: %s; it was opened read-only and left unchanged", e.Path, e.What)
}
