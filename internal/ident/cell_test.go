package ident

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"testing/quick"
)

// Keys computed by hand: 7301 = 0x1C85, 12345 = 0x3039.
func TestCellKeyByHand(t *testing.T) {
	cases := []struct{ written, key, gen string }{
		{"404-10-7301-12345", "404-10-7301-12345", "2G/3G"},
		{"404-10-07301-012345", "404-10-7301-12345", "2G/3G"},
		{"404-010-7301-12345", "404-10-7301-12345", "2G/3G"},
		{"404:10:7301:12345", "404-10-7301-12345", "2G/3G"},
		{"404 10 7301 12345", "404-10-7301-12345", "2G/3G"},
		{"404100730112345", "404-10-7301-12345", "2G/3G"},
		{"404101C853039", "404-10-7301-12345", "2G/3G"},
		{"404101c853039", "404-10-7301-12345", "2G/3G"},
		{"0x404101C853039", "404-10-7301-12345", "2G/3G"},
		{"404-10-1C85-3039", "404-10-7301-12345", "2G/3G"},
		{"40410ABCDEF1", "404-10-?-180150001", "4G"},            // ECGI: 0xABCDEF1 = 180150001
		{"405-874-9-180150001", "405-874-9-180150001", "3G/4G"}, // TAC or LAC given: an ECI or a UMTS RNC id × 65536 + CI
		{"405510ABCDEF1", "", ""},                               // 405-51 or 405-510: not keyed
		{"405874ABCDEF1", "405-874-?-180150001", "4G"},          // Jio ECGI, three-digit MNC
		{"3104101C853039", "310-410-7301-12345", "2G/3G"},       // US: three-digit MNC
		{"310-410-7301-12345", "310-410-7301-12345", "2G/3G"},
		{"404-45-12345", "404-45-?-12345", "4G"},
		{"", "", ""},
		{"Sector 3, MG Road, Bengaluru", "", ""},
		{"7301-12345", "", ""}, // LAC-CI with no MCC-MNC
		{"12345", "", ""},
		{"404-10-99999999-1", "", ""}, // LAC larger than 24 bits
		// concatenated with a LAC of four digits and a CI of six
		// (404-45-7301-123456): read five and five, LAC 73011 is above
		// 65535, no LAC; it was keyed 404-45-73011-23456
		{"404457301123456", "", ""},
		{"404457301165536", "", ""},                        // CI 65536: no 16-bit CI
		{"404456553565535", "404-45-65535-65535", "2G/3G"}, // the largest of each
		// NCGI (5G NR): MCC, MNC, a 36-bit NCI in nine hex digits
		{"4058560C0098001", "405-856-?-3221848065", "5G"}, // Jio, three-digit MNC
		{"23415ABCDEF123", "234-15-?-46118400291", "5G"},  // two-digit MNC
		// a small gNB's NCI below 2^28 is still 5G: 0x000123A01 = 1194497
		{"23415000123A01", "234-15-?-1194497", "5G"},
		{"4058560000123A01", "", ""},                                                   // sixteen characters with a letter: no encoding
		{"3GPP-NR-FDD; utran-cell-id-3gpp=23415000123000000001", "234-15-291-1", "5G"}, // TAC 0x000123, NCI 1
		// the PLMN fused: MCC and MNC as one run of five or six digits
		{"40570-5123-15746", "405-70-5123-15746", "2G/3G"},
		{"405854-5123-15746", "405-854-5123-15746", "2G/3G"},
		{"10570-5123-15746", "", ""}, // no MCC starts 1
		// the access point of a call over Wi-Fi, in Jio's cell column
		{"49.47.132.116:10630", "", ""},
		{"2409:4124:0058:86d4::", "", ""},
		{"[2409:4124::1]:5060", "", ""},
		{"10.1.2.3", "", ""},                          // no MCC starts 10
		{"234.15.100.200", "234-15-100-200", "2G/3G"}, // a British cell written with dots, and an address too: a cell
	}
	for _, c := range cases {
		cell, ok := ParseCell(c.written)
		got := ""
		if ok {
			got = cell.Key()
		}
		if got != c.key || ok && cell.Generation() != c.gen {
			t.Errorf("%q: %q %q, want %q %q", c.written, got, cell.Generation(), c.key, c.gen)
		}
	}
}

