package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// asterisk --from/--to counts the records that carried a modem's IMEI in
// that window, as it counts the calls: dongle0's IMEI 356938035643809 is
// in 919800000001's IPDR record of the 18th and in 919800000002's two of
// the 19th. The whole case has both (1 and 2 records); the 19th has
// 919800000002 alone with 2, in --json and in the text.
func TestAsteriskIMEISeenInFollowsFromTo(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "image")
	call := `"","9876500001","9123000000","from-pbx","""Boss"" <9876500001>","SIP/pbx-00000002","Dongle/dongle0-0100000002","Dial","Dongle/dongle0/9123000000,60","2024-03-19 10:00:00","2024-03-19 10:00:05","2024-03-19 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1710700002.1",""` + "\n"
	testkit.WriteTree(t, root, map[string]string{
		"var/log/asterisk/cdr-csv/Master.csv": call,
		"etc/asterisk/dongle.conf":            "[dongle0]\nimei=356938035643809\nimsi=404100000000001\nexten=+919800000009\n",
	})
	ipdr := filepath.Join(dir, "ipdr.csv")
	os.WriteFile(ipdr, []byte("MSISDN,IMEI,Destination IP,Start Time\n"+
		"919800000001,356938035643809,1.2.3.4,2024-03-18 10:00:00\n"+
		"919800000002,356938035643809,1.2.3.4,2024-03-19 09:00:00\n"+
		"919800000002,356938035643809,1.2.3.4,2024-03-19 23:59:59\n"), 0o644)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, root, ipdr)

	type report struct {
		Dongles []struct {
			Name   string `json:"name"`
			SeenIn []struct {
				MSISDN  string `json:"msisdn"`
				Kind    string `json:"kind"`
				Records int64  `json:"records"`
			} `json:"seen_in"`
		} `json:"dongles"`
	}
	seen := func(args ...string) string {
		var r report
		runJSON(t, append([]string{"asterisk", casePath, "--json"}, args...), &r)
		if len(r.Dongles) != 1 || r.Dongles[0].Name != "dongle0" {
			t.Fatalf("asterisk %v: modems %+v, want dongle0", args, r.Dongles)
		}
		var s []string
		for _, h := range r.Dongles[0].SeenIn {
			s = append(s, h.MSISDN+" "+h.Kind+" "+strings.Repeat("|", int(h.Records)))
		}
		return strings.Join(s, "; ")
	}
	if got, want := seen(), "919800000002 ipdr ||; 919800000001 ipdr |"; got != want {
		t.Errorf("whole case: seen in %q, want %q", got, want)
	}
	if got, want := seen("--from", "2024-03-19", "--to", "2024-03-19"), "919800000002 ipdr ||"; got != want {
		t.Errorf("the 19th: seen in %q, want %q", got, want)
	}
	if got := seen("--to", "2024-03-18"); got != "919800000001 ipdr |" {
		t.Errorf("to the 18th: seen in %q, want 919800000001's one record", got)
	}
	text := runOK(t, "asterisk", casePath, "--from", "2024-03-19", "--to", "2024-03-19")
	if !strings.Contains(text, "919800000002 (ipdr, 2)") || strings.Contains(text, "919800000001") {
		t.Errorf("the 19th's text lists the wrong subscribers:\n%s", text)
	}
}
