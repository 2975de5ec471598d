package analysis

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func appsOf(rules []PortRule) []string {
	var out []string
	for _, r := range rules {
		out = append(out, r.App)
	}
	return out
}

func TestDefaultDictionaryApp(t *testing.T) {
	d := DefaultDictionary()
	tests := []struct {
		port int
		want string
	}{
		{443, "Web (HTTPS)"}, {80, "Web (HTTP)"}, {8080, "Web (HTTP)"}, {8081, "Web (McAfee ePO)"},
		{993, "Email (IMAP)"}, {143, "Email (IMAP)"},
		{5222, "WhatsApp"}, {5223, "WhatsApp"}, {5228, "WhatsApp"}, {4244, "WhatsApp"}, {5242, "WhatsApp"},
		{3478, "Skype"}, {3481, "Skype"}, {3482, "port 3482"}, {3477, "port 3477"},
		{49151, "port 49151"}, {49152, "Skype"}, {65535, "Skype"},
		{58128, "Xsan"}, {51637, "Xsan"}, {61076, "Xsan"}, // narrower than the dynamic range
		{8024, "iTunes"}, {7275, "iTunes"}, {40001, "Microsoft games"}, {40034, "Microsoft games"},
		{40002, "port 40002"}, {53, "DNS"}, {587, "Email (SMTP)"}, {4500, "IPsec VPN"},
		{0, "port 0"}, {7, "port 7"}, {-1, "no port"}, {-500, "no port"}, {70000, "port 70000"},
	}
	for _, tt := range tests {
		if got := d.App(tt.port); got != tt.want {
			t.Errorf("App(%d) = %q, want %q", tt.port, got, tt.want)
		}
	}
}

// TestAppAgreesWithLookup checks the O(1) table against the ranked rules for
// every port, and the lazily built "port N" names.
func TestAppAgreesWithLookup(t *testing.T) {
	for _, d := range []*Dictionary{DefaultDictionary(), DefaultDictionary().With(mustParse(t, analystCSV, "case.csv"))} {
		for p := 0; p <= maxPort; p++ {
			rules := d.Lookup(p)
			want := "port " + strconv.Itoa(p)
			if len(rules) > 0 {
				want = rules[0].App
			}
			if got := d.App(p); got != want {
				t.Fatalf("App(%d) = %q, Lookup says %q", p, got, want)
			}
		}
	}
}

func TestAppDoesNotAllocate(t *testing.T) {
	d := DefaultDictionary()
	allocs := testing.AllocsPerRun(100, func() {
		_ = d.App(443)
		_ = d.App(12345)
		_ = d.App(-1)
	})
	if allocs != 0 {
		t.Errorf("App allocates %.1f times per run, want 0", allocs)
	}
}

func TestDefaultLookupShowsAmbiguity(t *testing.T) {
	d := DefaultDictionary()
	tests := []struct {
		port int
		want []string
	}{
		{443, []string{"Web (HTTPS)", "Skype", "WhatsApp"}},
		{5223, []string{"WhatsApp", "Apple push (APNs)"}},
		{5228, []string{"WhatsApp", "Google push (FCM)"}},
		{5222, []string{"WhatsApp", "XMPP client"}},
		{4244, []string{"WhatsApp", "Viber"}},
		{5242, []string{"WhatsApp", "Viber"}},
		{3479, []string{"Skype", "STUN/TURN"}},
		{58128, []string{"Xsan", "Skype"}}, // narrower range first
		{12345, nil},
	}
	for _, tt := range tests {
		got := d.Lookup(tt.port)
		if !reflect.DeepEqual(appsOf(got), tt.want) {
			t.Errorf("Lookup(%d) apps = %q, want %q", tt.port, appsOf(got), tt.want)
		}
	}
	h := d.Lookup(443)
	if h[0].Confidence != "high" || h[1].Confidence != "low" || h[2].Confidence != "low" {
		t.Errorf("443 confidences = %s/%s/%s, want high/low/low", h[0].Confidence, h[1].Confidence, h[2].Confidence)
	}
	for _, r := range d.Rules() {
		if r.Note == "" || confidenceRank(r.Confidence) == 0 || r.Origin != DefaultOrigin {
			t.Errorf("default rule %+v lacks a note, a valid confidence or origin", r)
		}
	}
}

