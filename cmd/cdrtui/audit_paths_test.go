package main

import (
	"os"
	"path/filepath"
	"testing"
)

// An import or cells run given relative paths keeps them as typed in the
// trail and records the absolute path each named from the directory it
// was run in: "case.db", "evidence" and "sites.csv" run from DIR are
// DIR/case.db, DIR/evidence and DIR/sites.csv.
func TestImportRecordsAbsolutePaths(t *testing.T) {
	t.Chdir(t.TempDir())
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	os.Mkdir("evidence", 0o755)
	os.WriteFile(filepath.Join("evidence", "cdr.csv"), []byte(locationCDR), 0o444)
	os.WriteFile("sites.csv", []byte(locationSites), 0o444)
	runOK(t, "import", "case.db", "evidence")
	runOK(t, "cells", "case.db", "sites.csv", "--plmn", "404-10")
	es := trailEntries(t, "case.db")
	if len(es) != 2 || es[0].Action != "import" || es[1].Action != "cells" {
		t.Fatalf("trail %+v, want the import and the cells run", es)
	}
	want := `{"absolute_paths":{"case.db":"` + filepath.Join(dir, "case.db") + `","evidence":"` + filepath.Join(dir, "evidence") + `"},"args":["case.db","evidence"]}`
	if es[0].Params != want {
		t.Errorf("import recorded\n%s\nwant\n%s", es[0].Params, want)
	}
	want = `{"absolute_paths":{"case.db":"` + filepath.Join(dir, "case.db") + `","sites.csv":"` + filepath.Join(dir, "sites.csv") + `"},"args":["case.db","sites.csv","--plmn","404-10"]}`
	if es[1].Params != want {
		t.Errorf("cells recorded\n%s\nwant\n%s", es[1].Params, want)
	}
}
