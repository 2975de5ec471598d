package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An Indian tower dump's Latitude and Longitude place its first cells
// with no cell-site list in the case: A (9811100001) calls at 10:00 from
// 404-10-1234-5678 (28.5921, 77.0460) and at 10:30 from 404-10-1234-5690
// (28.6921, 77.0460), 0.1 degree north: 6,378,137 m × 0.1 × π/180 =
// 11.132 km in 30 minutes, 22.264 km/h. At 11:00 A is in
// 404-10-1234-5682, which the file puts at 28.6 on line 4 and at 28.7 on
// line 5 (B's record): neither is kept, so A is placed for 2 of 3
// records (0.6667). The import says how it read the pair.
func TestTowerDumpPositionsLocationCLI(t *testing.T) {
	dir := t.TempDir()
	dump := filepath.Join(dir, "tower_dump.csv")
	os.WriteFile(dump, []byte("A Party,B Party,Date,Time,Duration,Call Type,First Cell ID A,Last Cell ID A,IMEI A,IMSI A,First Cell ID A Address,Roaming A,Latitude,Longitude\n"+
		"9811100001,9822200002,14/02/2026,10:00:00,35,OUT,404-10-1234-5678,404-10-1234-5678,356938035643809,404100000000011,Dwarka,DL,28.5921,77.0460\n"+
		"9811100001,9822200002,14/02/2026,10:30:00,35,OUT,404-10-1234-5690,404-10-1234-5690,356938035643809,404100000000011,Rohini,DL,28.6921,77.0460\n"+
		"9811100001,9822200002,14/02/2026,11:00:00,35,OUT,404-10-1234-5682,404-10-1234-5682,356938035643809,404100000000011,Saket,DL,28.6000,77.2000\n"+
		"9811100003,9822200002,14/02/2026,11:05:00,35,OUT,404-10-1234-5682,404-10-1234-5682,356938035643817,404100000000013,Saket,DL,28.7000,77.2000\n"), 0o444)
	casePath := filepath.Join(dir, "case.db")
	out := runOK(t, "import", casePath, dump, "--country", "IN")
	if !strings.Contains(out, "Latitude and Longitude read as the position of the record's cell (beside First Cell ID A)") {
		t.Errorf("import said %s", out)
	}
	v := location(t, casePath, "919811100001")
	if v.PlacedShare != 0.6667 || len(v.Sites) != 2 {
		t.Fatalf("placed %v, sites %+v; want 2 of 3 and two sites", v.PlacedShare, v.Sites)
	}
	at := map[string][2]float64{}
	for _, s := range v.Sites {
		at[s.Cell] = [2]float64{s.Lat, s.Lon}
	}
	if at["404-10-1234-5678"] != [2]float64{28.5921, 77.046} || at["404-10-1234-5690"] != [2]float64{28.6921, 77.046} {
		t.Errorf("sites %+v", v.Sites)
	}
	if len(v.Moves) != 1 || math.Abs(v.Moves[0].KM-11.132) > 0.0015 || math.Abs(v.Moves[0].KMH-22.264) > 0.003 || v.Moves[0].Impossible {
		t.Errorf("moves %+v, want one of 11.132 km at 22.264 km/h", v.Moves)
	}
}
