package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
)

// The PBX section says what the case's Channel Event Logging holds. The
// image testdata/asterisk-cel holds 17 lines of cel-custom/Master.csv: 16
// events of two linkedids (12 of 1709283600.1, whose CDR carries that
// linkedid, and 4 of 1709287200.5, with none) and one line rejected; line
// 6 (BRIDGE_ENTER) is repeated here as line 18, one further occurrence
// counted once. One CDR: "1 call", not "1 calls".
func TestPBXSectionSaysWhatCELHolds(t *testing.T) {
	text := pbxSectionText(t, testkit.CELImageWithRepeat(t))
	for _, want := range []string{
		"1 call (0 repeated rows kept once)",
		"Channel Event Logging: 16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid; 1 further occurrence of these events (the same event in another source, or a repeated row) counted once (cdrtui asterisk --cel lists the calls, --linkedid one call's events with their files and lines).",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PBX section lacks %q:\n%s", want, text)
		}
	}
}

// pbxSectionText is the PBX section's text of a new case holding paths.
func pbxSectionText(t *testing.T, paths ...string) string {
	t.Helper()
	return strings.Join(pbxSection(t, paths...).Text, "\n")
}

// pbxSection is the report's PBX section of a new case holding paths.
func pbxSection(t *testing.T, paths ...string) Section {
	t.Helper()
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Import(ctx, paths, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	r, err := Build(ctx, st, Params{Case: "case.db", Sections: []string{"pbx"}}, "t", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var sec Section
	for _, s := range r.Sections {
		if s.Kind == "pbx" {
			sec = s
		}
	}
	return sec
}
