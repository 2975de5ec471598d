package evidence

import (
	"strings"
	"testing"
)

// A bare "Latitude"/"Longitude" pair in a call file is the record's
// cell's position where the published layout puts the tower's there
// (an Indian tower dump beside "First Cell ID A Address"; Zong's
// "SITE_ADDRESS, LNG, LAT"), and is said so in the format. Where the
// header says the file gives the handset's position ("User Latitude",
// "Device Lat", an "Accuracy" of an estimate), where no cell column
// stands beside it, or where the cell's position has its own columns,
// it is not read, and the format names it with why.
func TestRecordBareCoordinates(t *testing.T) {
	const rowIN = "9811100001,9822200002,14/02/2026,10:15:20,35,OUT,404-10-1234-5678,404-10-1234-5679,356938035643809,404100000000011,\"Dwarka, New Delhi\",DL,28.5921,77.0460\n"
	for _, c := range []struct {
		name, head, row string
		lat, lon        int // -1: not read
		format          string
	}{
		{"indian tower dump",
			"A Party,B Party,Date,Time,Duration,Call Type,First Cell ID A,Last Cell ID A,IMEI A,IMSI A,First Cell ID A Address,Roaming A,Latitude,Longitude\n",
			rowIN, 12, 13, "Latitude and Longitude read as the position of the record's cell (beside First Cell ID A)"},
		{"zong, longitude first",
			"CALL_TYPE,MSISDN_ID,STRT_TM,BNUMBER,LAC_ID,CELL_ID,IMEI,SITE_ADDRESS,LNG,LAT\n",
			"Call - Outgoing,923001234567,02/04/2026 10:15:20,923451112233,4101,21031,356938035643809,Blue Area Islamabad,73.0551,33.7077\n",
			9, 8, "LAT and LNG read as the position of the record's cell (beside CELL_ID)"},
		{"handset's columns named",
			"MSISDN,CALL_TYPE,B_NUMBER,START_TIME,DURATION,CELL_ID,User Latitude,User Longitude\n",
			"919714499703,VOICE_OUT,919812345678,2024-03-19 10:00:00,60,404-10-7301-11111,22.5726,88.3639\n",
			-1, -1, "not read: User Latitude, User Longitude (the handset's position, never its cell's)"},
		{"bare pair beside the handset's",
			"MSISDN,CALL_TYPE,B_NUMBER,START_TIME,DURATION,CELL_ID,Latitude,Longitude,Device Lat,Device Long\n",
			"919714499703,VOICE_OUT,919812345678,2024-03-19 10:00:00,60,404-10-7301-11111,22.5726,88.3639,22.5801,88.3702\n",
			-1, -1, "not read: Latitude, Longitude (beside Device Lat, Device Long: the file gives the handset's position, and a bare pair may be it too)"},
		{"an estimate's accuracy",
			"MSISDN,CALL_TYPE,B_NUMBER,START_TIME,DURATION,CELL_ID,Latitude,Longitude,Accuracy (m)\n",
			"919714499703,VOICE_OUT,919812345678,2024-03-19 10:00:00,60,404-10-7301-11111,22.5726,88.3639,350\n",
			-1, -1, `not read: Latitude, Longitude (beside "Accuracy (m)": an estimate of the handset's position, never the cell's)`},
		{"no cell column",
			"MSISDN,CALL_TYPE,B_NUMBER,START_TIME,DURATION,Latitude,Longitude\n",
			"919714499703,VOICE_OUT,919812345678,2024-03-19 10:00:00,60,22.5726,88.3639\n",
			-1, -1, "not read: Latitude, Longitude (no cell column beside them: a position of no cell)"},
		{"the cell's own columns first",
			"MSISDN,CALL_TYPE,B_NUMBER,START_TIME,DURATION,CELL_ID,Cell Site Lat,Cell Site Long,Latitude,Longitude\n",
			"919714499703,VOICE_OUT,919812345678,2024-03-19 10:00:00,60,404-10-7301-11111,22.5726,88.3639,22.6,88.4\n",
			6, 7, "not read: Latitude, Longitude (the cell's position is read from Cell Site Lat, Cell Site Long)"},
		{"t-mobile's first and last towers",
			"Date\tTime\tDuration\tCall Type\tDirection\tCalling Number\tDialed Number\tCalled Number\tDestination Number\tIMSI\tIMEI\tCompletion Code\tAnswered?\tService Code\tDisconnecting Party\tService Indicator\tSMS Deliv Status\tSwitch Name\t1st LTE Site ID\t1st LAC\t1st Cell ID\t1st Tower Azimuth\t1st Tower LAT\t1st Tower LONG\t1st Tower Address\t1st Tower City\t1st Tower State\t1st Tower Zip\tLast LTE Site ID\tLast LAC ID\tLast Cell ID\tLast Tower Azimuth\tLast Tower LAT\tLast Tower LONG\tLast Tower Address\tLast Tower City\tLast Tower State\tLast Tower Zip\n",
			"03/14/2025\t18:02:11\t95\tmSOriginating\tOutgoing\t2065550001\t2065550102\t2065550102\t2065550102\t310260000000001\t35391809000001\tCompleted\tY\t\t\t\t\tSEATTLE1\t\t13411\t30551\t120\t47.6062\t-122.3321\t1200 1st Ave\tSeattle\tWA\t98101\t\t13411\t30552\t240\t47.6101\t-122.3401\t1 Pike St\tSeattle\tWA\t98101\n",
			22, 23, "not read: Last Tower LAT, Last Tower LONG (not the position of the record's cell, 1st Cell ID)"},
		{"a tower's latitude by name, a long-distance flag no coordinate",
			"MSISDN,CALL_TYPE,B_NUMBER,START_TIME,DURATION,CELL_ID,Tower Latitude,Tower Longitude,Long Distance\n",
			"919714499703,VOICE_OUT,919812345678,2024-03-19 10:00:00,60,404-10-7301-11111,22.5726,88.3639,N\n",
			6, 7, "dates"},
		{"values no coordinates",
			"MSISDN,CALL_TYPE,B_NUMBER,START_TIME,DURATION,CELL_ID,Latitude,Longitude\n",
			"919714499703,VOICE_OUT,919812345678,2024-03-19 10:00:00,60,404-10-7301-11111,north,east\n",
			-1, -1, `not read: Latitude, Longitude (their values ("north, east") are not a latitude and a longitude)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := Sniff([]byte(c.head+c.row+c.row), true, Options{})
			if err != nil {
				t.Fatal(err)
			}
			lat, ok := l.Columns[FCellLat]
			if !ok {
				lat = -1
			}
			lon, ok := l.Columns[FCellLon]
			if !ok {
				lon = -1
			}
			if lat != c.lat || lon != c.lon {
				t.Errorf("cell_lat column %d, cell_lon %d; want %d, %d", lat, lon, c.lat, c.lon)
			}
			if d := l.Describe(); !strings.Contains(d, c.format) || strings.Contains(d, "Long Distance") {
				t.Errorf("format %q lacks %q", d, c.format)
			}
		})
	}
}
