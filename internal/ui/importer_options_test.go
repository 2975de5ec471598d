package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// importDir is a folder holding one evidence file, and a new case.
func importDir(t *testing.T, name, body string) (string, *store.Store) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "evidence")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	st, err := casework.CreateCase(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

// Import inside, at 80x24, on a file the importer cannot read alone: its
// header names no known field. The preview says why and shows its first
// line; m names the columns (--map), the layout is detected again with
// them, and the import reads the row.
func TestImportInsideWithColumnMap(t *testing.T) {
	dir, st := importDir(t, "mobile_no.csv", "Mobile No,Wann,Server,Anschluss\n919900000042,2025-03-01 10:00:00,142.250.1.1,443\n")
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "Import into case.db", "mobile_no.csv")
	uitest.Press(tm, "enter") // choose the file: its layout is detected
	uitest.WaitFor(t, tm, "0 files to import", "unknown layout", "Mobile No,Wann,Server,Anschluss", "map columns")
	uitest.Press(tm, "m")
	uitest.WaitFor(t, tm, "map (--map):", "fields: ")
	uitest.Type(tm, "msisdn=Mobile No; start=Wann; dest_ip=Server; dest_port=4")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 file to import", "map (every file): msisdn=Mobile No;")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Import finished", "1 file imported, 1 rows")
	quitShell(t, tm)
	var n int
	var msisdn string
	if err := st.DB().QueryRowContext(context.Background(), `SELECT count(*), max(s.msisdn) FROM ipdr r JOIN subscribers s ON s.id = r.subscriber_id
		WHERE r.dest_port = 443 AND r.dest_ip = '142.250.1.1'`).Scan(&n, &msisdn); err != nil {
		t.Fatal(err)
	}
	if n != 1 || msisdn != "919900000042" {
		t.Fatalf("%d records of %q imported", n, msisdn)
	}
}

// The other options of the command, set in the preview: a date order the
// dates contradict is refused naming the date and its line (nothing can
// be imported), a country no plan is known for is refused, the kind is
// forced; each detects the layouts again.
func TestImportInsideOptions(t *testing.T) {
	dir, st := importDir(t, "ipdr.csv", "MSISDN,DESTIP,DESTPORT,START_TIME\n"+
		"919900000041,142.250.1.1,443,05/08/2025 10:00:00\n919900000041,142.250.1.1,443,23/08/2025 11:00:00\n")
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "ipdr.csv")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 file to import", "date order: detected")
	uitest.Press(tm, "d", "d") // DMY, then MDY
	uitest.WaitFor(t, tm, "0 files to import", `--date-order MDY contradicts the file: "23/08/2025 11:00:00" on`, "line 3")
	uitest.Press(tm, "d", "d", "d") // YMD, detect, DMY
	uitest.WaitFor(t, tm, "1 file to import", "date order: DMY")
	uitest.Press(tm, "c")
	uitest.Type(tm, "zz")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, `country "ZZ": no numbering plan known`)
	uitest.Press(tm, "c")
	uitest.Press(tm, "ctrl+u")
	uitest.Type(tm, "in")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 file to import", "country: IN")
	uitest.Press(tm, "k")
	uitest.WaitFor(t, tm, "kind: voice", "voice, delimiter comma")
	uitest.Press(tm, "k")
	uitest.WaitFor(t, tm, "kind: ipdr", "ipdr, delimiter comma")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Import finished", "1 file imported, 2 rows")
	quitShell(t, tm)
}

// The serving network (--plmn) set in the preview: a malformed one is
// refused naming it, a good one is shown; the file's ten-digit numbers
// are keyed under the plan its T-Mobile layout names (the case has none),
// and the country said names it too; the
// import is recorded in the
// audit trail with its options, and it keys the
// T-Mobile return's LTE records by it: eNodeB 1201 sector 2 is
// 1201×256+2 = 307458 in 310-260 (310-260-?-307458, the TAC unknown).
func TestImportInsideNetwork(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("..", "store", "testdata", "operators", "tmobile_cdr_lte.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir, st := importDir(t, "tmobile_cdr_lte.csv", string(body))
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "tmobile_cdr_lte.csv")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 file to import", "network: none")
	uitest.Press(tm, "n")
	uitest.WaitFor(t, tm, "network (--plmn):")
	uitest.Type(tm, "31-260")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, `network "31-260"`)
	uitest.Press(tm, "n")
	uitest.Press(tm, "ctrl+u")
	uitest.Type(tm, "310-260")
	uitest.Press(tm, "enter")
	// ten-digit numbers and a case with no plan yet: T-Mobile's layout
	// (its "1st Tower LAT") settles the United States' plan
	uitest.WaitFor(t, tm, "1 file to import", "network: 310-260")
	uitest.Press(tm, "c")
	uitest.Type(tm, "us")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "country: US") // the count, unchanged, is not drawn again
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Import finished", "1 file imported")
	quitShell(t, tm)
	var cells []string
	rows, err := st.DB().QueryContext(context.Background(), `SELECT DISTINCT coalesce(c.cell_key, c.cell) FROM voice v JOIN cells c ON c.id = v.cell_id ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		rows.Scan(&k)
		cells = append(cells, k)
	}
	// the import is in the audit trail, as the command's run would be:
	// the paths (as chosen, and absolute: the same here), the options
	// set, every file's result
	entries, err := st.AuditEntries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var imports []string
	for _, e := range entries {
		if e.Action == "import" {
			imports = append(imports, e.Params)
		}
	}
	if len(imports) != 1 || !strings.Contains(imports[0], `"plmn":"310-260"`) || !strings.Contains(imports[0], `"country":"US"`) ||
		!strings.Contains(imports[0], `"from":"workbench"`) || !strings.Contains(imports[0], filepath.Join(dir, "tmobile_cdr_lte.csv")) ||
		!strings.Contains(imports[0], `"absolute_paths":{"`+filepath.Join(dir, "tmobile_cdr_lte.csv")+`":"`+filepath.Join(dir, "tmobile_cdr_lte.csv")+`"}`) {
		t.Errorf("import entries in the audit trail: %q", imports)
	}
	if check, _, err := casework.VerifyAudit(context.Background(), st); err != nil || !check.OK {
		t.Errorf("audit trail after the import: %+v %v", check, err)
	}
	// 1201×256+2, 1201×256+3 (no TAC in the return: ?), and the GSM
	// record's LAC-CI, all in 310-260; sector 999 of 1202 is no local
	// cell id: no cell
	if want := []string{"310-260-13411-30551", "310-260-?-307458", "310-260-?-307459"}; !slices.Equal(cells, want) {
		t.Errorf("cells of the imported records %v, want %v", cells, want)
	}
}
