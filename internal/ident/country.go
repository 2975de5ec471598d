package ident

import "strings"

// CallingCode is the E.164 country code of a number's key ("44" for
// 447700900123), by ITU's rule (zones 1 and 7 one digit, the listed
// two-digit codes, every other code three digits); "" when key is no
// international number.
func CallingCode(key string) string {
	if !allDigits(key) {
		return ""
	}
	cc, _, ok := countryCode(key)
	if !ok {
		return ""
	}
	return cc
}

// CountryName names the country (or zone) of an E.164 country code for
// display, "" when cdrtui does not know it (the code is then shown alone).
func CountryName(cc string) string { return ccNames[cc] }

// MCCCountry names the country of a mobile country code (the first three
// digits of an IMSI or of a cell's CGI), "" when cdrtui does not know it.
func MCCCountry(mcc string) string { return mccNames[mcc] }

// HomeMCCs returns the mobile country codes of the country of a plan (its
// ISO code), so that a record on a cell with any other MCC is on a foreign
// network; nil when cdrtui does not know them.
func HomeMCCs(iso string) []string { return isoMCCs[strings.ToUpper(iso)] }

var ccNames = map[string]string{
	"1": "NANP (US, Canada, Caribbean)", "7": "Russia/Kazakhstan", "20": "Egypt", "27": "South Africa", "30": "Greece",
	"31": "Netherlands", "32": "Belgium", "33": "France", "34": "Spain", "36": "Hungary", "39": "Italy", "40": "Romania",
	"41": "Switzerland", "43": "Austria", "44": "United Kingdom", "45": "Denmark", "46": "Sweden", "47": "Norway",
	"48": "Poland", "49": "Germany", "52": "Mexico", "55": "Brazil", "60": "Malaysia", "61": "Australia",
	"62": "Indonesia", "63": "Philippines", "64": "New Zealand", "65": "Singapore", "66": "Thailand", "81": "Japan",
	"82": "South Korea", "84": "Vietnam", "86": "China", "90": "Turkey", "91": "India", "92": "Pakistan",
	"93": "Afghanistan", "94": "Sri Lanka", "95": "Myanmar", "98": "Iran", "212": "Morocco", "234": "Nigeria",
	"254": "Kenya", "351": "Portugal", "353": "Ireland", "358": "Finland", "380": "Ukraine", "852": "Hong Kong",
	"880": "Bangladesh", "960": "Maldives", "961": "Lebanon", "962": "Jordan", "964": "Iraq", "965": "Kuwait",
	"966": "Saudi Arabia", "968": "Oman", "971": "United Arab Emirates", "972": "Israel", "973": "Bahrain",
	"974": "Qatar", "975": "Bhutan", "977": "Nepal", "51": "Peru", "54": "Argentina", "56": "Chile", "57": "Colombia",
	"378": "San Marino", "420": "Czechia", "421": "Slovakia", "593": "Ecuador", "598": "Uruguay", "58": "Venezuela",
}

var mccNames = map[string]string{
	"404": "India", "405": "India", "406": "India", "452": "Vietnam", "310": "United States", "311": "United States",
	"312": "United States", "313": "United States", "314": "United States", "315": "United States",
	"316": "United States", "302": "Canada", "234": "United Kingdom", "235": "United Kingdom", "262": "Germany",
	"208": "France", "250": "Russia", "424": "United Arab Emirates", "430": "United Arab Emirates",
	"431": "United Arab Emirates", "410": "Pakistan", "470": "Bangladesh", "413": "Sri Lanka", "429": "Nepal",
	"525": "Singapore", "502": "Malaysia", "520": "Thailand", "460": "China", "440": "Japan", "450": "South Korea",
	"420": "Saudi Arabia", "419": "Kuwait", "422": "Oman", "427": "Qatar", "426": "Bahrain", "286": "Turkey",
	"222": "Italy", "214": "Spain", "204": "Netherlands", "228": "Switzerland", "505": "Australia",
	"206": "Belgium", "232": "Austria", "260": "Poland", "268": "Portugal", "240": "Sweden", "242": "Norway",
	"238": "Denmark", "244": "Finland", "272": "Ireland", "292": "San Marino", "724": "Brazil", "334": "Mexico",
	"732": "Colombia", "722": "Argentina", "730": "Chile", "716": "Peru", "230": "Czechia", "231": "Slovakia",
	"202": "Greece", "226": "Romania", "216": "Hungary", "740": "Ecuador", "748": "Uruguay", "734": "Venezuela",
}

var isoMCCs = map[string][]string{
	"IN": {"404", "405", "406"}, "US": {"310", "311", "312", "313", "314", "315", "316"}, "CA": {"302"},
	"GB": {"234", "235"}, "DE": {"262"}, "FR": {"208"}, "RU": {"250"},
	// ITU-T E.212 mobile country codes of the plans named with --country
	// (the Vatican has no network of its own: none)
	"ES": {"214"}, "IT": {"222"}, "SM": {"292"}, "NL": {"204"}, "BE": {"206"}, "AT": {"232"}, "CH": {"228"},
	"PL": {"260"}, "PT": {"268"}, "SE": {"240"}, "NO": {"242"}, "DK": {"238"}, "FI": {"244"}, "IE": {"272"},
	"AU": {"505"}, "BR": {"724"}, "MX": {"334"}, "CO": {"732"}, "AR": {"722"}, "CL": {"730"}, "PE": {"716"},
	"CZ": {"230"}, "SK": {"231"}, "GR": {"202"}, "RO": {"226"}, "HU": {"216"}, "EC": {"740"}, "UY": {"748"},
	"VE": {"734"}, "BD": {"470"}, "PK": {"410"}, "VN": {"452"},
}
