package evidence

// countryHeaders are header cells (folded as normalizeHeader does) that
// only one country's operators write in their law-enforcement returns.
var countryHeaders = map[string]struct{ iso, who string }{
	"mobiledirectorynumber": {"US", "Verizon"},
	"seizuredttm":           {"US", "Verizon"},
	"conndate":              {"US", "AT&T"},
	"conntimeutc":           {"US", "AT&T"},
	"1sttowerlat":           {"US", "T-Mobile"},
	"1sttoweraddress":       {"US", "T-Mobile"},
	"repoll":                {"US", "Sprint"},
	"repollnumber":          {"US", "Sprint"},
	"lrntsplsa":             {"IN", "Airtel"},
	"firstcgilatlong":       {"IN", "Airtel"},
	"lrnbpartynumber":       {"IN", "Vi"},
	"lrnofbpartynumber":     {"IN", "BSNL"},
	"lrncalledno":           {"IN", "Jio"},
	"lrntsp":                {"IN", "the 23-field Indian CDR"}, // TSP and LSA are India's licensing words
	"roamingcirclename":     {"IN", "Jio"},
	"landlinemsisdnmdnleasedcircuitidforinternetaccess": {"IN", "DoT's uniform IPDR"},
	// Zong's tower dump spells these two so; no other operator's layout
	// that any public source shows does
	"cldimie":     {"PK", "Zong"},
	"clroeprator": {"PK", "Zong"},
}

// Country names the country whose operators' layout the header is (ISO
// code, "" when the header does not tell) and why: the header cell that
// only that country's returns carry.
func (l *Layout) Country() (iso, why string) {
	for _, h := range l.Header {
		if c, ok := countryHeaders[normalizeHeader(h)]; ok {
			return c.iso, "its layout is " + c.who + "'s (" + c.iso + "), by its column " + quoteCell(h)
		}
	}
	return "", ""
}

func quoteCell(h string) string { return "\"" + h + "\"" }
