package ident

import (
	"strings"
	"testing"
)

// Keys of the European, Latin American and Australian plans, computed by
// hand from each country's published plan (libphonenumber's
// PhoneNumberMetadata.xml, the regulators' dialling rules): the country
// code and the national significant number, written in the forms the
// country's operators and analysts use.
func TestNumberKeyNewPlansByHand(t *testing.T) {
	cases := []struct {
		plan, written, key string
	}{
		// Spain: no trunk prefix, nine digits
		{"ES", "612 34 56 78", "34612345678"},
		{"ES", "91 123 45 67", "34911234567"},
		{"ES", "+34 612 345 678", "34612345678"},
		{"ES", "0034 612345678", "34612345678"},
		// Italy: a landline's 0 stays in the number, under +39 too
		{"IT", "06 1234 5678", "390612345678"},
		{"IT", "+39 06 1234 5678", "390612345678"},
		{"IT", "02 1234567", "39021234567"},
		{"IT", "347 123 4567", "393471234567"},
		{"IT", "0039 347 1234567", "393471234567"},
		// San Marino's 0549, dialled from Italy or with either code
		{"IT", "0549 912345", "3780549912345"},
		{"IT", "+39 0549 912345", "3780549912345"},
		{"SM", "0549 912345", "3780549912345"},
		{"SM", "912345", "3780549912345"},
		{"IN", "+378 912345", "3780549912345"},
		{"IN", "+378 0549 912345", "3780549912345"},
		{"SM", "66 123456", "37866123456"},
		// the Vatican is numbered in Italy's plan (06 698...)
		{"VA", "06 698 12345", "390669812345"},
		{"NL", "06 1234 5678", "31612345678"},
		{"NL", "020 123 4567", "31201234567"},
		{"NL", "+31 (0)20 123 4567", "31201234567"},
		{"BE", "0470 12 34 56", "32470123456"},
		{"BE", "02 123 45 67", "3221234567"},
		// Austria: variable length
		{"AT", "0664 1234567", "436641234567"},
		{"AT", "01 2345678", "4312345678"},
		{"AT", "+43 1 2345678", "4312345678"},
		{"AT", "0316 8730", "433168730"},
		{"CH", "079 123 45 67", "41791234567"},
		{"CH", "044 668 18 00", "41446681800"},
		// Poland: no trunk prefix since 2005
		{"PL", "512 345 678", "48512345678"},
		{"PL", "22 123 45 67", "48221234567"},
		{"PT", "912 345 678", "351912345678"},
		{"PT", "21 234 5678", "351212345678"},
		{"SE", "070-123 45 67", "46701234567"},
		{"SE", "08-123 456 78", "46812345678"},
		{"NO", "412 34 567", "4741234567"},
		{"NO", "22 12 34 56", "4722123456"},
		{"DK", "20 12 34 56", "4520123456"},
		{"DK", "+45 20 12 34 56", "4520123456"},
		{"FI", "040 123 4567", "358401234567"},
		{"FI", "09 1234 5678", "358912345678"},
		{"FI", "990 44 7700 900123", "447700900123"},
		{"FI", "99511 44 7700 900123", "447700900123"},
		{"IE", "087 123 4567", "353871234567"},
		{"IE", "01 234 5678", "35312345678"},
		{"AU", "0412 345 678", "61412345678"},
		{"AU", "02 9876 5432", "61298765432"},
		{"AU", "+61 (0)2 9876 5432", "61298765432"},
		{"AU", "0011 44 7700 900123", "447700900123"},
		// Brazil: carrier codes, the ninth digit
		{"BR", "(11) 98765-4321", "5511987654321"},
		{"BR", "011 98765-4321", "5511987654321"},
		{"BR", "0 21 11 98765-4321", "5511987654321"},
		{"BR", "0 15 21 2345-6789", "552123456789"},
		{"BR", "+55 11 98765 4321", "5511987654321"},
		{"BR", "(11) 8765-4321", "5511987654321"},
		{"BR", "+55 21 9876 5432", "5521998765432"},
		{"BR", "0021 1 212 555 0123", "12125550123"},
		{"BR", "0014 44 20 7946 0958", "442079460958"},
		{"BR", "0055 11 98765 4321", "5511987654321"},
		{"IN", "+55 11 8765 4321", "5511987654321"},
		// Mexico: the former 1 after +52, 01, 044 and 045
		{"MX", "55 1234 5678", "525512345678"},
		{"MX", "+52 1 55 1234 5678", "525512345678"},
		{"MX", "+52 55 1234 5678", "525512345678"},
		{"MX", "044 55 1234 5678", "525512345678"},
		{"MX", "045 33 1234 5678", "523312345678"},
		{"MX", "01 81 1234 5678", "528112345678"},
		{"MX", "52 1 55 1234 5678", "525512345678"},
		{"IN", "0052 1 55 1234 5678", "525512345678"},
		// Colombia: ten digits, carrier codes
		{"CO", "300 572 2406", "573005722406"},
		{"CO", "601 234 5678", "576012345678"},
		{"CO", "03 300 572 2406", "573005722406"},
		{"CO", "0444 300 572 2406", "573005722406"},
		{"CO", "+57 300 572 2406", "573005722406"},
		{"CO", "009 44 7700 900123", "447700900123"}, // 00 and 94 47...: Sri Lanka, no plan to say it is a number

		{"CO", "00444 44 7700 900123", "447700900123"},
		// Argentina: 15 nationally, 9 from abroad, neither in the key
		{"AR", "011 15 2345-6789", "541123456789"},
		{"AR", "0351 15 123-4567", "543511234567"},
		{"AR", "02966 15 123456", "542966123456"},
		{"AR", "011 2345-6789", "541123456789"},
		{"AR", "+54 9 11 2345-6789", "541123456789"},
		{"AR", "+54 11 2345 6789", "541123456789"},
		{"AR", "54 9 11 2345 6789", "541123456789"},
		{"AR", "0054 9 351 123 4567", "543511234567"},
		{"IN", "+54 9 2966 123456", "542966123456"},
		// Chile: nine digits, no prefix; carrier-select international
		{"CL", "2 2345 6789", "56223456789"},
		{"CL", "9 8765 4321", "56987654321"},
		{"CL", "+56 9 8765 4321", "56987654321"},
		{"CL", "1230 44 7700 900123", "447700900123"},
		// Peru: mobiles without the trunk 0, landlines with it
		{"PE", "987 654 321", "51987654321"},
		{"PE", "01 234 5678", "5112345678"},
		{"PE", "044 123456", "5144123456"},
		{"PE", "+51 1 234 5678", "5112345678"},
		{"PE", "1911 00 44 7700 900123", "447700900123"},
		{"CZ", "601 123 456", "420601123456"},
		{"CZ", "221 234 567", "420221234567"},
		{"SK", "0905 123 456", "421905123456"},
		{"SK", "02 1234 5678", "421212345678"},
		{"GR", "694 123 4567", "306941234567"},
		{"GR", "210 123 4567", "302101234567"},
		{"RO", "0721 234 567", "40721234567"},
		{"RO", "021 123 4567", "40211234567"},
		// Hungary's trunk prefix is 06
		{"HU", "06 30 123 4567", "36301234567"},
		{"HU", "06 1 234 5678", "3612345678"},
		{"HU", "+36 (06) 30 123 4567", "36301234567"},
		{"EC", "099 123 4567", "593991234567"},
		{"EC", "02 234 5678", "59322345678"},
		{"UY", "099 123 456", "59899123456"},
		{"UY", "2901 2345", "59829012345"},
		{"VE", "0412 123 4567", "584121234567"},
		{"VE", "0212 123 4567", "582121234567"},
		// Bangladesh: mobiles 01X + 8 digits, also without the 0 (a
		// spreadsheet's number); Dhaka's 02 and eight digits
		{"BD", "01711-000001", "8801711000001"},
		{"BD", "1711000001", "8801711000001"},
		{"BD", "+880 1711 000001", "8801711000001"},
		{"BD", "008801911234567", "8801911234567"},
		{"BD", "02 7111 2345", "880271112345"},
		// Pakistan: mobiles 03XX + 7 digits, also without the 0; Karachi's
		// 021 and eight digits; a UAN (021 111 …)
		{"PK", "0300 1234567", "923001234567"},
		{"PK", "3001234567", "923001234567"},
		{"PK", "+92 300 1234567", "923001234567"},
		{"PK", "021 3456 7890", "922134567890"},
		{"PK", "051 2345678", "92512345678"},
		{"PK", "021 111 123 456", "9221111123456"},
	}
	for _, c := range cases {
		got, ok := mustPlan(t, c.plan).NumberKey(c.written)
		if !ok || got != c.key {
			t.Errorf("%s %q: key %q, %v; want %q", c.plan, c.written, got, ok, c.key)
		}
	}
}

