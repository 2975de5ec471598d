package casework

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A case keeps the dictionary its results used: the defaults on first use,
// an analyst's file when given, and it is read back identical after the
// case is closed and opened again.
func TestPortDictionaryStoredAndReused(t *testing.T) {
	ctx := context.Background()
	st := personaCase(t, nil)
	d, info, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Stored || info.Origin != DefaultsName || info.Fingerprint != analysis.DefaultDictionary().Fingerprint() ||
		info.DefaultsOutdated || !slices.Equal(info.Layers, []string{analysis.DefaultOrigin}) {
		t.Fatalf("first use: %+v", info)
	}
	if stored, _ := st.Info(ctx, "port_dictionary"); stored != string(d.MarshalCSV()) {
		t.Fatal("the defaults in force were not stored in the case")
	}

	dir := t.TempDir()
	file := writeFile(t, dir, "ops.csv", "ports,app,confidence,note\n12345,Telegram,medium,seen on the seized phone\n")
	d, info, err = DictionaryFor(ctx, st, []string{file})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(info.Origin, "ops.csv (sha256 ") || !strings.HasSuffix(info.Origin, " over "+DefaultsName) ||
		!slices.Equal(info.Layers, []string{"ops.csv", analysis.DefaultOrigin}) || d.App(12345) != "Telegram" {
		t.Fatalf("with ops.csv: %+v, 12345 is %s", info, d.App(12345))
	}
	p, err := BuildPersona(ctx, st, d, info, pfA, PersonaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.UnknownPorts) != 0 || !slices.ContainsFunc(p.Apps, func(a analysis.AppUse) bool {
		return a.App == "Telegram" && a.Count == 1 && a.Confidence == "medium" && a.Ports[0].Origin == "ops.csv"
	}) {
		t.Fatalf("persona with ops.csv: %+v unknown %+v", p.Apps, p.UnknownPorts)
	}

	// reopen: the same dictionary, without the file
	path := st.Path()
	st.Close()
	st2, err := store.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	d2, info2, err := PortDictionaryInfo(ctx, st2)
	if err != nil {
		t.Fatal(err)
	}
	if info2.Fingerprint != info.Fingerprint || info2.Origin != info.Origin || d2.App(12345) != "Telegram" || info2.StoredAt == "" {
		t.Fatalf("reopened: %+v", info2)
	}

	// back to the defaults
	_, info3, err := ResetPortDictionary(ctx, st2)
	if err != nil || info3.Fingerprint != analysis.DefaultDictionary().Fingerprint() {
		t.Fatalf("reset: %+v %v", info3, err)
	}
}

// Later files take precedence over earlier ones and over the defaults.
func TestLoadPortFilesLayers(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "443,Corporate VPN\n9000,App A\n")
	b := writeFile(t, filepath.Join(dir), "b.csv", "9000,App B\n")
	d, origin, err := LoadPortFiles([]string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if d.App(443) != "Corporate VPN" || d.App(9000) != "App B" || d.App(5222) != "WhatsApp" {
		t.Fatalf("443 %s 9000 %s 5222 %s", d.App(443), d.App(9000), d.App(5222))
	}
	if alts := d.Lookup(9000); len(alts) != 2 || alts[1].App != "App A" {
		t.Fatalf("9000 rules %+v", alts)
	}
	if !strings.HasPrefix(origin, "b.csv (sha256 ") || !strings.Contains(origin, " over a.csv (sha256 ") {
		t.Fatalf("origin %q", origin)
	}
	// two files with one base name stay two layers
	sub := filepath.Join(dir, "sub")
	os.MkdirAll(sub, 0o755)
	a2 := writeFile(t, sub, "a.csv", "9000,App C\n")
	if d, _, err := LoadPortFiles([]string{a, a2}); err != nil || d.App(9000) != "App C" || len(d.Lookup(9000)) != 2 {
		t.Fatalf("same base name: %v %v", err, d.Lookup(9000))
	}
}

// A bad file is refused with its line, and the case keeps its dictionary.
func TestPortFileErrors(t *testing.T) {
	ctx := context.Background()
	st := personaCase(t, nil)
	_, before, _ := PortDictionaryInfo(ctx, st)
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.csv", "ports,app\n443,HTTPS\n70000,Too high\n100-90,Reversed\n")
	_, _, err := DictionaryFor(ctx, st, []string{bad})
	if err == nil || !strings.Contains(err.Error(), "bad.csv:3") || !strings.Contains(err.Error(), "bad.csv:4") {
		t.Fatalf("error %v", err)
	}
	if _, _, err := DictionaryFor(ctx, st, []string{writeFile(t, dir, "empty.csv", "# nothing\n")}); err == nil {
		t.Fatal("a file without rules accepted")
	}
	if _, _, err := DictionaryFor(ctx, st, []string{filepath.Join(dir, "missing.csv")}); err == nil {
		t.Fatal("a missing file accepted")
	}
	_, after, err := PortDictionaryInfo(ctx, st)
	if err != nil || after.Fingerprint != before.Fingerprint {
		t.Fatalf("dictionary changed by a refused file: %v", err)
	}
}

// A dictionary changed in the case file behind cdrtui's back is refused;
// defaults kept from an older cdrtui are flagged.
func TestStoredDictionaryChecked(t *testing.T) {
	ctx := context.Background()
	st := personaCase(t, nil)
	if _, _, err := PortDictionaryInfo(ctx, st); err != nil {
		t.Fatal(err)
	}
	text, _ := st.Info(ctx, "port_dictionary")
	st.SetInfo(ctx, "port_dictionary", strings.Replace(text, "443,Web (HTTPS)", "443,Web (HTTPZ)", 1))
	if _, _, err := PortDictionaryInfo(ctx, st); err == nil || !strings.Contains(err.Error(), "fingerprint") {
		t.Fatalf("tampered dictionary: %v", err)
	}
	old := analysis.DefaultDictionary().Rules()[1:] // an older cdrtui had one rule fewer
	if _, err := StorePortDictionary(ctx, st, analysis.NewDictionary(old), DefaultsName); err != nil {
		t.Fatal(err)
	}
	if _, info, err := PortDictionaryInfo(ctx, st); err != nil || !info.DefaultsOutdated {
		t.Fatalf("older defaults not flagged: %+v %v", info, err)
	}
}

// A file started from the dictionary's own CSV (origin column "default")
// is still its own layer, before and after the case reads it back.
func TestPortFileFromExportedCSV(t *testing.T) {
	ctx := context.Background()
	st := personaCase(t, nil)
	dir := t.TempDir()
	// same width and confidence as the default 443 rule: only the layer
	// decides
	file := writeFile(t, dir, "mine.csv", "ports,app,vendor,protocol,confidence,note,origin\n443,Corporate VPN,,TCP,high,,default\n")
	d, info, err := UsePortFiles(ctx, st, []string{file})
	if err != nil {
		t.Fatal(err)
	}
	d2, info2, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if d.App(443) != "Corporate VPN" || d2.App(443) != "Corporate VPN" || info2.Fingerprint != info.Fingerprint ||
		!slices.Equal(info2.Layers, []string{"mine.csv", analysis.DefaultOrigin}) {
		t.Fatalf("443 is %s then %s; layers %v", d.App(443), d2.App(443), info2.Layers)
	}
}
