package casework

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The hand-built correlation case. Every record is on 2024-03-19 in hour
// 10 (wall clock as written, no zone), except H's, which run through hours
// 09..12, so the case spans one day.
//
//	A: A1 5222 10:00:00  A2 5223 10:10:00  A3 443 10:20:00  A4 9999 10:30:00
//	   A5 (no port) 10:40:00  A6 5222 10:50:00  A7 5228 10:50:00
//	B: B1 5228 10:00:00  B2 5223 10:13:00  B3 5222 10:13:01  B4 5222 10:50:00
//	   B5 5222 10:50:00  B6 443 10:21:00  B7 9998 10:30:00  B8 (no port) 10:40:00
//	U: 9998 10:30:00, (no port) 10:40:00 -- only an unknown port A never used
//	H: 5222 every 60 s from 09:00:00 to 12:00:00 (181 records) -- a heavy user
//
// By application (WhatsApp = 5222/5223/5228, Web (HTTPS) = 443) at 180 s:
// A1-B1 (Δ0), A2-B2 (Δ+180, the edge), A6-B4, A6-B5, A7-B4, A7-B5 (equal
// starts on both sides), A3-B6 (Δ+60): 7 matches, WhatsApp 6, Web 1. A2-B3
// is 181 s apart. 9999 and 9998 are different unknown ports: no match.
// By exact port at 180 s: A2-B2, A6-B4, A6-B5, A3-B6: 4.
const (
	msisdnA = "911000000001"
	msisdnB = "911000000002"
	msisdnU = "911000000003"
	msisdnH = "911000000004"
)

// fixtureRows returns the CSV rows (MSISDN, port or "", wall start).
func fixtureRows() [][3]string {
	rows := [][3]string{
		{msisdnA, "5222", "10:00:00"}, {msisdnA, "5223", "10:10:00"}, {msisdnA, "443", "10:20:00"},
		{msisdnA, "9999", "10:30:00"}, {msisdnA, "", "10:40:00"}, {msisdnA, "5222", "10:50:00"},
		{msisdnA, "5228", "10:50:00"},
		{msisdnB, "5228", "10:00:00"}, {msisdnB, "5223", "10:13:00"}, {msisdnB, "5222", "10:13:01"},
		{msisdnB, "5222", "10:50:00"}, {msisdnB, "5222", "10:50:00"}, {msisdnB, "443", "10:21:00"},
		{msisdnB, "9998", "10:30:00"}, {msisdnB, "", "10:40:00"},
		{msisdnU, "9998", "10:30:00"}, {msisdnU, "", "10:40:00"},
	}
	for k := 0; k <= 180; k++ {
		rows = append(rows, [3]string{msisdnH, "5222", fmt.Sprintf("%02d:%02d:00", 9+k/60, k%60)})
	}
	return rows
}

// fixtureStore imports the hand-built case into a fresh case file.
func fixtureStore(t *testing.T) *store.Store {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("MSISDN,DESTIP,DESTPORT,START,END\n")
	seen := map[[3]string]bool{}
	for _, r := range fixtureRows() {
		// B4 and B5 end a second apart: two sessions, not one line exported
		// twice (which the overlap rule stores once)
		end := "2024-03-19 " + r[2]
		if seen[r] {
			end = "2024-03-19 10:50:01"
		}
		seen[r] = true
		fmt.Fprintf(&b, "%s,157.240.1.1,%s,2024-03-19 %s,%s\n", r[0], r[1], r[2], end)
	}
	evidence := filepath.Join(dir, "ipdr.csv")
	if err := os.WriteFile(evidence, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return importInto(t, dir, evidence)
}

func importInto(t *testing.T, dir string, paths ...string) *store.Store {
	t.Helper()
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Import(context.Background(), paths, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Error != "" {
			t.Fatalf("import %s: %s", r.Path, r.Error)
		}
	}
	return st
}
