package ident

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"testing/quick"
)

func mustPlan(t *testing.T, iso string) Plan {
	t.Helper()
	p, ok := PlanFor(iso)
	if !ok {
		t.Fatalf("no plan %s", iso)
	}
	return p
}

// Keys computed by hand from each country's numbering plan.
func TestNumberKeyByHand(t *testing.T) {
	cases := []struct {
		plan, written, key string
	}{
		{"IN", "9714499703", "919714499703"},
		{"IN", "919714499703", "919714499703"},
		{"IN", "+91 97144 99703", "919714499703"},
		{"IN", "09714499703", "919714499703"},
		{"IN", "00919714499703", "919714499703"},
		{"IN", "+91-97144-99703", "919714499703"},
		{"IN", `="919714499703"`, "919714499703"},
		{"IN", "'09714499703", "919714499703"},
		{"IN", "+44 20 7946 0958", "442079460958"},
		{"IN", "+44 (0)20 7946 0958", "442079460958"},
		{"IN", "447700900123", "447700900123"},
		{"US", "2125550123", "12125550123"},
		{"US", "12125550123", "12125550123"},
		{"US", "1-212-555-0123", "12125550123"},
		{"US", "(212) 555-0123", "12125550123"},
		{"US", "+1 212 555 0123", "12125550123"},
		{"US", "011919714499703", "919714499703"},
		{"US", "01144 7700 900123", "447700900123"},
		{"CA", "4165550123", "14165550123"},
		{"GB", "07700 900123", "447700900123"},
		{"GB", "020 7946 0958", "442079460958"},
		{"GB", "00447700900123", "447700900123"},
		{"DE", "0151 23456789", "4915123456789"},
		{"DE", "030 1234567", "49301234567"},
		{"DE", "0049 30 1234567", "49301234567"},
		{"FR", "06 12 34 56 78", "33612345678"},
		{"FR", "+33 6 12 34 56 78", "33612345678"},
		{"RU", "8 916 123-45-67", "79161234567"},
		{"RU", "9161234567", "79161234567"},
		{"RU", "+7 916 123 45 67", "79161234567"},
		{"RU", "810 91 9714499703", "919714499703"},
		{"RU", "0091 9714499703", "919714499703"},
		{"IN", "+971 4 449 9703", "97144499703"}, // a country with no plan in the table: as written after '+'
		{"IN", "00971 50 123 4567", "971501234567"},
	}
	for _, c := range cases {
		got, ok := mustPlan(t, c.plan).NumberKey(c.written)
		if !ok || got != c.key {
			t.Errorf("%s %q: key %q, %v; want %q", c.plan, c.written, got, ok, c.key)
		}
	}
}

// Values that must get no key: a wrong key would merge two people.
func TestNumberKeyRefused(t *testing.T) {
	cases := []struct{ plan, written string }{
		{"IN", "VM-HDFCBK"},
		{"IN", "JP-JioPay-S"},
		{"IN", "121"},           // short code
		{"IN", "52141"},         // short code
		{"IN", "0971449970"},    // 9 digits after the trunk prefix
		{"IN", "+91 971449970"}, // +91 with 9 digits
		{"US", "0123456789"},    // NANP numbers do not start with 0
		{"US", "1123456789"},    // nor with 1
		{"", "9714499703"},      // national, and no plan to read it by
		{"", "09714499703"},
		{"IN", ""},
		{"IN", "+"},
		{"IN", "+1234567890123456"}, // longer than E.164 allows
	}
	for _, c := range cases {
		p := Plan{}
		if c.plan != "" {
			p = mustPlan(t, c.plan)
		}
		if got, ok := p.NumberKey(c.written); ok {
			t.Errorf("%s %q: key %q, want none", c.plan, c.written, got)
		}
	}
}

// writer writes a number of a plan in one of the forms operators use.
type writer func(p Plan, nsn string, r *rand.Rand) string

