package store

import (
	"strings"
	"testing"
)

// A context built from a dial-plan template ([phones](outbound-tmpl), the
// template [outbound-tmpl](!)) holds the template's steps, as Asterisk's
// config loader copies them: a call dialled in phones is matched against
// the template's _0X. that strips one digit, not fax-out's _0X. that
// strips two and comes first in the file. By hand: dst 0600999888 less 1
// digit is 600999888 (read with the template as a context of its own, it
// was fax-out's 00999888).
func TestDialPlanTemplateRoutesRecipient(t *testing.T) {
	conf := "[general]\nstatic=yes\n\n[fax-out]\nexten => _0X.,1,Dial(SIP/${EXTEN:2}@provider,60)\n\n" +
		"[outbound-tmpl](!)\nexten => _0X.,1,Dial(SIP/${EXTEN:1}@provider,60)\n same => n,Hangup()\n\n" +
		"[phones](outbound-tmpl)\nexten => _2XX,1,Dial(SIP/${EXTEN},30)\n"
	master := `"","201","0600999888","phones","""Ann"" <201>","SIP/201-00000003","","Hangup","","2024-03-01 11:00:00","","2024-03-01 11:00:05",5,0,"NO ANSWER","DOCUMENTATION","1709290800.3",""` + "\n"
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":                        "UTC\n",
		"etc/asterisk/extensions.conf":        conf,
		"var/log/asterisk/cdr-csv/Master.csv": master,
	})
	if r := byName["Master.csv"]; r.Rows != 1 {
		t.Fatalf("Master.csv: %+v", r)
	}
	var recipient, note string
	st.DB().QueryRow("SELECT recipient, recipient_note FROM ast_calls").Scan(&recipient, &note)
	if recipient != "600999888" || !strings.Contains(note, "extensions.conf line 8 strips") {
		t.Errorf("recipient %q note %q, want 600999888 stripped by the template's step at line 8", recipient, note)
	}
	var contexts int
	st.DB().QueryRow("SELECT count(*) FROM ast_dialplan WHERE context = 'outbound-tmpl'").Scan(&contexts)
	if contexts != 0 {
		t.Errorf("%d steps under the template's own name, want 0: a template is no context", contexts)
	}
}
