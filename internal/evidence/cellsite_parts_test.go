package evidence

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// Coordinates as cell-site lists write them, each worked by hand:
// 34'21.4" = 34/60 + 21.4/3600 = 0.572611° (to 6 places); 48'21.6" =
// 0.806°; 19.26' = 0.321°; 52'07.2" = 0.868667°.
func TestParseCoord(t *testing.T) {
	for _, c := range []struct {
		in   string
		lat  bool
		want float64
	}{
		{"22.5726", true, 22.5726},
		{"22,5726", true, 22.5726},
		{"-10.806", false, -10.806},
		{`22°34'21.4"N`, true, 22.572611},
		{`22° 34' 21.4" N`, true, 22.572611},
		{"22 34 21.4N", true, 22.572611},
		{"22:34:21.4", true, 22.572611},
		{`10°48'21.6"W`, false, -10.806},
		{"W 10 48 21.6", false, -10.806},
		{"6°19.26'N", true, 6.321},
		{`S 33°52'07.2"`, true, -33.868667},
		{"88.3639E", false, 88.3639},
	} {
		got, reason := parseCoord(c.in, c.lat)
		if reason != "" || math.Abs(got-c.want) > 5e-7 {
			t.Errorf("%q: %v %q, want %v", c.in, got, reason, c.want)
		}
	}
	for _, c := range []struct {
		in     string
		lat    bool
		reason string
	}{
		{"x88", false, "not a number of degrees"},
		{"north", true, "not a number of degrees"},
		{"22-34-21", true, "not a number of degrees"},
		{"88.3639E", true, `"88.3639E" in the latitude column is on the other axis (E): latitude and longitude swapped?`},
		{"22.5726N", false, `"22.5726N" in the longitude column is on the other axis (N): latitude and longitude swapped?`},
		{"22°61'N", true, `"22°61'N" has minutes or seconds of 60 or more`},
		{"22°34.5'12\"N", true, "not a number of degrees"}, // decimal minutes before seconds
		{"-22°34'S", true, `"-22°34'S" has both a minus sign and a hemisphere`},
		{"", true, "empty"},
	} {
		if got, reason := parseCoord(c.in, c.lat); reason != c.reason {
			t.Errorf("%q: %v %q, want refused: %q", c.in, got, reason, c.reason)
		}
	}
}

func TestECIOf(t *testing.T) {
	for _, c := range []struct {
		enb, cell, want int64
		reason          string
	}{
		{1201, 1, 307457, ""},      // 1201×256 + 1
		{1201, 0, 307456, ""},      // cell 0
		{1201, 255, 307711, ""},    // the last local cell id
		{1201, 307459, 307459, ""}, // already the eNodeB's ECI
		{1202, 999, 0, "cell id 999 is neither a local cell id (0 to 255) nor an ECI of eNodeB 1202"},
		{1202, 307459, 0, "cell id 307459 is neither a local cell id (0 to 255) nor an ECI of eNodeB 1202"}, // eNodeB 1201's
		{1 << 20, 1, 0, "eNodeB id 1048576 is out of range (0 to 1048575)"},
	} {
		got, reason := eciOf(c.enb, c.cell)
		if got != c.want || reason != c.reason {
			t.Errorf("eNB %d cell %d: %d %q, want %d %q", c.enb, c.cell, got, reason, c.want, c.reason)
		}
	}
}

