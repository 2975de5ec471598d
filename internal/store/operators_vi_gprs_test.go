package store

import (
	"strings"
	"testing"
)

// Vodafone Idea's GPRS report of an IMEI (banner, "Report Type :- GPRS
// Report", footer): one handset used with two SIMs, each row keyed under
// its own number. "IP Address" is the subscriber's address; "PGW IP" is
// the gateway's own, the same for every subscriber it serves, and is
// never their public address (before, 10.10.1.1 was stored as the public
// IP of every record). Call date + Call Initiation Time the start, 150 s
// later the end; Data Volume the total (3000 + 12000).
func TestOperatorViGPRSReport(t *testing.T) {
	c := operatorLayoutCase{"vi_gprs_report.csv", "ipdr", []string{"header on line 4", "dates DMY"}, []string{
		"5|918980200001|404051650000001|3520990017614823|10.20.30.40||||||2026-03-14 21:05:10|2026-03-14 21:07:40|404-05-2231-14521|3000|12000|15000||www|",
		"6|918980200009|404051650000009|3520990017614823|10.20.30.41||||||2026-03-15 07:45:00|2026-03-15 07:45:30|404-05-2231-14522|800|900|1700||www|",
	}, nil}
	st, _ := checkOperatorLayoutWith(t, c, ImportOptions{Country: "IN"})
	var m string
	if err := st.DB().QueryRow("SELECT mapping FROM sources").Scan(&m); err != nil || strings.Contains(m, "PGW IP") || !strings.Contains(m, "private_ip=IP Address") {
		t.Errorf("mapping %q (%v)", m, err)
	}
}