// Property: a 2G/3G cell written dashed, as a 15-digit decimal CGI or as a
// hex CGI in either case gets one key.
func TestPropertyCellEncodingsShareKey(t *testing.T) {
	f := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		mcc := fmt.Sprintf("%03d", 200+r.Intn(500))
		for threeDigitMNC[mcc] || mcc == "405" {
			mcc = fmt.Sprintf("%03d", 200+r.Intn(500))
		}
		mnc := fmt.Sprintf("%02d", r.Intn(100))
		lac, ci := r.Intn(65536), r.Intn(65536)
		want := fmt.Sprintf("%s-%s-%d-%d", mcc, mnc, lac, ci)
		hex := fmt.Sprintf("%s%s%04X%04X", mcc, mnc, lac, ci)
		forms := []string{
			want,
			fmt.Sprintf("%s-%s-%05d-%05d", mcc, mnc, lac, ci),
			fmt.Sprintf("%s:%s:%d:%d", mcc, mnc, lac, ci),
			fmt.Sprintf("%s%s%05d%05d", mcc, mnc, lac, ci),
			hex, strings.ToLower(hex),
			fmt.Sprintf("%s-%s-%X-%X", mcc, mnc, lac|0xA000, ci|0xB000), // a letter makes the parts hex
		}
		forms[len(forms)-1] = fmt.Sprintf("%s-%s-%X-%X", mcc, mnc, lac, ci)
		for i, w := range forms {
			got, ok := CellKey(w)
			if i == len(forms)-1 && !hasHexLetter(w[7:]) {
				continue // no letter: read as decimal, by design
			}
			if !ok || got != want {
				t.Logf("%q: %q %v, want %q", w, got, ok, want)
				return false
			}
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 1000}); err != nil {
		t.Error(err)
	}
}

// Property: a 4G cell written as a hex ECGI in either case, and dashed
// MCC-MNC-ECI, gets one key.
func TestPropertyECGIShareKey(t *testing.T) {
	f := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		eci := r.Int63n(1 << 28)
		want := fmt.Sprintf("404-45-?-%d", eci)
		hex := fmt.Sprintf("40445%07X", eci)
		for _, w := range []string{hex, strings.ToLower(hex), fmt.Sprintf("404-45-%d", eci)} {
			if got, ok := CellKey(w); !ok || got != want {
				t.Logf("%q: %q %v, want %q", w, got, ok, want)
				return false
			}
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 500}); err != nil {
		t.Error(err)
	}
}

func TestHandsetKey(t *testing.T) {
	for _, c := range []struct{ imei, key string }{
		{"35209900176148", "35209900176148"},
		{"352099001761481", "35209900176148"},
		{"3520990017614823", "35209900176148"},
		{"3520990017614", ""},
		{"35209900176148234", ""},
		{"35-209900-176148-1", ""}, // the evidence reader removes separators first
	} {
		if got := HandsetKey(c.imei); got != c.key {
			t.Errorf("%q: %q want %q", c.imei, got, c.key)
		}
	}
}

// OpenCellID's columns give the same keys as the written forms.
func TestCellOfParts(t *testing.T) {
	for _, c := range []struct {
		mcc, mnc int
		lac, ci  int64
		want     string
	}{
		{404, 10, 7301, 12345, "404-10-7301-12345"},
		{310, 26, 1, 2, "310-026-1-2"},
		{405, 840, 5, 6, "405-840-5-6"},
		{262, 1, -1, 123456789, "262-01-?-123456789"},
	} {
		got, ok := CellOfParts(c.mcc, c.mnc, c.lac, c.ci)
		if !ok || got.Key() != c.want {
			t.Errorf("%+v: %s %v", c, got.Key(), ok)
		}
	}
	if k, _ := CellKey("404100730112345"); k != "404-10-7301-12345" {
		t.Errorf("the same cell written as a CGI: %s", k)
	}
	if _, ok := CellOfParts(404, 10, 1, 1<<37); ok {
		t.Error("a CI beyond 36 bits")
	}
	if c, _ := ParseCell("404-10-501-11259361"); c.AnyLACKey() != "404-10-?-11259361" {
		t.Errorf("AnyLACKey %s", c.AnyLACKey())
	}
}

// The home network of an IMSI: the MNC's length as the country writes it;
// India's 405 (two- and three-digit MNCs) is not settled by the digits.
func TestPLMNOfIMSI(t *testing.T) {
	for _, c := range []struct{ imsi, mcc, mnc string }{
		{"310260000000001", "310", "260"},
		{"262011234000001", "262", "01"},
		{"405025000000001", "", ""},
		{"31026000000", "", ""},
	} {
		mcc, mnc, ok := PLMNOfIMSI(c.imsi)
		if mcc != c.mcc || mnc != c.mnc || ok != (c.mcc != "") {
			t.Errorf("%s: %q %q %v", c.imsi, mcc, mnc, ok)
		}
	}
}