// readSites reads a whole table: "key lat lon" per site, "line: reason"
// per refused row.
func readSites(t *testing.T, table, plmn string) (sites, rejects []string) {
	t.Helper()
	sr, err := NewSiteReader(strings.NewReader(table), SiteOptions{PLMN: plmn})
	if err != nil {
		t.Fatal(err)
	}
	for {
		s, err := sr.Next()
		if err == io.EOF {
			return
		}
		if re, ok := err.(*RowError); ok {
			rejects = append(rejects, strconv.FormatInt(re.Line, 10)+": "+re.Reason)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sites = append(sites, s.Key+" "+s.AltKey)
	}
}

// LAC and CI in columns named hexadecimal: 1C85 = 7301, 3039 = 12345; a
// decimal one beside its hex twin ("CID_DEC" after "CID_HEX", as planning
// tools export) read from the first; a hex value in a decimal column
// refused, not guessed.
func TestSiteHexColumns(t *testing.T) {
	sites, rej := readSites(t, "MCC,MNC,LAC (hex),CI (hex),Latitude,Longitude\n404,10,1C85,3039,22.5726,88.3639\n404,10,1c85,0x3039,22.5726,88.3639\n", "")
	if strings.Join(sites, ";") != "404-10-7301-12345 ;404-10-7301-12345 " || len(rej) != 0 {
		t.Errorf("hex columns: %q %q", sites, rej)
	}
	sites, rej = readSites(t, "MCC;MNC;LAC;CID_HEX;CID_DEC;Latitude;Longitude\n404;10;7301;3039;12345;22.5726;88.3639\n", "")
	if strings.Join(sites, ";") != "404-10-7301-12345 " || len(rej) != 0 {
		t.Errorf("CID_HEX beside CID_DEC: %q %q", sites, rej)
	}
}

// A hex value in a column not named hex refuses the whole table, not its
// row alone: the list writing LAC 0x1C85 as "1C85" writes 0x7301 (29441)
// as "7301", which read as decimal is another cell, 404-10-7301-3040. The
// refusal comes on the row with letters (line 4, after the all-digit line
// 3 was read), and the caller's transaction drops what was read before.
// A CI column of whole hex CGIs (no LAC column) is no such column.
func TestSiteHexInDecimalColumnRefusesTable(t *testing.T) {
	for _, c := range []struct{ table, want string }{
		{"MCC,MNC,LAC,CI,Latitude,Longitude\n404,10,7301,3040,22.5726,88.3639\n404,10,7302,3041,22.5726,88.3639\n404,10,1C85,3039,22.5726,88.3639\n",
			`column "LAC" holds "1C85" on line 4`},
		{"MCC;MNC;TAC;eNodeB ID;Sector;Lat;Long\n404;10;501;1201;1;22.57;88.36\n404;10;501;4B1;2;22.57;88.36\n",
			`column "eNodeB ID" holds "4B1" on line 3`},
		{"CGI,Latitude,Longitude\n404-10-7301-3040,22.57,88.36\n404-10-1c85-3039,22.57,88.36\n",
			`column "CGI" holds "404-10-1c85-3039" on line 3`},
	} {
		sr, err := NewSiteReader(strings.NewReader(c.table), SiteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var read int
		for err == nil {
			if _, err = sr.Next(); err == nil {
				read++
			}
		}
		if !errors.Is(err, ErrHexInDecimalColumn) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: after %d rows, %v; want %s", c.table, read, err, c.want)
		}
	}
	sites, rej := readSites(t, "Cell ID,MCC,Latitude,Longitude\n404101C853039,404,22.5726,88.3639\n", "")
	if strings.Join(sites, ";") != "404-10-7301-12345 " || len(rej) != 0 {
		t.Errorf("whole hex CGIs in a cell id column: %q %q", sites, rej)
	}
}

// An MNC's digits as written where a country has MNCs of two and three
// digits: India's 405-025 and 405-25 are different networks; 404-010 is
// 404-10 (India's 404 has two-digit MNCs only); the US's 310-26 is
// 310-026.
func TestSiteMNCDigits(t *testing.T) {
	sites, rej := readSites(t, "MCC,MNC,LAC,CI,Lat,Long\n405,025,1234,5678,19.07,72.87\n405,25,1234,5678,19.07,72.87\n404,010,1234,5678,19.07,72.87\n310,26,1234,5678,40.7,-74.0\n", "")
	want := "405-025-1234-5678 ;405-25-1234-5678 ;404-10-1234-5678 ;310-026-1234-5678 "
	if strings.Join(sites, ";") != want || len(rej) != 0 {
		t.Errorf("got %q %q, want %q", strings.Join(sites, ";"), rej, want)
	}
}

// A position outside the network's country is refused: swapped when the
// swapped pair is inside, elsewhere otherwise; a country the table does
// not know is not checked.
func TestSiteCountryCheck(t *testing.T) {
	_, rej := readSites(t, "MCC,MNC,LAC,CI,Lat,Long\n404,10,1,2,88.36,22.57\n404,10,1,3,51.5,-0.12\n404,10,1,4,22.57,88.36\n999,10,1,5,51.5,-0.12\n", "")
	want := "2: latitude and longitude swapped: 88.36, 22.57 is outside India (MCC 404), 22.57, 88.36 inside;" +
		"3: position 51.5, -0.12 is outside India, the country of MCC 404"
	if strings.Join(rej, ";") != want {
		t.Errorf("got %q\nwant %q", strings.Join(rej, ";"), want)
	}
}

// The networks of Pakistan, Brazil and Mexico are checked too: Karachi
// (24.86 N, 67.01 E) swapped is 67.01 N in the Arctic; São Paulo (23.55 S,
// 46.63 W) and Mexico City (19.43 N, 99.13 W) with the longitude's sign
// lost are in the Indian Ocean and China. Their islands and Spain's
// Canaries (Fernando de Noronha 3.85 S 32.42 W, Tenerife 28.47 N 16.25 W,
// Guadalupe 29.05 N 118.28 W) are inside.
func TestSiteCountryCheckOtherNetworks(t *testing.T) {
	sites, rej := readSites(t, "MCC,MNC,LAC,CI,Lat,Long\n410,06,1,2,67.01,24.86\n724,05,1,2,-23.55,46.63\n334,020,1,2,19.43,99.13\n"+
		"724,05,1,3,-3.85,-32.42\n214,01,1,2,28.47,-16.25\n334,020,1,3,29.05,-118.28\n410,06,1,3,24.86,67.01\n", "")
	want := "2: latitude and longitude swapped: 67.01, 24.86 is outside Pakistan (MCC 410), 24.86, 67.01 inside;" +
		"3: position -23.55, 46.63 is outside Brazil, the country of MCC 724;" +
		"4: position 19.43, 99.13 is outside Mexico, the country of MCC 334"
	if strings.Join(rej, ";") != want || len(sites) != 4 {
		t.Errorf("got %q %q\nwant %q", sites, strings.Join(rej, ";"), want)
	}
}

// A "Sector" column is the cell under an eNodeB (ECI = eNB×256 + sector:
// 1201×256 + 2 = 307458); beside only a LAC it is no cell, and the table,
// naming none, is refused.
func TestSiteSectorUnderENodeB(t *testing.T) {
	sites, rej := readSites(t, "eNB,Sector,TAC,Latitude,Longitude\n1201,2,101,6.2907,-10.7605\n", "618-07")
	if strings.Join(sites, ";") != "618-07-101-307458 618-07-?-307458" || len(rej) != 0 {
		t.Errorf("sector under an eNodeB: %q %q", sites, rej)
	}
	if _, err := NewSiteReader(strings.NewReader("LAC,Sector,Latitude,Longitude\n101,2,6.2907,-10.7605\n"), SiteOptions{PLMN: "618-07"}); err == nil || !strings.Contains(err.Error(), "none names a cell") {
		t.Errorf("a sector beside a LAC: %v", err)
	}
}

// Islands a country's networks serve under its MCC are inside it: Attu in
// the Aleutians (52.9 N, 172.9 E) for 310, Jersey (49.2 N, 2.1 W) for 234,
// Port Blair (11.6 N, 92.7 E) for 404, Christmas Island (10.4 S, 105.7 E)
// for 505.
func TestSiteCountryIslands(t *testing.T) {
	sites, rej := readSites(t, "MCC,MNC,LAC,CI,Lat,Long\n310,260,1,2,52.9,172.9\n234,50,1,2,49.2,-2.1\n404,10,1,2,11.6,92.7\n505,1,1,2,-10.4,105.7\n", "")
	if len(sites) != 4 || len(rej) != 0 {
		t.Errorf("%q %q", sites, rej)
	}
}

// Geolocation results flattened to a table with the Google / Unwired Labs
// request and response field names (cellTowers[].cellId, locationAreaCode,
// mobileCountryCode, mobileNetworkCode, radioType; location.lat,
// location.lng, accuracy in metres): read as a cell-site list, accuracy
// as the range.
func TestSiteGeolocationFieldNames(t *testing.T) {
	sr, err := NewSiteReader(strings.NewReader("radioType,mobileCountryCode,mobileNetworkCode,locationAreaCode,cellId,location.lat,location.lng,accuracy\n"+
		"lte,262,2,4711,10240257,50.9413,6.9583,850\ngsm,262,2,4711,12345,50.94,6.96,1200\n"), SiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		s, err := sr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{s.Key, s.AltKey, s.Radio, strconv.FormatFloat(s.Lat, 'f', -1, 64), strconv.FormatFloat(s.Lon, 'f', -1, 64), strconv.FormatFloat(s.Range, 'f', -1, 64)}, " "))
	}
	want := "262-02-4711-10240257 262-02-?-10240257 LTE 50.9413 6.9583 850;262-02-4711-12345  GSM 50.94 6.96 1200"
	if strings.Join(got, ";") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, ";"), want)
	}
}

