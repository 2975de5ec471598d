package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	sqlite3 "modernc.org/sqlite/lib"
)

// The floor: what modernc's SQLite alone takes to store the rows of the
// benchmark file and build the case's indexes over them, with the rows
// already parsed and typed in memory and bound through SQLite's C API
// directly (no database/sql, no feed). The statements are the import's:
// every column it writes, into a case as Create makes it (WAL, its page
// size), with the import's page cache and sorter threads, then the commit
// and its checkpoint; insert-s, indexes-s and commit-s say where the time
// goes. Only the per-port timeline's rebuild (about 0.3 s a million
// records) and the summaries are left out. No import of this stack can be
// faster than that, whatever its parser; floor-ratio-to-shell is the best
// ratio-to-shell an import could reach.

// rawConn is a connection through the translated C API.
type rawConn struct {
	tb  testing.TB
	tls *libc.TLS
	db  uintptr
}

func openRaw(tb testing.TB, path string) *rawConn {
	tls := libc.NewTLS()
	name, err := libc.CString(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer libc.Xfree(tls, name)
	pdb := tls.Alloc(8)
	defer tls.Free(8)
	if rc := sqlite3.Xsqlite3_open_v2(tls, name, pdb, sqlite3.SQLITE_OPEN_READWRITE, 0); rc != sqlite3.SQLITE_OK {
		tb.Fatalf("open %s: %d", path, rc)
	}
	return &rawConn{tb: tb, tls: tls, db: readPointer(pdb)}
}

func (c *rawConn) fail(what string, rc int32) {
	c.tb.Helper()
	c.tb.Fatalf("%s: %d %s", what, rc, libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db)))
}

func (c *rawConn) exec(q string) {
	c.tb.Helper()
	z, _ := libc.CString(q)
	defer libc.Xfree(c.tls, z)
	if rc := sqlite3.Xsqlite3_exec(c.tls, c.db, z, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		c.fail(q, rc)
	}
}

func (c *rawConn) prepare(q string) uintptr {
	c.tb.Helper()
	z, _ := libc.CString(q)
	defer libc.Xfree(c.tls, z)
	p := c.tls.Alloc(8)
	defer c.tls.Free(8)
	if rc := sqlite3.Xsqlite3_prepare_v2(c.tls, c.db, z, -1, p, 0); rc != sqlite3.SQLITE_OK {
		c.fail(q, rc)
	}
	return readPointer(p)
}

// readPointer reads the C pointer stored at p.
func readPointer(p uintptr) uintptr {
	return uintptr(binary.NativeEndian.Uint64(libc.GoBytes(p, 8)))
}

func (c *rawConn) close() {
	sqlite3.Xsqlite3_close_v2(c.tls, c.db)
	c.tls.Close()
}

// floorValue is one column of a stored row: an integer, a text or NULL.
type floorValue struct {
	isNull, isText bool
	n              int64
	s              string
}

// floorRows reads back every ipdr row of a case, in insertion order.
func floorRows(b testing.TB, st *Store) (cols []string, rows [][]floorValue) {
	cols = []string{"source_id", "line", "subscriber_id", "device_id", "private_ip", "private_port", "public_ip", "public_port",
		"dest_ip", "dest_port", "start", `"end"`, "wall_offset", "cell_id", "uplink", "downlink", "total", "rat", "domain",
		"msisdn_as", "device_ident", "dest_hi", "dest_lo"} // every column the import writes
	q := "SELECT "
	for i, c := range cols {
		if i > 0 {
			q += ", "
		}
		q += c
	}
	rs, err := st.DB().Query(q + " FROM ipdr ORDER BY id")
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	dest := make([]any, len(cols))
	for rs.Next() {
		vals := make([]any, len(cols))
		for i := range dest {
			dest[i] = &vals[i]
		}
		if err := rs.Scan(dest...); err != nil {
			b.Fatal(err)
		}
		row := make([]floorValue, len(cols))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				row[i].isNull = true
			case int64:
				row[i].n = v
			case string:
				row[i].isText, row[i].s = true, v
			default:
				b.Fatalf("column %s holds %T", cols[i], v)
			}
		}
		rows = append(rows, row)
	}
	return cols, rows
}

// BenchmarkSQLiteFloorVsShell measures the floor beside the shell's
// .import of the same file, in the same run (floor-ratio-to-shell), and
// beside the shell doing that and building the case's four indexes on its
// copy (floor-ratio-to-shell-indexed): the best ratio-to-shell-indexed an
// import could reach.
func BenchmarkSQLiteFloorVsShell(b *testing.B) {
	path, want := benchIPDRFile(b)
	benchmarkSQLiteFloorVsShell(b, path, want)
}

// BenchmarkSQLiteFloorTimeOrderedVsShell is the floor of the same rows
// ordered by time, inserted in that order: the floor of
// BenchmarkImportTimeOrderedVsShell.
func BenchmarkSQLiteFloorTimeOrderedVsShell(b *testing.B) {
	path, want := benchTimeOrderedFile(b)
	benchmarkSQLiteFloorVsShell(b, path, want)
}

