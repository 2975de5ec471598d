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
	f.Add([]byte("; #NetworkData\n;ElementTypeName\tSiteID\tSite_Name\tLatitude\tLongitude\n;ElementTypeName\tGSM_SiteIDForCell\tAzimuth\tMCC\tMNC\tLAC\tCI\nGSM_Site\tA\tx\t45.6\t25.5\nGSM_Cell\tA\t40\t226\t01\t1\t2\nGSM_Cell\n"))
	f.Add([]byte("eNodeB ID,Cell ID,TAC,MCC,MNC,Latitude,Longitude\n1201,1,101,618,7,6°19'15.6\"N,W 10 48 21.6\n"))
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