func TestDefaultDictionaryCoversTableII(t *testing.T) {
	d := DefaultDictionary()
	table := map[string][]int{
		"WhatsApp":         {5223, 5228, 4244, 5222, 5242},
		"Skype":            {443, 3478, 3479, 3480, 3481, 49152, 65535},
		"Web (HTTP)":       {80, 8080},
		"Web (HTTPS)":      {443},
		"Web (McAfee ePO)": {8081},
		"Email (IMAP)":     {993, 143},
		"iTunes":           {8024, 8027, 8013, 8017, 8003, 7275, 8025, 8009},
		"Xsan":             {58128, 51637, 61076},
		"Microsoft games":  {40020, 40017, 40023, 40019, 40001, 40004, 40034, 40031, 40029, 40005, 40026, 40008, 40032},
	}
	for app, ports := range table {
		for _, p := range ports {
			if !slices.Contains(appsOf(d.Lookup(p)), app) {
				t.Errorf("Table II says %d is %s; Lookup gives %q", p, app, appsOf(d.Lookup(p)))
			}
		}
		if !slices.Contains(d.Apps(), app) {
			t.Errorf("Apps() lacks %q", app)
		}
	}
	if !slices.IsSorted(d.Apps()) {
		t.Errorf("Apps() not sorted: %q", d.Apps())
	}
}

func TestPorts(t *testing.T) {
	d := DefaultDictionary()
	tests := []struct {
		app  string
		want [][2]int
	}{
		{"WhatsApp", [][2]int{{4244, 4244}, {5222, 5223}, {5228, 5228}, {5242, 5242}}},
		{"Skype", [][2]int{{3478, 3481}, {49152, 51636}, {51638, 58127}, {58129, 61075}, {61077, 65535}}},
		{"Web (HTTP)", [][2]int{{80, 80}, {8080, 8080}}},
		{"Email (IMAP)", [][2]int{{143, 143}, {993, 993}}},
		{"Viber", nil}, // only an alternative
		{"Nope", nil},
	}
	for _, tt := range tests {
		if got := d.Ports(tt.app); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Ports(%q) = %v, want %v", tt.app, got, tt.want)
		}
	}
}

func mustParse(t *testing.T, text, name string) []PortRule {
	t.Helper()
	rules, err := ParseDictionary(strings.NewReader(text), name)
	if err != nil {
		t.Fatalf("ParseDictionary(%s): %v", name, err)
	}
	return rules
}

const analystCSV = `# case-specific ports
Ports,APP,Note,Confidence
443,Corp VPN,seen in the seized phone's config,low
5000-6000,Game X,,medium
`

