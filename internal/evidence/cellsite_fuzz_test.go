package evidence

import (
	"bytes"
	"io"
	"math"
	"testing"
)

// FuzzSiteReader: any input either is refused as no site table or reads
// row by row to the end, every site on the globe and keyed, every line
// number increasing.
func FuzzSiteReader(f *testing.F) {
	f.Add([]byte("radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\nGSM,404,10,7301,12345,0,88.36,22.57,1000,1,1,1,1,0\n"))
	f.Add([]byte("LTE,310,260,1,123456789,0,-73.9,40.7,1,1,1,1,1,0\n"))
	f.Add([]byte("banner\nCGI;Lat/Long;Azimuth\n404101C853039;\"22,5/88,3\";120\n"))
	f.Add([]byte("LAC,CI,Latitude,Longitude\n1,2,91,0\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sr, err := NewSiteReader(bytes.NewReader(b), SiteOptions{PLMN: "404-10"})
		if err != nil {
			return
		}
		last := int64(0)
		for i := 0; i < 10000; i++ {
			s, err := sr.Next()
			if err == io.EOF {
				return
			}
			if re, ok := err.(*RowError); ok {
				if re.Line < last {
					t.Fatalf("line %d after %d", re.Line, last)
				}
				last = re.Line
				continue
			}
			if err != nil {
				return
			}
			if s.Line < last || s.Key == "" || !validPosition(s.Lat, s.Lon) || math.IsNaN(s.Lat) {
				t.Fatalf("%+v after line %d", s, last)
			}
			last = s.Line
		}
	})
}