// A bare cell id under --plmn, no LAC or TAC column beside it: 12345 is a
// 2G/3G CI, unique only within its LAC, or a CDMA cell number (Sprint's
// "Cell"), and is refused: it was keyed as ECI 12345 (eNodeB 48, cell
// 57), another cell. Beside MCC and MNC columns it was already refused.
// 180150001 is above 65535: an LTE ECI (eNodeB 180150001 >> 8 = 703710,
// cell 241) or a UMTS cell id (RNC 180150001 >> 16 = 2748, CI 57073),
// and with no radio column nor a name saying which it is refused; it was
// keyed as the ECI, which places the LTE cell of that number wherever
// the UMTS cell is.
func TestSiteBareSmallCellRefused(t *testing.T) {
	sites, rej := readSites(t, "Cell ID,Latitude,Longitude\n12345,28.61,77.20\n180150001,28.62,77.21\n", "404-10")
	want := `2: cell "12345" has no LAC or TAC beside it: a 2G/3G CI (0 to 65535) is not unique without its LAC, and is not read as an ECI;` +
		`3: cell 180150001 has no LAC or TAC beside it and no radio type: above 65535 it is an LTE ECI or a UMTS cell id (RNC id × 65536 + CI), two different cells, and nothing says which (a radio column saying LTE or UMTS, or a LAC column, would)`
	if len(sites) != 0 || strings.Join(rej, ";") != want {
		t.Errorf("got %q %q", sites, rej)
	}
}

