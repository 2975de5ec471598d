package store

import (
	"strings"
	"testing"
)

// A dial-plan template defined in extensions.conf ([outbound-tmpl](!))
// and named by a context of the file it #includes ([office](outbound-tmpl)
// in extensions_custom.conf): Asterisk reads the included file inline, so
// [office] holds the template's steps. Values chosen here; by hand: the
// call in office to 0600999888 is stripped by the template's _0X. (one
// digit: 600999888), not by fax-out's _0X. (two digits: 00999888, what
// reading extensions_custom.conf alone gave); the step stands in office
// at the line that names the template (extensions_custom.conf line 1).
func TestDialPlanTemplateFromIncludingFile(t *testing.T) {
	conf := "[outbound-tmpl](!)\nexten => _0X.,1,Dial(SIP/${EXTEN:1}@provider,60)\n\n" +
		"[fax-out]\nexten => _0X.,1,Dial(SIP/${EXTEN:2}@provider,60)\n\n#include extensions_custom.conf\n"
	custom := "[office](outbound-tmpl)\nexten => _2XX,1,Dial(SIP/${EXTEN},30)\n"
	master := `"","201","0600999888","office","""Ann"" <201>","SIP/201-00000003","","Hangup","","2024-03-01 11:00:00","","2024-03-01 11:00:05",5,0,"NO ANSWER","DOCUMENTATION","1709290800.3",""` + "\n"
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":                        "UTC\n",
		"etc/asterisk/extensions.conf":        conf,
		"etc/asterisk/extensions_custom.conf": custom,
		"var/log/asterisk/cdr-csv/Master.csv": master,
	})
	if r := byName["Master.csv"]; r.Rows != 1 {
		t.Fatalf("Master.csv: %+v", r)
	}
	var recipient, note string
	st.DB().QueryRow("SELECT recipient, recipient_note FROM ast_calls").Scan(&recipient, &note)
	if recipient != "600999888" || !strings.Contains(note, "extensions_custom.conf line 1 strips") {
		t.Errorf("recipient %q note %q, want 600999888 stripped by the template named at extensions_custom.conf line 1", recipient, note)
	}
	var exten string
	var line, n int
	st.DB().QueryRow("SELECT exten, line, count(*) FROM ast_dialplan WHERE context = 'office' AND app = 'Dial' AND appdata LIKE '%EXTEN:1%' AND source_id = ?",
		byName["extensions_custom.conf"].SourceID).Scan(&exten, &line, &n)
	if n != 1 || exten != "_0X." || line != 1 {
		t.Errorf("office's inherited step: %d rows, exten %q line %d", n, exten, line)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["extensions_custom.conf"].SourceID).Scan(&notes)
	if !strings.Contains(notes, "[outbound-tmpl] (extensions.conf line 1)") {
		t.Errorf("notes %q", notes)
	}
}