// Forms of the new plans that must get no key: malformed, or readable
// two ways.
func TestNumberKeyNewPlansRefused(t *testing.T) {
	cases := []struct{ plan, written, why string }{
		{"ES", "0612345678", "Spain has no trunk prefix"},
		{"ES", "312345678", "no Spanish number starts with 3"},
		{"IT", "+39 6 1234 5678", "Rome's 0 dropped after +39"},
		{"IT", "0549 91234", "San Marino's 0549 with five digits"},
		{"NL", "6 1234 5678", "no trunk 0, and 61 2345678 is too short for Australia"},
		{"BE", "02 123 45 6", "seven digits"},
		{"AT", "01 23456", "six digits: shorter than the lengths read (7 to 13)"},
		{"CH", "79 123 45 67", "no trunk 0"},
		{"PL", "0 22 123 45 67", "Poland has no trunk prefix"},
		{"PT", "412345678", "no Portuguese number starts with 4"},
		{"SE", "70 123 45 67", "no trunk 0"},
		{"NO", "0412 34 567", "Norway has no trunk prefix"},
		{"DK", "0 20 12 34 56", "Denmark has no trunk prefix"},
		{"FI", "40 123 4567", "no trunk 0"},
		{"IE", "031 234 567", "no Irish number starts with 3"},
		{"AU", "9876 5432", "a local number, no area code"},
		{"BR", "0043 1 212 555 0123", "+1 212 555 0123 through carrier 43, or Vienna's +43 1 2125550123 with 00"},
		{"BR", "0 17 11 98765 4321", "17 is no carrier code"},
		{"BR", "0055 21 2345 6789", "+212 123456789 (Morocco) through carrier 55, or Rio's +55 21 2345-6789 with 00"},
		{"BR", "9090 11 98765 4321", "a collect call"},
		{"BR", "(11) 1234-5678", "no subscriber number starts with 1"},
		{"BR", "(11) 7123-4567", "a mobile before the ninth digit, or a trunked-radio number"},
		{"BR", "+55 11 7123 4567", "the same, written with +55"},
		{"MX", "1234 5678", "a local number, no area code"},
		{"MX", "+52 1 55 1234 567", "nine digits after the 1"},
		{"CO", "009 1 212 555 0123", "+1 212 555 0123 through carrier 9, or India's +91 2125550123 with 00"},
		{"CO", "0091 9714499703", "+1 971 449 9703 through carrier 9, or India's +91 with 00"},
		{"CO", "0057 300 572 2406", "+7 300 572 2406 through carrier 5, or Colombia's +57 with 00"},
		{"CO", "+57 1 234 5678", "Bogota's eight digits before 2021"},
		{"AR", "15 2345-6789", "a local mobile: no area code"},
		{"AR", "+54 9 11 15 2345 6789", "the 9 and the 15 both"},
		{"AR", "011 15 2345 678", "a digit short"},
		{"AR", "1123456789", "a national number without its 0"},
		{"CL", "09 8765 4321", "a mobile written as before 2016"},
		{"PE", "1 234 5678", "Lima's landline without its 0"},
		{"PE", "234 5678", "a local number"},
		{"CZ", "0601 123 456", "Czechia has no trunk prefix"},
		{"SK", "905 123 456", "no trunk 0"},
		{"GR", "0694 123 4567", "Greece has no trunk prefix"},
		{"RO", "721 234 567", "no trunk 0"},
		{"HU", "0 30 123 4567", "Hungary's trunk prefix is 06, not 0"},
		{"EC", "99 123 4567", "no trunk 0"},
		{"UY", "99 123 456", "a mobile without its 0"},
		{"UY", "0130 44 7700 900123", "a carrier-select prefix not read"},
		{"VE", "412 123 4567", "no trunk 0"},
		{"BD", "0171100000", "a mobile a digit short"},
		{"BD", "711000001", "a number without its 0 that is no mobile"},
		{"PK", "0300 123456", "a mobile a digit short"},
		{"PK", "2134567890", "Karachi without its 0: only mobiles are read so"},
	}
	for _, c := range cases {
		if got, ok := mustPlan(t, c.plan).NumberKey(c.written); ok {
			t.Errorf("%s %q (%s): key %q, want none", c.plan, c.written, c.why, got)
		}
	}
}

