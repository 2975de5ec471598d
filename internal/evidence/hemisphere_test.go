package evidence

import (
	"io"
	"strconv"
	"strings"
	"testing"
)

// The hemisphere a coordinate column's header names: Movistar Colombia's
// latitud_n and longitud_w, English and Portuguese words, a letter before
// the name; a header naming both, none or the other axis names none.
func TestHeaderHemisphere(t *testing.T) {
	for _, c := range []struct {
		h    string
		lat  bool
		want byte
	}{
		{"longitud_w", false, 'W'}, {"latitud_n", true, 'N'}, {"W Longitude", false, 'W'},
		{"Longitude (W)", false, 'W'}, {"LongW", false, 'W'}, {"Latitude South", true, 'S'},
		{"Longitude Oeste", false, 'W'}, {"latitud_s", true, 'S'}, {"Longitude E", false, 'E'},
		{"Longitude E/W", false, 0}, {"Longitude", false, 0}, {"longitud_o", false, 0},
		{"Latitude W", true, 0}, {"Longitude_WGS84", false, 0}, {"latitudes", true, 0},
	} {
		if got := headerHemisphere(c.h, c.lat); got != c.want {
			t.Errorf("%q: %q, want %q", c.h, got, c.want)
		}
	}
}

// readSitePositions reads a site table: "key lat lon" per site, "line:
// reason" per refused row.
func readSitePositions(t *testing.T, table string) (sites, rejects []string) {
	t.Helper()
	sr, err := NewSiteReader(strings.NewReader(table), SiteOptions{})
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
		sites = append(sites, s.Key+" "+strconv.FormatFloat(s.Lat, 'f', -1, 64)+" "+strconv.FormatFloat(s.Lon, 'f', -1, 64))
	}
}

// A cell-site list whose longitude header names the west writes the
// distance west unsigned (Bogotá at 74.0966): it is -74.0966, not 74 E in
// Asia; a minus sign or a W on the value says the same; an E on the value
// contradicts the header and is refused. Under a header naming the north
// a minus sign is kept (Leticia, Colombia, is at 4.2 S).
func TestSiteListHemisphereFromHeader(t *testing.T) {
	sites, rej := readSitePositions(t, "cgi,latitud_n,longitud_w\n"+
		"999-01-1-1,4.6305,74.0966\n"+
		"999-01-1-2,\"4,71573\",\"74,1057\"\n"+
		"999-01-1-3,-4.2031,69.9359\n"+
		"999-01-1-4,4.6305,74.0966W\n"+
		"999-01-1-5,4.6305,74.0966E\n")
	want := "999-01-1-1 4.6305 -74.0966;999-01-1-2 4.71573 -74.1057;999-01-1-3 -4.2031 -69.9359;999-01-1-4 4.6305 -74.0966"
	if got := strings.Join(sites, ";"); got != want {
		t.Errorf("sites %s\nwant %s", got, want)
	}
	if len(rej) != 1 || rej[0] != `6: "74.0966E" is east under a header that names the west` {
		t.Errorf("rejects %q", rej)
	}
	sr, err := NewSiteReader(strings.NewReader("cgi,latitud_n,longitud_w\n"), SiteOptions{})
	if err != nil || sr.Format != "cell-site list (cgi=cgi, lat=latitud_n, lon=longitud_w, read as west (its header says so))" {
		t.Errorf("format %q, %v", sr.Format, err)
	}
	// "N Latitude" and "W Longitude" were read as "latitude" and
	// "longitude", the west dropped; "Latitude (S)" names the south
	sites, rej = readSitePositions(t, "CGI,N Latitude,W Longitude\n999-01-1-1,4.6305,74.0966\n")
	if strings.Join(sites, ";") != "999-01-1-1 4.6305 -74.0966" || len(rej) != 0 {
		t.Errorf("N/W Latitude/Longitude: %q %q", sites, rej)
	}
	sites, rej = readSitePositions(t, "CGI,Lat N / Long W,Azimuth\n999-01-1-1,4.6305/74.0966,120\n999-01-1-2,4.6305N/74.0966E,120\n")
	if strings.Join(sites, ";") != "999-01-1-1 4.6305 -74.0966" || len(rej) != 1 || rej[0] != `3: "4.6305N/74.0966E" is east under a header that names the west` {
		t.Errorf("Lat N / Long W: %q %q", sites, rej)
	}
	sites, rej = readSitePositions(t, "CGI;Latitude (S);Longitude (W)\n999-01-1-1;34.6037;58.3816\n")
	if strings.Join(sites, ";") != "999-01-1-1 -34.6037 -58.3816" || len(rej) != 0 {
		t.Errorf("S/W: %q %q", sites, rej)
	}
}

