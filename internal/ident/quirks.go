package ident

import (
	"regexp"
	"strings"
)

// National quirks a plans.csv row cannot say. Values are libphonenumber's
// (resources/PhoneNumberMetadata.xml, github.com/google/libphonenumber)
// unless said otherwise.

// keyOf is the key of rest, the digits of a number of q's country after
// its country code (afterCC) or written nationally with any prefix
// removed; ok is false when rest is no number of q. whole, when not "",
// is the country code and rest as one string, returned as the key when
// rest is the national significant number itself (no copy).
//
//   - Argentina (54): a mobile dialled from abroad carries a 9 after the
//     country code (+54 9 11 2345-6789); within the country the same
//     mobile is 011 15 2345-6789, and network records write its MSISDN
//     54 11 2345 6789. The 9 and the 15 are dialling signals, not digits
//     of the number: a ten-digit national number belongs to one line,
//     fixed or mobile (from another mobile, a mobile is reached by its ten
//     digits alone, with no 15: the digits cannot be a landline's too),
//     and no national number starts with 9. The key is 54 and the ten digits,
//     without the 9, so that the three forms are one subscriber. This
//     departs from libphonenumber, whose E.164 form of a mobile keeps the
//     9 (549...) and which cannot tell from the digits alone whether
//     54 11 2345 6789 is a mobile (its FAQ, "mx_and_ar").
//   - Mexico (52): until August 2019 a mobile dialled from abroad carried
//     a 1 after the country code (+52 1 55 1234 5678); since then it is
//     +52 55 1234 5678, the same subscriber. The key is 52 and the ten
//     digits: the subscriber's number today, and the only form that
//     merges records from before and after the change (libphonenumber's
//     canonical form dropped the 1 too, and its FAQ says so).
//   - Brazil (55): mobiles gained a ninth digit, a 9 before the eight
//     (ANATEL, 2012 to 2016, every area): an eight-digit mobile written
//     before (11 8765-4321; mobiles began 6, 8 or 9, landlines 2 to 5) is
//     keyed as the subscriber's number today, 55 11 98765-4321. Eight
//     digits starting 7 are refused: a mobile of before (today 97...) or
//     a trunked-radio (SME) number, which kept its eight digits
//     (libphonenumber's 10-digit mobile pattern, 7\d{7}).
//   - Italy (39): a landline keeps its leading 0 (06 for Rome) under +39:
//     there is no trunk prefix to drop. 0549 is San Marino's: 0549 xxxxxx
//     dialled from Italy, +39 0549 xxxxxx and +378 0549 xxxxxx are one
//     San Marino line, keyed 378 0549 xxxxxx (San Marino put 0549 into
//     its numbers in 1998); 0549 with a length other than six more digits
//     is refused.
//   - San Marino (378): a landline's six digits alone (+378 912345, or
//     912345 within San Marino) are 0549 and the six (libphonenumber's
//     nationalPrefixTransformRule 0549$1).
func (q *Plan) keyOf(rest string, afterCC bool, whole string) (string, bool) {
	switch q.CC {
	case "54":
		if afterCC && len(rest) == 11 && rest[0] == '9' && strings.IndexByte("123", rest[1]) >= 0 && q.nsnOK(rest[1:]) {
			return q.CC + rest[1:], true
		}
	case "52":
		if afterCC && len(rest) == 11 && rest[0] == '1' && q.nsnOK(rest[1:]) {
			return q.CC + rest[1:], true
		}
	case "55":
		if len(rest) == 10 && strings.IndexByte("689", rest[2]) >= 0 {
			if n := rest[:2] + "9" + rest[2:]; q.nsnOK(n) {
				return q.CC + n, true
			}
			return "", false
		}
	case "39":
		if strings.HasPrefix(rest, "0549") {
			if sm := plansByCC["378"]; sm != nil && sm.nsnOK(rest) {
				return sm.CC + rest, true
			}
			return "", false
		}
	case "378":
		if len(rest) == 6 && (rest[0] == '8' || rest[0] == '9') {
			return q.CC + "0549" + rest, true
		}
	}
	if !q.nsnOK(rest) {
		return "", false
	}
	if whole != "" {
		return whole, true
	}
	return q.CC + rest, true
}