// A country code and a national number written without '+' are read so
// only from nine digits on: a shorter value is a local number more often
// (an Indian landline without its STD code, 4930123, is no German number).
func TestBareCountryCodeNeedsNineDigits(t *testing.T) {
	in := mustPlan(t, "IN")
	for _, w := range []string{"4930123", "49301234", "39061234"} {
		if k, ok := in.NumberKey(w); ok {
			t.Errorf("IN %q: key %q, want none", w, k)
		}
	}
	for w, want := range map[string]string{"493012345": "493012345", "+49 30 1234": "49301234", "0049301234": "49301234"} {
		if k, ok := in.NumberKey(w); !ok || k != want {
			t.Errorf("IN %q: key %q %v, want %q", w, k, ok, want)
		}
	}
}

// The new plans are named with --country; a file's numbers alone never
// choose one: an Indian file's eight-digit local landlines are Danish or
// Norwegian numbers too, and must not turn the file Danish.
func TestInferPlanIgnoresCountryOnlyPlans(t *testing.T) {
	country, needed, err := InferPlan([]string{"919714499703", "919812345678"}, []string{"23456789", "26123456"})
	if err != nil || country != "IN" || needed {
		t.Errorf("Indian file with local landlines: %q %v %v; want IN, not needed", country, needed, err)
	}
	country, _, err = InferPlan([]string{"612345678"}, []string{"911234567"})
	if err != nil || country != "" {
		t.Errorf("nine-digit Spanish numbers alone: %q %v; want no plan (--country ES reads them)", country, err)
	}
	// subscribers all written with +45: no plan chosen, the others'
	// eight-digit numbers are not read as Danish
	country, needed, err = InferPlan([]string{"+45 20 12 34 56", "+45 20 12 34 57"}, []string{"23456789"})
	if err != nil || country != "" || needed {
		t.Errorf("Danish subscribers: %q %v %v; want no plan", country, needed, err)
	}
	if p, ok := PlanFor("co"); !ok || p.Infer || p.CC != "57" {
		t.Errorf("PlanFor(co) = %+v %v", p, ok)
	}
	for _, iso := range strings.Fields("ES IT NL BE AT CH PL PT SE NO DK FI IE BR MX CO AR CL PE AU SM VA CZ SK GR RO HU EC UY VE") {
		if _, ok := PlanFor(iso); !ok {
			t.Errorf("no plan %s", iso)
		}
	}
}