// A Colombian cell (MCC 732) placed in Asia by a longitude read without
// its west is refused as outside Colombia.
func TestSiteOutsideColombia(t *testing.T) {
	sites, rej := readSitePositions(t, "cgi,latitude,longitude\n732-103-1234-5678,4.6305,74.0966\n732-103-1234-5679,4.6305,-74.0966\n")
	if strings.Join(sites, ";") != "732-103-1234-5679 4.6305 -74.0966" || len(rej) != 1 || !strings.Contains(rej[0], "outside Colombia") {
		t.Errorf("%q %q", sites, rej)
	}
}

// A Latin American cell placed by a longitude or latitude that lost its
// sign (in Asia, in the northern hemisphere) is refused as outside its
// country; the same cell with its signs is kept: Mexico City, São Paulo,
// Buenos Aires, Santiago, Hanga Roa, Lima, Quito, Puerto Ayora. Ecuador
// straddles the equator: its latitudes near it fit either sign, and only a
// lost west is caught.
func TestSiteOutsideLatinAmerica(t *testing.T) {
	for _, c := range []struct{ mcc, country, lat, lon string }{
		{"334-020", "Mexico", "19.4326", "-99.1332"},
		{"724-05", "Brazil", "-23.5505", "-46.6333"},
		{"722-07", "Argentina", "-34.6037", "-58.3816"},
		{"730-01", "Chile", "-33.4489", "-70.6693"},
		{"730-01", "Chile", "-27.1127", "-109.3497"},
		{"716-10", "Peru", "-12.0464", "-77.0428"},
		{"740-01", "Ecuador", "-0.1807", "-78.4678"},
		{"740-01", "Ecuador", "-0.7432", "-90.3155"},
	} {
		unsigned := func(v string) string { return strings.TrimPrefix(v, "-") }
		table := "cgi,latitude,longitude\n" +
			c.mcc + "-1-1," + c.lat + "," + c.lon + "\n" +
			c.mcc + "-1-2," + c.lat + "," + unsigned(c.lon) + "\n" +
			c.mcc + "-1-3," + unsigned(c.lat) + "," + c.lon + "\n"
		sites, rej := readSitePositions(t, table)
		want := c.mcc + "-1-1 " + c.lat + " " + c.lon
		// a latitude without its sign is refused only well south of the equator
		wantRej := 1
		if !strings.HasPrefix(c.lat, "-") || c.country == "Ecuador" {
			want += ";" + c.mcc + "-1-3 " + unsigned(c.lat) + " " + c.lon
		} else {
			wantRej = 2
		}
		if strings.Join(sites, ";") != want || len(rej) != wantRej || !strings.Contains(rej[0], "outside "+c.country) {
			t.Errorf("%s %s,%s: sites %q, rejects %q", c.country, c.lat, c.lon, sites, rej)
		}
	}
}

// A west-named column written unsigned on its first row and with a minus
// sign later (or the other way) cannot be read either way: the later
// value is refused, the rows written as the first kept.
func TestSiteListMixedSignsRefused(t *testing.T) {
	sites, rej := readSitePositions(t, "cgi,latitude,longitude_w\n999-01-1-1,4.6305,74.0966\n999-01-1-2,4.6305,-74.0966\n999-01-1-3,4.6305,74.1\n")
	if strings.Join(sites, ";") != "999-01-1-1 4.6305 -74.0966;999-01-1-3 4.6305 -74.1" || len(rej) != 1 ||
		rej[0] != `3: "-74.0966" under a header that names the west, where the list's first value is written without a minus sign: which are east is not known` {
		t.Errorf("%q %q", sites, rej)
	}
	sites, rej = readSitePositions(t, "cgi,latitude,longitude_w\n999-01-1-1,4.6305,-74.0966\n999-01-1-2,4.6305,74.0966\n")
	if strings.Join(sites, ";") != "999-01-1-1 4.6305 -74.0966" || len(rej) != 1 || !strings.Contains(rej[0], "first value is written with a minus sign") {
		t.Errorf("%q %q", sites, rej)
	}
}
