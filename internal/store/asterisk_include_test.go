package store

import (
	"strings"
	"testing"
)

// include => in extensions.conf routes a number: a call dialled in
// from-internal is matched, as Asterisk does (main/pbx.c
// pbx_find_extension: the context, then its includes in order), against
// outbound-allroutes's _9. that strips one digit, not the unrelated
// other-tenant's _9. that strips two and comes first in the file. By hand:
// dst 90612345678 less 1 digit is 0612345678 (the old reading gave
// 612345678). The call is a cdr_csv line of our own with no Dial data, so
// its recipient comes from dst.
func TestIncludeRoutesRecipient(t *testing.T) {
	conf := "[other-tenant]\nexten => _9.,1,Dial(SIP/trunkB/${EXTEN:2})\n\n" +
		"[from-internal]\ninclude => from-internal-custom\ninclude => outbound-allroutes,09:00-17:00,mon-fri,*,*\n\n" +
		"[from-internal-custom]\nexten => 100,1,Dial(SIP/100)\n\n" +
		"[outbound-allroutes]\nexten => _9.,1,Dial(SIP/trunkA/${EXTEN:1})\n"
	master := `"","201","90612345678","from-internal","""Alice"" <201>","SIP/201-00000001","","Congestion","","2024-03-01 09:00:00","","2024-03-01 09:00:05",5,0,"FAILED","DOCUMENTATION","1709283600.1",""` + "\n"
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":                        "UTC\n",
		"etc/asterisk/extensions.conf":        conf,
		"var/log/asterisk/cdr-csv/Master.csv": master,
	})
	if r := byName["Master.csv"]; r.Rows != 1 {
		t.Fatalf("Master.csv: %+v", r)
	}
	var recipient, from string
	st.DB().QueryRow("SELECT recipient, recipient_from FROM ast_calls").Scan(&recipient, &from)
	if recipient != "0612345678" || !strings.Contains(from, "strip") {
		t.Errorf("recipient %q from %q, want 0612345678 stripped by outbound-allroutes", recipient, from)
	}
	// 2024-03-01 09:00 UTC (the image's zone) is a Friday inside 09:00-17:00 mon-fri: the note says so.
	var note string
	st.DB().QueryRow("SELECT recipient_note FROM ast_calls").Scan(&note)
	if !strings.Contains(note, "that extensions.conf line 12 (reached through include => outbound-allroutes,09:00-17:00,mon-fri,*,* (extensions.conf line 6) applied at Fri 2024-03-01 09:00 (the call's wall clock)) strips") {
		t.Errorf("note %q", note)
	}
}

// The same dial plan and a call at 20:00 that Friday: the include's
// 09:00-17:00 window is closed, so outbound-allroutes is not searched; the
// only other _9. (other-tenant's, two digits) is taken as before for a call
// whose context reaches none, and the note says the include did not apply.
// By hand: 90612345678 less 2 digits is 612345678.
func TestIncludeWindowClosed(t *testing.T) {
	conf := "[other-tenant]\nexten => _9.,1,Dial(SIP/trunkB/${EXTEN:2})\n\n" +
		"[from-internal]\ninclude => from-internal-custom\ninclude => outbound-allroutes,09:00-17:00,mon-fri,*,*\n\n" +
		"[from-internal-custom]\nexten => 100,1,Dial(SIP/100)\n\n" +
		"[outbound-allroutes]\nexten => _9.,1,Dial(SIP/trunkA/${EXTEN:1})\n"
	master := `"","201","90612345678","from-internal","""Alice"" <201>","SIP/201-00000001","","Congestion","","2024-03-01 20:00:00","","2024-03-01 20:00:05",5,0,"FAILED","DOCUMENTATION","1709323200.1",""` + "\n"
	st, _ := importImageByName(t, map[string]string{
		"etc/timezone":                        "UTC\n",
		"etc/asterisk/extensions.conf":        conf,
		"var/log/asterisk/cdr-csv/Master.csv": master,
	})
	var recipient, note string
	st.DB().QueryRow("SELECT recipient, recipient_note FROM ast_calls").Scan(&recipient, &note)
	if recipient != "612345678" || !strings.Contains(note, "include => outbound-allroutes,09:00-17:00,mon-fri,*,* (extensions.conf line 6) did not apply at Fri 2024-03-01 20:00 (the call's wall clock): not searched") {
		t.Errorf("recipient %q note %q", recipient, note)
	}
}
