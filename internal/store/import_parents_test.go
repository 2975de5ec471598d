package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// An operator table's rows go in with the import connection's foreign keys
// off: every row's parents are still in the case afterwards, and every
// connection the case hands out again enforces foreign keys.
func TestOperatorImportKeepsParentsAndForeignKeys(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "by-time.csv")
	writeTimeOrderedFile(t, data)
	st := openTemp(t)
	if res := importOne(t, st, data, ImportOptions{}); res.Error != "" || res.Rows != bulkRows {
		t.Fatalf("import: %+v", res)
	}
	rows, err := st.DB().Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		rows.Scan(&table, &rowid, &parent, &fk)
		t.Errorf("%s row %v names a %s row the case does not hold", table, rowid, parent)
	}
	rows.Close()
	// every pooled connection (a case has up to four): the import's went back
	ctx := context.Background()
	var held []interface{ Close() error }
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for i := 0; i < 4; i++ {
		conn, err := st.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, conn)
		var on int
		if err := conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil {
			t.Fatal(err)
		}
		if on != 1 {
			t.Errorf("connection %d: foreign_keys = %d after an import, want 1", i+1, on)
		}
	}
}

// checkParents refuses rows naming a subscriber the case does not hold,
// and a source it does not hold.
func TestCheckParentsRefusesMissingSubscriber(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "by-time.csv")
	writeTimeOrderedFile(t, data)
	st := openTemp(t)
	if res := importOne(t, st, data, ImportOptions{}); res.Error != "" {
		t.Fatalf("import: %+v", res)
	}
	ctx := context.Background()
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var maxSub, source int64
	if err := conn.QueryRowContext(ctx, "SELECT max(id) FROM subscribers").Scan(&maxSub); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRowContext(ctx, "SELECT max(id) FROM sources").Scan(&source); err != nil {
		t.Fatal(err)
	}
	j := &importJob{conn: conn, sourceID: source, parentsChecked: true}
	var held namedIDs
	for id := int64(1); id <= maxSub; id++ {
		held.add(id)
	}
	if err := checkParents(ctx, j, &held); err != nil {
		t.Fatalf("the case's own subscribers: %v", err)
	}
	missing := held
	missing.ids = map[int64]struct{}{1: {}, maxSub + 1: {}, maxSub + 7: {}}
	err = checkParents(ctx, j, &missing)
	if err == nil || !strings.Contains(err.Error(), "the rows name 2 subscribers the case does not hold") {
		t.Errorf("two subscribers not in the case: %v", err)
	}
	j.sourceID = source + 1
	if err := checkParents(ctx, j, &held); err == nil || !strings.Contains(err.Error(), "source") {
		t.Errorf("a source not in the case: %v", err)
	}
}
