package ui

import (
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// A number the case holds only as the other party of calls is found in
// the palette written as people write it (+, country code, spaces), and
// choosing it makes the subscriber with the most calls with it A.
func TestPaletteFindsAnOtherParty(t *testing.T) {
	st, _, _ := casekit.SharedCase(t, smallGen())
	var key, msisdn string
	var calls int
	if err := st.DB().QueryRow(`SELECT v.other_key, s.msisdn, count(*) FROM voice v JOIN subscribers s ON s.id = v.subscriber_id
		WHERE v.other_key IS NOT NULL AND length(v.other_key) >= 11 AND v.other_key NOT IN (SELECT msisdn FROM subscribers)
		GROUP BY v.other_key, s.id ORDER BY count(*) DESC, s.msisdn LIMIT 1`).Scan(&key, &msisdn, &calls); err != nil {
		t.Fatal(err)
	}
	tm := shellOn(t, ShellOptions{Store: st}, 120, 30)
	uitest.WaitFor(t, tm, "Overview", "Subscribers")
	written := "+" + key[:2] + " " + key[2:7] + " " + key[7:]
	uitest.Press(tm, ":")
	uitest.WaitFor(t, tm, "Palette")
	uitest.Type(tm, written)
	uitest.WaitFor(t, tm, "number  "+key, "no subscriber: other party in")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "[2 Persona]", "Persona "+msisdn, key+" is the other party in")
	s := quitShell(t, tm)
	if s.wb.focusA != msisdn {
		t.Fatalf("A is %q, want %s (%d calls with %s)", s.wb.focusA, msisdn, calls, key)
	}
}