// The same wide cell id keyed as an ECI where the row's radio or the
// column's name says LTE; under a radio saying UMTS it is RNC 2748's CI
// 57073, whose LAC the list does not give, so it is refused; beside MCC
// and MNC columns the same.
func TestSiteWideCellByRadio(t *testing.T) {
	for _, c := range []struct{ table, plmn, sites, rejects string }{
		{"Radio,Cell Site ID,Latitude,Longitude\nLTE,180150001,28.62,77.21\n", "404-10", "404-10-?-180150001 ", ""},
		{"ECI,Latitude,Longitude\n180150001,28.62,77.21\n", "404-10", "404-10-?-180150001 ", ""},
		{"Radio,Cell Site ID,Latitude,Longitude\nUMTS,180150001,28.62,77.21\n", "404-10", "",
			"2: UMTS cell 180150001 (RNC id 2748, CI 57073) has no LAC beside it: records key a UMTS cell by its LAC and CI, not keyed"},
		{"Radio,MCC,MNC,CI,Latitude,Longitude\nUMTS,404,10,180150001,28.62,77.21\nLTE,404,10,180150001,28.62,77.21\n", "", "404-10-?-180150001 ",
			"2: UMTS cell 180150001 (RNC id 2748, CI 57073) has no LAC beside it: records key a UMTS cell by its LAC and CI, not keyed"},
		{"Radio,CGI,Latitude,Longitude\nUMTS,404-10-180150001,28.62,77.21\nLTE,404-10-180150001,28.62,77.21\n", "", "404-10-?-180150001 ",
			"2: UMTS cell 180150001 (RNC id 2748, CI 57073) has no LAC beside it: records key a UMTS cell by its LAC and CI, not keyed"},
		{"MCC,MNC,CI,Latitude,Longitude\n404,10,180150001,28.62,77.21\n", "", "",
			"2: cell 180150001 has no LAC or TAC beside it and no radio type: above 65535 it is an LTE ECI or a UMTS cell id (RNC id × 65536 + CI), two different cells, and nothing says which (a radio column saying LTE or UMTS, or a LAC column, would)"},
	} {
		sites, rej := readSites(t, c.table, c.plmn)
		if strings.Join(sites, ";") != c.sites || strings.Join(rej, ";") != c.rejects {
			t.Errorf("%q: got %q %q\nwant %q %q", c.table, sites, rej, c.sites, c.rejects)
		}
	}
}