// nationalQuirk reads the national forms of p's country that a trunk
// prefix alone does not describe; ok is false for any other form.
//
//   - Argentina: 0, the area code, 15, the subscriber number (011 15
//     2345-6789, 0351 15 123-4567): the mobile's key is 54, the area code
//     and the subscriber number. Where 15 falls depends on the area code
//     (two to four digits), read by libphonenumber's list of area codes
//     (arAreaCode, from its nationalPrefixForParsing for AR); a number
//     that splits two ways is refused. 15 and a subscriber number with no
//     area code (a local mobile) cannot be keyed and is refused.
//   - Mexico: until August 2019 national calls were dialled 01 (02
//     through an operator) and the ten digits, mobiles 044 (local) or 045
//     (long distance) and the ten digits; since then the ten digits
//     alone. The old forms key as the ten digits (libphonenumber read
//     them so until 2024, its FAQ says).
//   - Brazil: a national long-distance call is dialled 0, a two-digit
//     carrier code, the area code and the number (0 21 11 98765-4321 via
//     Embratel); the carrier is not part of the number. Only the carrier
//     codes libphonenumber lists are read (brCarriers); collect calls
//     (90, 9090) are refused.
//   - Colombia: 0 and a carrier code (3, 5, 7, 9, 414, 444, 456) before
//     the ten digits (03 300 572 2406), libphonenumber's
//     nationalPrefixForParsing 0([3579]|4(?:[14]4|56))?.
func (p *Plan) nationalQuirk(d string) (string, bool) {
	switch p.Country {
	case "AR":
		if len(d) != 13 || d[0] != '0' {
			return "", false
		}
		key := ""
		for l := 2; l <= 4; l++ {
			area, rest := d[1:1+l], d[1+l:]
			if !arAreaCode.MatchString(area) || !strings.HasPrefix(rest, "15") {
				continue
			}
			k, ok := p.keyOf(area+rest[2:], false, "")
			if !ok || (key != "" && k != key) {
				return "", false
			}
			key = k
		}
		return key, key != ""
	case "MX":
		for _, x := range []string{"01", "02", "044", "045"} {
			if strings.HasPrefix(d, x) && len(d) == len(x)+10 {
				return p.keyOf(d[len(x):], false, "")
			}
		}
	case "BR":
		if (len(d) == 13 || len(d) == 14) && d[0] == '0' && brCarriers[d[1:3]] {
			return p.keyOf(d[3:], false, "")
		}
	case "CO":
		for _, c := range []string{"3", "5", "7", "9", "414", "444", "456"} {
			if len(d) == 1+len(c)+10 && strings.HasPrefix(d[1:], c) && d[0] == '0' {
				return p.keyOf(d[1+len(c):], false, "")
			}
		}
	}
	return "", false
}

// brCarriers are the carrier codes libphonenumber reads in Brazil's
// national long-distance and international prefixes
// (00(?:1[245]|2[1-35]|31|4[13]|[56]5|99)).
var brCarriers = map[string]bool{"12": true, "14": true, "15": true, "21": true, "22": true, "23": true,
	"25": true, "31": true, "41": true, "43": true, "55": true, "65": true, "99": true}

// arAreaCode is an Argentine area code before which a mobile is dialled
// with 15: the capture group of libphonenumber's nationalPrefixForParsing
// for AR (0?(?:(...)15)?).
var arAreaCode = regexp.MustCompile(`^(?:11|2(?:2(?:02?|[13]|2[13-79]|4[1-6]|5[2457]|6[124-8]|7[1-4]|8[13-6]|9[1267])|3(?:02?|1[467]|2[03-6]|3[13-8]|[49][2-6]|5[2-8]|[67])|4(?:7[3-578]|9)|6(?:[0136]|2[24-6]|4[6-8]?|5[15-8])|80|9(?:0[1-3]|[19]|2\d|3[1-6]|4[02568]?|5[2-4]|6[2-46]|72?|8[23]?))|3(?:3(?:2[79]|6|8[2578])|4(?:0[0-24-9]|[12]|3[5-8]?|4[24-7]|5[4-68]?|6[02-9]|7[126]|8[2379]?|9[1-36-8])|5(?:1|2[1245]|3[237]?|4[1-46-9]|6[2-4]|7[1-6]|8[2-5]?)|6[24]|7(?:[069]|1[1568]|2[15]|3[145]|4[13]|5[14-8]|7[2-57]|8[126])|8(?:[01]|2[15-7]|3[2578]?|4[13-6]|5[4-8]?|6[1-357-9]|7[36-8]?|8[5-8]?|9[124])))$`)