func TestParseDictionary(t *testing.T) {
	rule := func(lo, hi int, app, vendor, proto, conf, note string) PortRule {
		return PortRule{Lo: lo, Hi: hi, App: app, Vendor: vendor, Protocol: proto, Confidence: conf, Note: note, Origin: "f.csv"}
	}
	tests := []struct {
		name, text string
		want       []PortRule
	}{
		{"no header, positional", "443,Signal,Signal Foundation,tcp,Medium,push\n",
			[]PortRule{rule(443, 443, "Signal", "Signal Foundation", "TCP", "medium", "push")}},
		{"only ports and app, confidence defaults to high", "7000,Foo\n",
			[]PortRule{rule(7000, 7000, "Foo", "", "", "high", "")}},
		{"list with semicolons and a range", "80;8080;3478-3481,Web\n",
			[]PortRule{rule(80, 80, "Web", "", "", "high", ""), rule(8080, 8080, "Web", "", "", "high", ""),
				rule(3478, 3481, "Web", "", "", "high", "")}},
		{"space list, spaced dash, quoted commas", "\"80 8443, 9000 - 9002\",Web,,UDP/TCP\n",
			[]PortRule{rule(80, 80, "Web", "", "TCP+UDP", "high", ""), rule(8443, 8443, "Web", "", "TCP+UDP", "high", ""),
				rule(9000, 9002, "Web", "", "TCP+UDP", "high", "")}},
		{"header in another order, BOM, comments, blank lines",
			"\uFEFFNote,App,PORT\n\n# a comment\n   # indented comment\n\"a, b\",X,1\n,,\n",
			[]PortRule{rule(1, 1, "X", "", "", "high", "a, b")}},
		{"origin column", "ports,app,origin\n1,X,other.csv\n2,Y,\n",
			[]PortRule{{Lo: 1, Hi: 1, App: "X", Confidence: "high", Origin: "other.csv"}, rule(2, 2, "Y", "", "", "high", "")}},
		{"boundaries", "0,Zero\n65535,Top\n", []PortRule{rule(0, 0, "Zero", "", "", "high", ""), rule(65535, 65535, "Top", "", "", "high", "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, tt.text, "f.csv")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseDictionaryReportsEveryBadLine(t *testing.T) {
	text := strings.Join([]string{
		"ports,app,vendor,protocol,confidence,note", // 1
		"443,HTTPS",          // 2 fine
		"44x,Bad",            // 3 bad port
		"3481-3478,Reversed", // 4 reversed range
		"70000,Huge",         // 5 > 65535
		"5222,",              // 6 missing app
		"# comment",          // 7
		"",                   // 8
		"80,Web,,SCTP,sure",  // 9 protocol and confidence
		"81,Web,,,,a,b,c",    // 10 too many fields
		",NoPorts",           // 11 missing ports
		"-5,Neg",             // 12 bad port
	}, "\n")
	rules, err := ParseDictionary(strings.NewReader(text), "case.csv")
	if err == nil || rules != nil {
		t.Fatalf("got rules %v, err nil; want an error and no rules", rules)
	}
	want := []string{
		`case.csv:3: bad port "44x"`,
		`case.csv:4: reversed range "3481-3478"`,
		`case.csv:5: port 70000 > 65535 in "70000"`,
		`case.csv:6: missing app`,
		`case.csv:9: unknown protocol "SCTP" (want TCP, UDP, TCP+UDP or empty)`,
		`case.csv:9: unknown confidence "sure" (want high, medium or low)`,
		`case.csv:10: 8 fields, expected at most 6 (quote a note that holds commas)`,
		`case.csv:11: missing ports`,
		`case.csv:12: bad port "-5"`,
	}
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		got = append(got, e.Error())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseDictionaryBadHeader(t *testing.T) {
	_, err := ParseDictionary(strings.NewReader("port,aplication,note\n443,X,y\n"), "h.csv")
	if err == nil {
		t.Fatal("want an error for the misspelt column")
	}
	for _, w := range []string{`h.csv:1: unknown column "aplication"`, `h.csv:1: header has no "app" column`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestWithPrecedence(t *testing.T) {
	base := DefaultDictionary()
	baseCSV := base.MarshalCSV()
	d := base.With(mustParse(t, analystCSV, "case.csv"))
	if got := d.App(443); got != "Corp VPN" {
		t.Errorf("App(443) = %q, want the analyst's Corp VPN despite low confidence", got)
	}
	if got := appsOf(d.Lookup(443)); !reflect.DeepEqual(got, []string{"Corp VPN", "Web (HTTPS)", "Skype", "WhatsApp"}) {
		t.Errorf("Lookup(443) = %q", got)
	}
	if got := d.App(5222); got != "Game X" { // a wide analyst range beats narrow defaults
		t.Errorf("App(5222) = %q, want Game X", got)
	}
	if got := d.Lookup(5222); got[0].Origin != "case.csv" || got[1].App != "WhatsApp" {
		t.Errorf("Lookup(5222) = %+v", got)
	}
	if !bytes.Equal(base.MarshalCSV(), baseCSV) || base.App(443) != "Web (HTTPS)" {
		t.Error("With modified the receiver")
	}
	d2 := d.With([]PortRule{{Lo: 443, Hi: 443, App: "Later", Confidence: "low"}})
	if got := appsOf(d2.Lookup(443)); !reflect.DeepEqual(got, []string{"Later", "Corp VPN", "Web (HTTPS)", "Skype", "WhatsApp"}) {
		t.Errorf("second With: Lookup(443) = %q", got)
	}
	if got := d2.Lookup(443)[0].Origin; got != "analyst" {
		t.Errorf("empty origin became %q, want analyst", got)
	}
	if d.Fingerprint() == base.Fingerprint() || d2.Fingerprint() == d.Fingerprint() {
		t.Error("fingerprints do not change with the rules")
	}
}

func TestMarshalCSVRoundTrip(t *testing.T) {
	base := DefaultDictionary()
	layered := base.With(mustParse(t, analystCSV, "case.csv")).
		With([]PortRule{{Lo: 443, Hi: 443, App: "Later", Confidence: "low", Note: `quoted "note", with comma`}})
	for name, d := range map[string]*Dictionary{"default": base, "layered": layered} {
		t.Run(name, func(t *testing.T) {
			text := d.MarshalCSV()
			back := NewDictionary(mustParse(t, string(text), "stored.csv"))
			if !reflect.DeepEqual(back.Rules(), d.Rules()) {
				t.Errorf("rules differ after round trip:\n%+v\n%+v", back.Rules(), d.Rules())
			}
			if !bytes.Equal(back.MarshalCSV(), text) || back.Fingerprint() != d.Fingerprint() {
				t.Error("MarshalCSV or Fingerprint differ after round trip")
			}
			for p := 0; p <= maxPort; p++ {
				if back.App(p) != d.App(p) || !reflect.DeepEqual(back.Lookup(p), d.Lookup(p)) {
					t.Fatalf("port %d: %q %v vs %q %v", p, back.App(p), back.Lookup(p), d.App(p), d.Lookup(p))
				}
			}
		})
	}
	if fp := base.Fingerprint(); len(fp) != 64 || fp != DefaultDictionary().Fingerprint() {
		t.Errorf("Fingerprint %q is not a stable SHA-256 hex", fp)
	}
	// Rules that share everything but their ports share a line.
	if !bytes.Contains(base.MarshalCSV(), []byte("\n993;143,Email (IMAP),")) {
		t.Errorf("MarshalCSV does not group ports:\n%s", base.MarshalCSV())
	}
}

func TestParseDictionaryReportsReadErrors(t *testing.T) {
	_, err := ParseDictionary(errReader{}, "broken.csv")
	if err == nil || !strings.HasPrefix(err.Error(), "broken.csv: ") || !errors.Is(err, errBroken) {
		t.Errorf("err = %v, want it to wrap the read error with the name", err)
	}
}

var errBroken = errors.New("disk on fire")

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errBroken }

// A layer that repeats rules it lies over (a file started from "ports
// --csv") keeps each rule once, in the new layer, and gives every port the
// application it had.
func TestWithRepeatedRulesKeptOnce(t *testing.T) {
	d := DefaultDictionary()
	back := d.Rules()
	for i := range back {
		back[i].Origin = "back.csv"
	}
	again := d.With(back)
	if got, want := len(again.Rules()), len(back); got != want {
		t.Fatalf("%d rules after reading the defaults back, want %d", got, want)
	}
	for _, r := range again.Rules() {
		if r.Origin != "back.csv" {
			t.Fatalf("rule %+v kept at its old layer", r)
		}
	}
	for port := 0; port <= 65535; port++ {
		if a, b := d.App(port), again.App(port); a != b {
			t.Fatalf("port %d: %q before, %q read back", port, a, b)
		}
	}
	// an edited rule is a new rule: the one it replaces stays below it
	edited := []PortRule{{Lo: 443, Hi: 443, Protocol: "TCP", App: "Skype", Vendor: "Microsoft Inc", Confidence: "high", Note: "mine"}}
	if got, want := len(d.With(edited).Rules()), len(back)+1; got != want {
		t.Fatalf("%d rules with an edited one, want %d", got, want)
	}
}