// A position split over columns as ANFR's SUP_SUPPORT writes it (degrees,
// minutes, seconds, hemisphere: COR_NB_DG_LAT … COR_CD_EW_LON) is read
// whole: 48°6'36"N 1°40'48"W = 48 + 6/60 + 36/3600 = 48.11, -(1 + 40/60 +
// 48/3600) = -1.68 (Rennes); 43°17'45"N 5°22'12"E = 43.295833, 5.37
// (Marseille). Before, the degrees column alone was the coordinate: 48, 1
// (minutes, seconds and the west sign lost, 130 km away, still in France).
func TestSiteCoordinatesSplitOverColumns(t *testing.T) {
	sr, err := NewSiteReader(strings.NewReader("CGI;COR_NB_DG_LAT;COR_NB_MN_LAT;COR_NB_SC_LAT;COR_CD_NS_LAT;COR_NB_DG_LON;COR_NB_MN_LON;COR_NB_SC_LON;COR_CD_EW_LON\n"+
		"208-01-1001-10011;48;6;36;N;1;40;48;W\n208-01-1001-10012;43;17;45;N;5;22;12;E\n"), SiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]float64{{48.11, -1.68}, {43.295833, 5.37}}
	for i, w := range want {
		s, err := sr.Next()
		if err != nil || math.Abs(s.Lat-w[0]) > 1e-6 || math.Abs(s.Lon-w[1]) > 1e-6 {
			t.Errorf("row %d: %v, %v %v; want %v", i, err, s.Lat, s.Lon, w)
		}
	}
	if !strings.Contains(sr.Format, "lat=COR_NB_DG_LAT+COR_NB_MN_LAT+COR_NB_SC_LAT+COR_CD_NS_LAT") {
		t.Errorf("format %q", sr.Format)
	}
}

// A list saved in Windows-1252 (a spreadsheet's CSV) writes the degree
// sign as the one byte 0xB0 (or 0xBA, º): 28°36'50"N 77°12'32.4"E =
// 28 + 36/60 + 50/3600 = 28.613889, 77 + 12/60 + 32.4/3600 = 77.209. It
// was refused as no number of degrees.
func TestSiteDegreeSignLatin1(t *testing.T) {
	sites, rej := readSites(t, "MCC,MNC,LAC,CI,Latitude,Longitude\n404,10,7301,12345,28\xb036'50\"N,77\xba12'32.4\"E\n", "")
	if len(sites) != 1 || len(rej) != 0 {
		t.Fatalf("%q %q", sites, rej)
	}
	sr, _ := NewSiteReader(strings.NewReader("MCC,MNC,LAC,CI,Lat/Long\n404,10,7301,12345,28\xb036'50\"N/77\xb012'32.4\"E\n"), SiteOptions{})
	s, err := sr.Next()
	if err != nil || math.Abs(s.Lat-28.613889) > 1e-6 || math.Abs(s.Lon-77.209) > 1e-6 {
		t.Errorf("%v %v %v", err, s.Lat, s.Lon)
	}
}