func spaced(s string, r *rand.Rand) string {
	var b strings.Builder
	seps := []string{"", " ", "-", ".", " "}
	for i := 0; i < len(s); i++ {
		if i > 0 && r.Intn(4) == 0 {
			b.WriteString(seps[r.Intn(len(seps))])
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var writers = map[string]writer{
	"e164":    func(p Plan, n string, r *rand.Rand) string { return p.CC + n },
	"plus":    func(p Plan, n string, r *rand.Rand) string { return "+" + p.CC + " " + spaced(n, r) },
	"trunk":   func(p Plan, n string, r *rand.Rand) string { return spaced(p.Trunk+n, r) },
	"00":      func(p Plan, n string, r *rand.Rand) string { return "00" + p.CC + n },
	"intl":    func(p Plan, n string, r *rand.Rand) string { return p.Intl[0] + p.CC + n },
	"bare":    func(p Plan, n string, r *rand.Rand) string { return n },
	"quoted":  func(p Plan, n string, r *rand.Rand) string { return `="` + p.CC + n + `"` },
	"plusTrk": func(p Plan, n string, r *rand.Rand) string { return "+" + p.CC + " (" + p.Trunk + ")" + n },
}

// randomNSN draws a national significant number the plan keys as itself
// (its lengths, first digits and pattern; not a quirk's form, such as
// Brazil's eight-digit mobiles keyed with their ninth digit).
func randomNSN(p Plan, r *rand.Rand) string {
	for {
		l := p.NSN[r.Intn(len(p.NSN))]
		b := []byte{p.First[r.Intn(len(p.First))]}
		for len(b) < l {
			b = append(b, byte('0'+r.Intn(10)))
		}
		if k, ok := p.keyOf(string(b), false, ""); ok && k == p.CC+string(b) {
			return string(b)
		}
	}
}

// ownPrefixFits: written starts with one of the plan's international
// prefixes other than 00 (Colombia's 005 before 0057...), so that it
// reads two ways and is refused by design (TestCarrierPrefixAmbiguity).
func ownPrefixFits(p Plan, written string) bool {
	for _, x := range p.Intl {
		if x != "00" && strings.HasPrefix(written, x) {
			return true
		}
	}
	return false
}

// Property: a number written in any of its forms gets one key, CC + NSN.
func TestPropertyNumberFormsShareKey(t *testing.T) {
	for _, p := range Plans() {
		f := func(seed int64) bool {
			r := rand.New(rand.NewSource(seed))
			nsn := randomNSN(p, r)
			want := p.CC + nsn
			for name, w := range writers {
				if name == "bare" && (!p.Bare || p.BareFirst != "" && !strings.Contains(p.BareFirst, nsn[:1])) {
					continue
				}
				if name == "trunk" && p.Trunk == "" && !p.Bare {
					continue
				}
				if (name == "e164" || name == "quoted") && (len(p.CC+nsn) < 9 || p.Bare && p.nsnOK(p.CC+nsn)) {
					continue // too short to be taken for CC+NSN; or a national number of the plan too (39 3... in Italy)
				}
				if name == "00" && ownPrefixFits(p, "00"+p.CC+nsn) {
					continue
				}
				if name == "plusTrk" && p.Trunk != "0" {
					continue // only trunk-0 countries write "+44 (0)20..."
				}
				written := w(p, nsn, r)
				got, ok := p.NumberKey(written)
				if !ok || got != want {
					t.Logf("%s %s %q: key %q, %v; want %q", p.Country, name, written, got, ok, want)
					return false
				}
			}
			return true
		}
		if err := quick.Check(f, &quick.Config{MaxCount: 300}); err != nil {
			t.Errorf("%s: %v", p.Country, err)
		}
	}
}

// Property: a number written with its country code keys the same under
// every plan (a case's plan only reads national forms).
func TestPropertyInternationalFormsIgnorePlan(t *testing.T) {
	f := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		q := plans[r.Intn(len(plans))]
		nsn := randomNSN(q, r)
		for _, written := range []string{"+" + q.CC + nsn, "00" + q.CC + nsn} {
			for _, p := range append(Plans(), Plan{}) {
				if ownPrefixFits(p, written) {
					continue
				}
				got, ok := p.NumberKey(written)
				if !ok || got != q.CC+nsn {
					t.Logf("plan %q %q: %q %v", p.Country, written, got, ok)
					return false
				}
			}
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 500}); err != nil {
		t.Error(err)
	}
}

func TestSplitNumber(t *testing.T) {
	for _, c := range []struct {
		in, d string
		plus  bool
		ok    bool
	}{
		{"+91 97144 99703", "919714499703", true, true},
		{"(0)97144-99703", "097144 99703", false, true},
		{"VM-HDFCBK", "", false, false},
		{"", "", false, false},
	} {
		d, plus, ok := SplitNumber(c.in)
		if c.d == "097144 99703" {
			c.d = "09714499703"
		}
		if d != c.d || plus != c.plus || ok != c.ok {
			t.Errorf("%q: %q %v %v", c.in, d, plus, ok)
		}
	}
}

func TestInferPlan(t *testing.T) {
	cases := []struct {
		name        string
		subs, other []string
		country     string
		needed      bool
		err         bool
	}{
		{"12-digit 91 numbers", []string{"919714499703", "919812345678"}, []string{"918800000001"}, "IN", false, false},
		{"Indian and British, all international", []string{"919714499703"}, []string{"447700900123"}, "IN", false, false},
		{"10-digit with +91 forms", []string{"9714499703"}, []string{"+91 98123 45678"}, "IN", true, false},
		{"10-digit with 0091 forms", []string{"9714499703", "00919812345678"}, nil, "IN", true, false},
		{"10-digit alone: IN, US or RU", []string{"9714499703"}, []string{"9812345678"}, "", true, true},
		{"trunk 0 beside bare ten digits: only India writes both", []string{"9714499703", "09714499703"}, nil, "IN", true, false},
		{"NANP with 1-prefixed forms", []string{"2125550123"}, []string{"12125550199"}, "US", true, false},
		{"Russian trunk 8", []string{"89161234567", "9161234567"}, nil, "RU", true, false},
		{"British trunk 0 only", []string{"07700900123"}, []string{"02079460958"}, "", true, true},
		{"senders and short codes ignored", []string{"919714499703"}, []string{"VM-HDFCBK", "121"}, "IN", false, false},
		{"mixed subscribers: no country", []string{"919714499703", "447700900123"}, nil, "", false, false},
		// 84 and nine digits: Vietnam's mobiles without their +, or Russia's
		// trunk 8 before a 4xx area code: refused, neither guessed
		{"84 and nine digits alone: VN or RU", []string{"84912345678"}, []string{"84987654321", "84911112222"}, "", true, true},
		{"84 and nine digits beside a 0-prefixed Vietnamese mobile", []string{"84912345678", "0987654321"}, nil, "VN", true, false},
		{"Moscow's 8 495 beside a Russian mobile", []string{"84951234567", "89161234567"}, nil, "RU", true, false},
		{"+84 written", []string{"+84 91 234 5678", "84987654321"}, nil, "VN", true, false},
	}
	for _, c := range cases {
		country, needed, err := InferPlan(c.subs, c.other)
		var pe *PlanError
		if (err != nil) != c.err || country != c.country || needed != c.needed {
			t.Errorf("%s: %q %v %v; want %q %v err=%v", c.name, country, needed, err, c.country, c.needed, c.err)
		}
		if err != nil && !errors.As(err, &pe) {
			t.Errorf("%s: error %T", c.name, err)
		}
	}
	_, _, err := InferPlan([]string{"84912345678"}, nil)
	if err == nil || !strings.Contains(err.Error(), "would be 84912345678 under IN, US, GB, DE, FR, VN, BD and PK or 74912345678 under RU;") {
		t.Errorf("message %v\nwant it to name the RU and VN keys", err)
	}
	_, _, err = InferPlan([]string{"9714499703"}, nil)
	want := "9714499703 is written without a country code and would be 919714499703 under IN or 19714499703 under US or 79714499703 under RU; say which with --country"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("message %v\nwant it to say %q", err, want)
	}
	// another country's numbers (Colombia's 10-digit mobiles fit IN, US,
	// RU): the refusal names that country's --country, never another's
	if err == nil || !strings.Contains(err.Error(), "numbers of another country (Colombia's 3005722406, say) are keyed under none of these: import them with that country's --country (--country CO) or written with their country code") {
		t.Errorf("message %v\nwant it to say what to do with numbers of a country with no plan", err)
	}
}

func ExamplePlan_NumberKey() {
	in, _ := PlanFor("IN")
	for _, w := range []string{"9714499703", "919714499703", "+91 97144 99703", "09714499703", "00919714499703", "VM-HDFCBK"} {
		k, ok := in.NumberKey(w)
		fmt.Printf("%-16s %s %v\n", w, k, ok)
	}
	// Output:
	// 9714499703       919714499703 true
	// 919714499703     919714499703 true
	// +91 97144 99703  919714499703 true
	// 09714499703      919714499703 true
	// 00919714499703   919714499703 true
	// VM-HDFCBK         false
}

func TestCallingCodeAndCountries(t *testing.T) {
	for key, want := range map[string]string{"447700900123": "44", "919714499703": "91", "12025550123": "1",
		"9715012345678": "971", "79161234567": "7", "VM-HDFCBK": "", "12": ""} {
		if got := CallingCode(key); got != want {
			t.Errorf("CallingCode(%q) = %q, want %q", key, got, want)
		}
	}
	if CountryName("971") != "United Arab Emirates" || CountryName("999") != "" || MCCCountry("424") != "United Arab Emirates" {
		t.Error("country names")
	}
	if h := HomeMCCs("in"); len(h) != 3 || h[0] != "404" {
		t.Errorf("HomeMCCs(in) = %v", h)
	}
}
