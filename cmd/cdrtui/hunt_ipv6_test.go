package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An IPDR with IPv4 and IPv6 destination columns, imported and hunted by
// IPv6 address, address and port, and prefix; an IPv4 hunt still finds the
// IPv4 sessions only.
func TestHuntIPv6FromSplitColumns(t *testing.T) {
	dir := t.TempDir()
	text := "MSISDN,Start_Time,Destination_IP,Destination_IP6,Destination_Port,Source_Public_IP,Source_Public_IPv6,Uplink,Downlink\n" +
		"919812345678,2024-03-20 10:00:00,142.250.1.1,,443,49.36.1.2,,100,200\n" +
		"919812345678,2024-03-20 10:05:00,,2001:db8::1,443,,2409:4040:ffff::9,10,20\n" +
		"919812345679,2024-03-20 10:06:00,,2001:db8:0:1::7,5222,,2409:4040:ffff::a,1,2\n" +
		"919812345680,2024-03-20 10:07:00,,2001:db9::1,443,,2409:4040:ffff::b,1,2\n"
	if err := os.WriteFile(filepath.Join(dir, "ipdr.csv"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, filepath.Join(dir, "ipdr.csv")}, &out, &errOut); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	for _, c := range []struct {
		dest string
		want map[string]int64 // msisdn -> records
	}{
		{"[2001:db8::1]:443", map[string]int64{"919812345678": 1}},
		{"2001:DB8::1", map[string]int64{"919812345678": 1}},
		{"2001:db8::/32", map[string]int64{"919812345678": 1, "919812345679": 1}},
		{"[2001:db8::/32]:5222", map[string]int64{"919812345679": 1}},
		{"2001:db8::/48,2001:db9::/32", map[string]int64{"919812345678": 1, "919812345679": 1, "919812345680": 1}},
		{"142.250.0.0/16", map[string]int64{"919812345678": 1}},
	} {
		stdout, stderr, code := runHuntCLI(t, casePath, "--dest", c.dest, "--json")
		if code != 0 {
			t.Fatalf("hunt --dest %s: %d %s", c.dest, code, stderr)
		}
		var got struct {
			Subscribers []struct {
				MSISDN  string `json:"msisdn"`
				Records int64  `json:"records"`
			} `json:"subscribers"`
		}
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatal(err)
		}
		have := map[string]int64{}
		for _, s := range got.Subscribers {
			have[s.MSISDN] = s.Records
		}
		if len(have) != len(c.want) {
			t.Errorf("--dest %s: %v, want %v", c.dest, have, c.want)
			continue
		}
		for m, n := range c.want {
			if have[m] != n {
				t.Errorf("--dest %s: %v, want %v", c.dest, have, c.want)
			}
		}
	}
	stdout, _, code := runHuntCLI(t, casePath, "--dest", "[2001:db8::1]:443")
	if code != 0 || !strings.Contains(stdout, "connected to [2001:db8::1]:443 once") {
		t.Errorf("text statement:\n%s", stdout)
	}
	_, stderr, code := runHuntCLI(t, casePath, "--dest", "2001:db8::1::2")
	if code == 0 || stderr == "" {
		t.Errorf("a bad IPv6 address was accepted: %d %q", code, stderr)
	}
}
