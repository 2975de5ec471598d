package store

import (
	"strings"
	"testing"
)

// An #include written inside a context ([phones] then #include
// extensions_routes.conf) gives that context the included file's lines
// before any header of its own, as Asterisk reads the file inline. By
// hand: the call in phones to 0600999888 is stripped by the routes file's
// _0X. (one digit: 600999888), not by fax-out's _0X. (two digits:
// 00999888, what reading the routes file as context-less gave).
func TestIncludedLinesJoinTheOpenContext(t *testing.T) {
	conf := "[general]\nstatic=yes\n\n[fax-out]\nexten => _0X.,1,Dial(SIP/${EXTEN:2}@provider,60)\n\n" +
		"[phones]\n#include extensions_routes.conf\nexten => _2XX,1,Dial(SIP/${EXTEN},30)\n"
	routes := "; outside lines, pulled into [phones]\nexten => _0X.,1,Dial(SIP/${EXTEN:1}@provider,60)\n same => n,Hangup()\n"
	master := `"","201","0600999888","phones","""Ann"" <201>","SIP/201-00000003","","Hangup","","2024-03-01 11:00:00","","2024-03-01 11:00:05",5,0,"NO ANSWER","DOCUMENTATION","1709290800.3",""` + "\n"
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":                        "UTC\n",
		"etc/asterisk/extensions.conf":        conf,
		"etc/asterisk/extensions_routes.conf": routes,
		"var/log/asterisk/cdr-csv/Master.csv": master,
	})
	if r := byName["Master.csv"]; r.Rows != 1 {
		t.Fatalf("Master.csv: %+v", r)
	}
	var recipient, note string
	st.DB().QueryRow("SELECT recipient, recipient_note FROM ast_calls").Scan(&recipient, &note)
	if recipient != "600999888" || !strings.Contains(note, "extensions_routes.conf line 2 strips") {
		t.Errorf("recipient %q note %q, want 600999888 stripped by extensions_routes.conf line 2", recipient, note)
	}
	var steps int
	st.DB().QueryRow("SELECT count(*) FROM ast_dialplan WHERE context = 'phones' AND line IN (2, 3) AND source_id = ?", byName["extensions_routes.conf"].SourceID).Scan(&steps)
	if steps != 2 {
		t.Errorf("%d steps of the routes file in phones, want 2", steps)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["extensions_routes.conf"].SourceID).Scan(&notes)
	if !strings.Contains(notes, "read in [phones], the section open where extensions.conf line 8 #includes it") {
		t.Errorf("notes %q", notes)
	}
}
