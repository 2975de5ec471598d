package evidence

import "testing"

// A position inside a place's text is read only from its labelled
// coordinates; an address without labels, or with a label twice, has none.
func TestLabelledPosition(t *testing.T) {
	cases := []struct {
		s        string
		lat, lon float64
		ok       bool
	}{
		{"Mallickpur II C; Kolkata; Lat-22.39711; Long-88.43938", 22.39711, 88.43938, true},
		{"Sector 5, Salt Lake, Latitude: 22.5726, Longitude: 88.3639", 22.5726, 88.3639, true},
		{"OPEN PLOT OF MR AMITBHAI", 0, 0, false},
		{"Plot 22; Road 88", 0, 0, false},
		{"Lat-22.39711; Lat-22.4; Long-88.43938", 0, 0, false},
		{"Latur Road; Longwa; 12", 0, 0, false}, // words that begin like a label
		{"Lat-22.39711; Long-88.4x", 0, 0, false},
		// a sign after the separator is the number's: south and west
		{"Bondi; Lat--33.8915; Long-151.2767", -33.8915, 151.2767, true},
		{"Lat: -33.8915; Long: 151.2767", -33.8915, 151.2767, true},
		{"Lat -33.8915; Long -70.65", -33.8915, -70.65, true},
		{"Lat - 22.4; Long = -43.2", 22.4, -43.2, true},
		{"Lat=22.4; Lng=88.4", 22.4, 88.4, true},
	}
	for _, c := range cases {
		lat, lon, ok := labelledPosition(c.s)
		if ok != c.ok || lat != c.lat || lon != c.lon {
			t.Errorf("%q: %v %v %v, want %v %v %v", c.s, lat, lon, ok, c.lat, c.lon, c.ok)
		}
	}
}
