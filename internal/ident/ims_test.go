package ident

import "testing"

// The telephone number of a tel: or sip: URI, "" for a SIP address that
// has none; anything else is no URI.
func TestURINumber(t *testing.T) {
	for _, c := range []struct {
		in, want string
		uri      bool
	}{
		{"tel:+4930901820", "+4930901820", true},
		{"TEL:+49-30-901820;phone-context=+49", "+49-30-901820", true},
		{"sip:+4915112340001@ims.mnc001.mcc262.3gppnetwork.org;user=phone", "+4915112340001", true},
		{"sips:015112340001@example.org", "015112340001", true},
		{"sip:alice@example.org", "", true},
		{"sip:@example.org", "", true},
		{"+4930901820", "", false},
		{"VM-HDFCBK", "", false},
		{"http://x", "", false},
	} {
		got, uri := URINumber(c.in)
		if got != c.want || uri != c.uri {
			t.Errorf("URINumber(%q) = %q, %v; want %q, %v", c.in, got, uri, c.want, c.uri)
		}
	}
	// keyed as the number it holds, international by its '+'
	if d, plus, ok := SplitNumber("sip:+4915112340001@ims.mnc001.mcc262.3gppnetwork.org;user=phone"); d != "4915112340001" || !plus || !ok {
		t.Errorf("SplitNumber: %q %v %v", d, plus, ok)
	}
	if _, _, ok := SplitNumber("sip:alice@example.org"); ok {
		t.Error("a SIP address with no number was split into digits")
	}
}

// P-Access-Network-Info cells: E-UTRAN (4-hex TAC, 7-hex ECI), GERAN
// (cgi-3gpp, 4 and 4), NR (6 and 9); the MNC's length from the value's.
func TestAccessNetworkCell(t *testing.T) {
	for _, c := range []struct{ in, key string }{
		{"3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=262014711A2B3C01", "262-01-18193-170605569"},
		{"3GPP-E-UTRAN-TDD;utran-cell-id-3gpp=3114801B2C0012345;network-provided", "311-480-6956-74565"},
		{"3GPP-GERAN; cgi-3gpp=262011C853039", "262-01-7301-12345"},
		{"3GPP-NR-FDD; utran-cell-id-3gpp=26201000C1A00000001F", "262-01-3098-31"},
	} {
		k, ok := CellKey(c.in)
		if !ok || k != c.key {
			t.Errorf("CellKey(%q) = %q, %v; want %q", c.in, k, ok, c.key)
		}
	}
	for _, bad := range []string{"3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=26201471", "3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=2620147ZZA2B3C01"} {
		if k, ok := CellKey(bad); ok {
			t.Errorf("CellKey(%q) = %q, want none", bad, k)
		}
	}
}
