package asterisk

import (
	"strings"
	"testing"
)

// Every real log of the corpus is recognised, and files that are not
// Asterisk logs are not.
func TestDetectLog(t *testing.T) {
	for _, rel := range []string{
		"fail2ban/asterisk",
		"bugadm-telephonyswitching/messages.head",
		"simularent-asterisk-for-speech-to-text/messages.head",
		"simularent-asterisk-for-speech-to-text/messages.2",
	} {
		if ok, reason := DetectLog(corpusBytes(t, rel)); !ok {
			t.Errorf("%s not recognised: %s", rel, reason)
		}
	}
	for _, rel := range []string{
		"bugadm-telephonyswitching/Master.csv", "kelysaina-cdr/Master.csv",
		"bg111-asterisk-chan-dongle/dongle.conf", "kaitocross-phonewave-asterisk-conf/sip.conf",
	} {
		if ok, reason := DetectLog(corpusBytes(t, rel)); ok {
			t.Errorf("%s taken for a log: %s", rel, reason)
		}
	}
}

func TestDetectLogCounts(t *testing.T) {
	cases := []struct {
		name, text string
		ok         bool
		want       string
	}{
		{"syslog of other programs with one asterisk line",
			"Nov  4 18:30:40 pbx sshd[1]: Accepted key\nNov  4 18:30:41 pbx cron[2]: job\n" +
				"Nov  4 18:30:42 pbx asterisk[3]: NOTICE[4]: chan_sip.c:1 in f: x\n", false, "1 of the first 3 lines"},
		{"syslog of asterisk", "Nov  4 18:30:42 pbx asterisk[3]: NOTICE[4]: chan_sip.c:1 in f: x\n" +
			"Nov  4 18:30:43 pbx asterisk[3]: WARNING[4]: app.c:1 in g: y\n", true, "2 of the first 2 lines"},
		{"continuation lines do not count against",
			"[Mar 24 15:52:44] NOTICE[1] a.c: one\nPacket timed out\nmore\n[Mar 24 15:52:45] NOTICE[1] a.c: two\n", true, "2 of the first 2 lines are Asterisk entries, 2 continuation"},
		{"bracketed stamps without a level are another program's",
			"[2024-01-01 10:00:00] started\n[2024-01-01 10:00:01] stopped\n", false, "0 of the first 2"},
		{"empty", "", false, "0 of the first 0"},
	}
	for _, c := range cases {
		ok, reason := DetectLog([]byte(c.text))
		if ok != c.ok || !strings.Contains(reason, c.want) {
			t.Errorf("%s: %v %q, want %v containing %q", c.name, ok, reason, c.ok, c.want)
		}
	}
}

// DetectLog never panics and always explains itself.
func FuzzDetectLog(f *testing.F) {
	f.Add(corpusBytes(f, "bugadm-telephonyswitching/messages.head"))
	f.Add([]byte("Nov  4 18:30:42 pbx asterisk[3]: NOTICE[4]: chan_sip.c:1 in f: x\n# c\n"))
	f.Add([]byte("[2024-01-01 10:00:00] started\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ok, reason := DetectLog(b)
		if reason == "" || ok != strings.HasPrefix(reason, "Asterisk log:") {
			t.Fatalf("ok %v reason %q", ok, reason)
		}
	})
}
