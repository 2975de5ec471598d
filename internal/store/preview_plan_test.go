package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The preview of an import into a case says what the import would do
// with a file whose numbers alone cannot tell their country's plan
// (ten-digit numbers: 91… under IN, 1… under US): refused while nothing
// names the plan; read when --country does, when another file of the
// same import tells it (the import keeps that one as the case's first),
// or when the case already keeps one. Each is checked against the import
// itself.
func TestPreviewImportIntoNumberingPlan(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o444); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ambiguous := write("us.csv", "MSISDN,DESTIP,DESTPORT,START\n2065550001,1.2.3.4,443,2024-03-01 10:00:00\n")
	told := write("in.csv", "MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n")
	ctx := context.Background()
	problems := func(st *Store, opts ImportOptions, paths ...string) map[string]string {
		t.Helper()
		pv, err := st.PreviewImportInto(ctx, paths, opts, 0)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, e := range pv.Entries {
			out[filepath.Base(e.Path)] = e.Problem
		}
		return out
	}
	imported := func(st *Store, opts ImportOptions, paths ...string) map[string]bool {
		t.Helper()
		res, _ := st.Import(ctx, paths, opts)
		out := map[string]bool{}
		for _, r := range res {
			out[filepath.Base(r.Path)] = r.Error == "" && r.InCase()
		}
		return out
	}
	newCase := func() *Store {
		st, err := Create(filepath.Join(t.TempDir(), "case.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}

	// alone, nothing naming the plan: refused, as the import refuses it
	st := newCase()
	if p := problems(st, ImportOptions{}, ambiguous)["us.csv"]; !strings.Contains(p, "cannot tell which country") {
		t.Errorf("alone: preview problem %q", p)
	}
	if ok := imported(st, ImportOptions{}, ambiguous)["us.csv"]; ok {
		t.Error("alone: the import read it: the preview's refusal would be wrong")
	}
	// --country names it
	if p := problems(newCase(), ImportOptions{Country: "US"}, ambiguous)["us.csv"]; p != "" {
		t.Errorf("with --country: preview problem %q", p)
	}
	// another file of the import tells it first: both read
	st = newCase()
	if got := problems(st, ImportOptions{}, told, ambiguous); got["us.csv"] != "" || got["in.csv"] != "" {
		t.Errorf("with a file that tells the plan: preview problems %q", got)
	}
	if got := imported(st, ImportOptions{}, told, ambiguous); !got["us.csv"] || !got["in.csv"] {
		t.Errorf("with a file that tells the plan: imported %v", got)
	}
	// the case keeps a plan already
	st = newCase()
	imported(st, ImportOptions{}, told)
	if p := problems(st, ImportOptions{}, ambiguous)["us.csv"]; p != "" {
		t.Errorf("case with a plan: preview problem %q", p)
	}
}