// Why names what makes a refused form ambiguous or incomplete, so that
// the import can say it; "" for a number that is keyed or is simply none.
func TestWhyRefused(t *testing.T) {
	cases := []struct{ plan, written, want string }{
		{"CO", "0091 9714499703", "reads two ways under CO: +19714499703 after the international prefix 009 or +919714499703 after 00"},
		{"BR", "0043 1 212 555 0123", "reads two ways under BR: +12125550123 after the international prefix 0043 or +4312125550123 after 00"},
		{"AR", "15 2345-6789", "without its area code"},
		{"AR", "+54 9 11 15 2345 6789", "both the 9 (from abroad) and the 15"},
		{"BR", "9090 11 98765 4321", "collect call"},
		{"IT", "0549 91234", "six digits must follow it"},
		{"CO", "+57 1 234 5678", "numbered before September 2021"},
		{"BR", "(11) 7123-4567", "a mobile numbered before the ninth digit"},
		{"CO", "300 572 2406", ""},
		{"IN", "121", ""},
		{"IN", "VM-HDFCBK", ""},
	}
	for _, c := range cases {
		d, plus, _ := SplitNumber(c.written)
		got := mustPlan(t, c.plan).Why(d, plus)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%s %q: Why %q, want %q", c.plan, c.written, got, c.want)
		}
	}
}

// The new plans' countries have names and home networks (ITU-T E.212),
// so that 'cdrtui international' names them and tells roaming.
func TestNewPlansCountriesAndHomeMCCs(t *testing.T) {
	for cc, want := range map[string]string{"57": "Colombia", "54": "Argentina", "56": "Chile", "51": "Peru", "378": "San Marino", "55": "Brazil"} {
		if got := CountryName(cc); got != want {
			t.Errorf("CountryName(%s) = %q, want %q", cc, got, want)
		}
	}
	for iso, want := range map[string]string{"co": "732", "BR": "724", "MX": "334", "AR": "722", "ES": "214", "IT": "222", "SM": "292"} {
		if got := HomeMCCs(iso); len(got) != 1 || got[0] != want {
			t.Errorf("HomeMCCs(%s) = %v, want [%s]", iso, got, want)
		}
	}
	if got := HomeMCCs("bd"); len(got) != 1 || got[0] != "470" || HomeMCCs("PK")[0] != "410" || CountryName("880") != "Bangladesh" {
		t.Errorf("Bangladesh and Pakistan: %v %v", got, HomeMCCs("PK"))
	}
	if MCCCountry("732") != "Colombia" || HomeMCCs("VA") != nil {
		t.Error("MCC 732 or VA")
	}
}

// Non-geographic numbers the plans read: Dutch 085 (VoIP) and 088 (UAN),
// Italian 800 (toll-free), from libphonenumber's patterns; Italy's 43 and
// 55 ranges are not read (a bare 43 1234 5678 stays Austrian).
func TestNonGeographicNumbers(t *testing.T) {
	for _, c := range []struct{ plan, written, key string }{
		{"NL", "085 123 4567", "31851234567"},
		{"NL", "088 123 4567", "31881234567"},
		{"IT", "800 123 456", "39800123456"},
		{"IT", "+39 800 123 456", "39800123456"},
		{"IT", "4312345678", "4312345678"},
	} {
		if got, ok := mustPlan(t, c.plan).NumberKey(c.written); !ok || got != c.key {
			t.Errorf("%s %q: key %q, %v; want %q", c.plan, c.written, got, ok, c.key)
		}
	}
}