func benchmarkSQLiteFloorVsShell(b *testing.B, path string, want int64) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 shell not installed (make bench installs it)")
	}
	src, err := Create(filepath.Join(b.TempDir(), "source.db"))
	if err != nil {
		b.Fatal(err)
	}
	if res, err := src.Import(context.Background(), []string{path}, ImportOptions{}); err != nil || res[0].Rows != want {
		b.Fatalf("import: %v %+v", err, res)
	}
	cols, rows := floorRows(b, src)
	src.Close()
	var floor, ref, refIndexes time.Duration
	var phases [3]time.Duration
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		casePath := filepath.Join(dir, "case.db")
		// a new case, as cdrtui import makes it: in the rollback journal
		// until the import ends (building.go)
		st, err := CreateForImport(casePath)
		if err != nil {
			b.Fatal(err)
		}
		indexes := indexSQL(b, st, "ipdr")
		st.building = false // switched to WAL by floorInsert, after its commit
		st.Close()
		took := floorInsert(b, casePath, cols, rows, indexes)
		for k, d := range took {
			floor += d
			phases[k] += d
		}

		start := time.Now()
		if out, err := exec.Command(shell, filepath.Join(dir, "shell.db"), "-cmd", ".mode csv", ".import "+path+" t").CombinedOutput(); err != nil {
			b.Fatalf("sqlite3 .import: %v\n%s", err, out)
		}
		ref += time.Since(start)
		start = time.Now()
		args := append([]string{filepath.Join(dir, "shell.db"), "BEGIN"}, shellIndexes...)
		if out, err := exec.Command(shell, append(args, "COMMIT")...).CombinedOutput(); err != nil {
			b.Fatalf("sqlite3 indexes: %v\n%s", err, out)
		}
		refIndexes += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(float64(len(rows))*n/floor.Seconds(), "floor-rows/s")
	b.ReportMetric(float64(len(rows))*n/ref.Seconds(), "shell-rows/s")
	b.ReportMetric(ref.Seconds()/floor.Seconds(), "floor-ratio-to-shell")
	b.ReportMetric((ref+refIndexes).Seconds()/floor.Seconds(), "floor-ratio-to-shell-indexed")
	b.ReportMetric(phases[0].Seconds()/n, "insert-s")
	b.ReportMetric(phases[1].Seconds()/n, "indexes-s")
	b.ReportMetric(phases[2].Seconds()/n, "commit-s")
}

// floorInsert stores rows into the case's ipdr table in one transaction,
// its indexes dropped first and built after, as the bulk import does: the
// case as its journal mode left it (a new case in the rollback journal, as
// CreateForImport makes it), the import's page cache, no sorter threads
// while rows go in and the import's while the indexes are built, then the
// commit and, in a case not in WAL, the switch to WAL that ends a new
// case's import. It returns how long the rows, the indexes and the commit
// took.
func floorInsert(b testing.TB, casePath string, cols []string, rows [][]floorValue, indexes map[string]string) [3]time.Duration {
	c := openRaw(b, casePath)
	defer c.close()
	c.exec("PRAGMA synchronous=NORMAL")
	c.exec(fmt.Sprintf("PRAGMA cache_size=-%d", importPageCacheKiB))
	c.exec("PRAGMA threads=0")
	c.exec("INSERT INTO sources(id, path, kind, format, sha256, size, imported_at) VALUES (1, 'floor', 'ipdr', 'floor', 'floor', 0, 0)")
	maxSub := int64(0)
	for _, r := range rows {
		maxSub = max(maxSub, r[2].n)
	}
	c.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + strconv.FormatInt(maxSub, 10) + ") INSERT INTO subscribers(id, msisdn) SELECT i, 's' || i FROM n")
	start := time.Now()
	c.exec("BEGIN IMMEDIATE")
	for name := range indexes {
		c.exec("DROP INDEX " + name)
	}
	q := "INSERT INTO ipdr("
	marks := ""
	for i, col := range cols {
		if i > 0 {
			q += ", "
			marks += ", "
		}
		q += col
		marks += "?"
	}
	stmt := c.prepare(q + ") VALUES (" + marks + ")")
	text := libc.Xmalloc(c.tls, 1<<12)
	defer libc.Xfree(c.tls, text)
	for _, row := range rows {
		at := text
		for i, v := range row {
			var rc int32
			switch {
			case v.isNull:
				rc = sqlite3.Xsqlite3_bind_null(c.tls, stmt, int32(i+1))
			case v.isText:
				libc.Xmemcpy(c.tls, at, uintptr(unsafe.Pointer(unsafe.StringData(v.s))), types.Size_t(len(v.s)))
				rc = sqlite3.Xsqlite3_bind_text(c.tls, stmt, int32(i+1), at, int32(len(v.s)), 0)
				at += uintptr(len(v.s))
			default:
				rc = sqlite3.Xsqlite3_bind_int64(c.tls, stmt, int32(i+1), v.n)
			}
			if rc != sqlite3.SQLITE_OK {
				c.fail("bind", rc)
			}
		}
		if rc := sqlite3.Xsqlite3_step(c.tls, stmt); rc != sqlite3.SQLITE_DONE {
			c.fail("insert", rc)
		}
		sqlite3.Xsqlite3_reset(c.tls, stmt)
	}
	sqlite3.Xsqlite3_finalize(c.tls, stmt)
	inserted := time.Now()
	c.exec(fmt.Sprintf("PRAGMA threads=%d", rebuildSorterThreads))
	for _, sql := range indexes {
		c.exec(sql)
	}
	indexed := time.Now()
	c.exec("COMMIT")
	c.exec("PRAGMA journal_mode=WAL") // nothing to do in a case in WAL already
	return [3]time.Duration{inserted.Sub(start), indexed.Sub(inserted), time.Since(indexed)}
}