// A decimal comma not quoted in a comma-separated list shifts the row:
// "24,71,46,67" under Latitude, Longitude was read as 24 N, 71 E (the
// latitude's decimals taken for the longitude: Afghanistan for a Saudi
// cell, MCC 420 unchecked by country). A row wider than the header is
// refused; one whose extra value is empty (a trailing comma) is read.
func TestSiteRowWiderThanHeader(t *testing.T) {
	sites, rej := readSites(t, "MCC,MNC,LAC,CI,Latitude,Longitude\n420,01,7301,12345,24,71,46,67\n420,01,7301,12346,24.71,46.67,\n", "")
	want := "2: the row has 8 values, the header 6 columns: its columns are shifted (a decimal comma not quoted?)"
	if strings.Join(sites, ";") != "420-01-7301-12346 " || strings.Join(rej, ";") != want {
		t.Errorf("%q %q", sites, rej)
	}
}

// "Sector ID" beside a LAC numbers each site's antennas (1, 2, 3), not
// its cells: two sites 13 km apart were both keyed 404-10-7301-1. The
// table names no cell and is refused; beside an eNodeB it is still the
// cell (TestSiteSectorUnderENodeB).
func TestSiteSectorIDBesideLACIsNoCell(t *testing.T) {
	_, err := NewSiteReader(strings.NewReader("MCC,MNC,LAC,Site ID,Sector ID,Latitude,Longitude\n404,10,7301,DL001,1,28.6139,77.2090\n404,10,7301,DL002,1,28.7041,77.1025\n"), SiteOptions{})
	if err == nil || !strings.Contains(err.Error(), "none names a cell") {
		t.Errorf("%v", err)
	}
}

// A one-column position of bare numbers is read only as two or three of
// them (latitude, longitude, azimuth): degrees and minutes written without
// marks ("28 36 50 77 12 32", "28 36.5 77 12.5") were read as 28, 36,
// the minutes taken for the longitude; they are refused.
func TestPositionBareNumbersCount(t *testing.T) {
	for _, v := range []string{"28 36 50 77 12 32", "28 36.5 77 12.5", "28-36-50-77-12-32"} {
		if lat, lon, reason := parsePosition(v); reason == "" {
			t.Errorf("%q read as %g, %g", v, lat, lon)
		}
	}
	if lat, lon, reason := parsePosition("18.5286 73.8470 120"); reason != "" || lat != 18.5286 || lon != 73.847 {
		t.Errorf("%g %g %q", lat, lon, reason)
	}
}

// A list's range written as range_meters (h27real found it ignored in a
// published tower list: the range left empty and the format line silent)
// is the range in metres.
func TestSiteRangeMeters(t *testing.T) {
	sr, err := NewSiteReader(strings.NewReader("cgi,latitude,longitude,range_meters\n404-10-7301-12345,22.5726,88.3639,750\n"), SiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sr.Next()
	if err != nil {
		t.Fatal(err)
	}
	if s.Range != 750 || !strings.Contains(sr.Format, "range=range_meters") {
		t.Errorf("range %v, format %q", s.Range, sr.Format)
	}
}

// A site list's 15-digit CGI of a row whose radio says LTE is an eCGI,
// eNodeB 0123456 and cell 001, not LAC 1234 and CI 56001 (as it was
// keyed): refused; the GSM row's is read as a CGI.
func TestSitePackedECGIRefused(t *testing.T) {
	sites, rej := readSites(t, "Radio,CGI,Latitude,Longitude\nGSM,404450730112345,28.61,77.20\nLTE,404450123456001,28.62,77.21\n", "")
	want := "3: radio LTE, yet 15 digits read as a 2G/3G CGI (a LAC and a CI of five digits each): an eCGI written in digits ends in an eNodeB of seven and a cell of three, another split; not keyed"
	if strings.Join(sites, ";") != "404-45-7301-12345 " || strings.Join(rej, ";") != want {
		t.Errorf("got %q %q", sites, rej)
	}
}
