package gen

import (
	"regexp"
	"strings"
	"testing"
)

// luhnValid checks a whole number, check digit included: doubling every
// second digit from the right.
func luhnValid(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func TestLuhnReference(t *testing.T) {
	tests := []struct {
		imei string
		ok   bool
	}{
		{"490154203237518", true}, // the example of 3GPP TS 23.003 annex B
		{"490154203237517", false},
		{"352099001761481", true},
		{"352099001761482", false},
	}
	for _, tc := range tests {
		if got := luhnValid(tc.imei); got != tc.ok {
			t.Errorf("luhnValid(%s) = %v", tc.imei, got)
		}
		if tc.ok {
			if d := luhnDigit(tc.imei[:14]); d != int(tc.imei[14]-'0') {
				t.Errorf("luhnDigit(%s) = %d", tc.imei[:14], d)
			}
		}
	}
}

// TestIdentifiersInFiles checks every identifier and value format written
// to the three files.
func TestIdentifiersInFiles(t *testing.T) {
	dir, truth := generate(t, smallConfig())
	var (
		msisdn = regexp.MustCompile(`^91[6-9]\d{9}$`)
		imsi   = regexp.MustCompile(`^40410\d{10}$`)
		imei   = regexp.MustCompile(`^\d{15}$`)
		cell   = regexp.MustCompile(`^404-10-\d{4}-\d{5}$`)
		// voice rows: the planted call network adds a roaming spell and calls abroad
		voiceCell  = regexp.MustCompile(`^(404-10-\d{4}-\d{5}|424-02-0501-1001\d)$`)
		voiceOther = regexp.MustCompile(`^(91[6-9]\d{9}|00(44|971|1)\d{9,10})$`)
		clockA     = regexp.MustCompile(`^(\d|1\d|2[0-3]):[0-5]\d:[0-5]\d$`) // no leading zero
		clockB     = regexp.MustCompile(`^20\d\d-\d\d-\d\d ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$`)
		dateA      = regexp.MustCompile(`^\d\d/\d\d/20\d\d$`)
		dateV      = regexp.MustCompile(`^([1-9]|1[0-2])/([1-9]|[12]\d|3[01])/20\d\d$`)
		ipv4       = regexp.MustCompile(`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$`)
	)
	check := func(what string, re *regexp.Regexp, v string) {
		t.Helper()
		if !re.MatchString(v) {
			t.Fatalf("%s %q", what, v)
		}
	}
	checkIMEI := func(v string) {
		t.Helper()
		check("IMEI", imei, v)
		if !luhnValid(v) {
			t.Fatalf("IMEI %s fails the Luhn check", v)
		}
	}
	a := readCSV(t, dir+"/"+FileOperatorA, ',', 1)
	for _, f := range a {
		check("MSISDN", msisdn, f[0])
		check("IMSI", imsi, f[1])
		checkIMEI(f[2])
		check("private IP", regexp.MustCompile(`^10\.`), f[3])
		check("public IP", regexp.MustCompile(`^49\.36\.`), f[5])
		check("dest IP", ipv4, f[7])
		check("date", dateA, f[9])
		check("date", dateA, f[11])
		check("START_TIME", clockA, f[10])
		check("END_TIME", clockA, f[12])
		check("cell", cell, f[13])
	}
	for _, f := range readCSV(t, dir+"/"+FileOperatorB, ';', 3) {
		check("start", clockB, f[0])
		check("end", clockB, f[1])
		check("MSISDN", msisdn, f[2])
		check("IMSI", imsi, f[3])
		checkIMEI(f[4])
		check("cell", cell, f[11])
	}
	distinct := map[string]bool{}
	for _, f := range readCSV(t, dir+"/"+FileVoice, '\t', 1) {
		check("MSISDN", msisdn, f[0])
		check("IMSI", imsi, f[1])
		checkIMEI(f[2])
		check("cell", voiceCell, f[4])      // the planted roaming spell is on 424-02 (calls network)
		check("B number", voiceOther, f[6]) // planted international numbers are written with 00
		check("date", dateV, f[7])
		distinct[f[0]] = true
	}
	for _, s := range truth.Subscribers {
		if distinct[s.MSISDN] {
			t.Errorf("%s is both a data and a voice subscriber", s.MSISDN)
		}
		distinct[s.MSISDN] = true
	}
	if len(distinct) != 40+60+6+PlantedVoiceSubscribers {
		t.Errorf("%d distinct MSISDNs, want 119", len(distinct))
	}
}

// TestOperatorAHoursHaveNoLeadingZero: the paper writes 0:02:40, so early
// hours are one digit and later ones two.
func TestOperatorAHoursHaveNoLeadingZero(t *testing.T) {
	dir, _ := generate(t, smallConfig())
	short, long := 0, 0
	for _, f := range readCSV(t, dir+"/"+FileOperatorA, ',', 1) {
		hour := f[10][:strings.IndexByte(f[10], ':')]
		switch {
		case len(hour) == 1:
			short++
		case hour[0] == '0':
			t.Fatalf("START_TIME %q has a leading zero", f[10])
		default:
			long++
		}
	}
	if short == 0 || long == 0 {
		t.Errorf("%d one-digit and %d two-digit hours; want both", short, long)
	}
}

func TestNobodyElseTouchesTheHuntSubnet(t *testing.T) {
	for _, a := range apps {
		for _, p := range a.pools {
			if p>>16 == ip(104, 198, 0, 0)>>16 {
				t.Errorf("%s pool %v overlaps the hunt's server subnet", a.name, p)
			}
		}
	}
}
