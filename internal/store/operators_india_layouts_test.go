package store

import (
	"strconv"
	"strings"
	"testing"
)

// Three Indian returns as a public loader's tests of real files lay them
// out (values chosen here): Airtel's with its banner, "First CGI
// Lat/Long" and VoWiFi columns; BSNL's for an MSISDN (Search Criteria
// above, "*** END OF REPORT ***" below), its "First BTS Location" ending
// in the cell's labelled position; Vi's ALLINDIA report with rules of
// dashes above and below its header. Their ten-digit numbers alone fit
// India's plan and the United States': each layout names India. Before,
// all three were refused asking for --country, and BSNL's position was
// not read.
var indianReturns = map[string]string{
	"airtel.csv": "BHARTI AIRTEL LIMITED \n" +
		"\n" +
		"PAN India \n" +
		"\n" +
		"Call Details of Mobile No '9714499703' from '01-Jun-2025' to '05-Jun-2026' \n" +
		"\n" +
		"Target No,Call Type,TOC,B Party No,LRN No,LRN TSP-LSA,Date,Time,Dur(s),First CGI Lat/Long,First CGI,Last CGI Lat/Long,Last CGI,SMSC No,Service Type,IMEI,IMSI,Call Fow No,Roam Nw,SW & MSC ID,IN TG,OUT TG,Vowifi First UE IP,Port1,Vowifi Last UE IP,Port2\n" +
		"'9714499703',SMT,Post,'AD-Airtel-S',,-,'15/04/2026',08:26:10,0,21.29669/72.8915,404-98-8331-230711555,,---,'919892341012',SMS,'866588055801530','404980531580367',-,AIR GJ,'9898092816',,,,,,\n" +
		"'9714499703',OUT,Post,'8128778750',4106,VODA-GJ,'15/04/2026',09:42:17,41,21.29327/72.88987,404-98-8331-221532674,21.2741/72.86936,404-98-8331-236717574,'-',Voice,'866588055801530','404980531580367',-,AIR GJ,'9898081890',ims.mnc092.mcc404.3gppnetwork.org,10.92.26.67,,,,\n" +
		"'9714499703',IN,Post,'8128778750',4106,VODA-GJ,'16/04/2026',19:02:00,75,,,,,'-',Voice,'866588055801530','404980531580367',-,AIR GJ,'9898081890',,,49.36.10.20,40112,49.36.10.20,40112\n",
	"bsnl.csv": "Search Criteria : MSISDN\n" +
		"Search Value : 9477523061\n" +
		"Start Date : 202601010000\n" +
		"End Date : 202606250000\n" +
		"\n" +
		"Target/A-Party Number,Call Type,Type of Connection,Other/B-party Number,LRN of B-Party Number,Translation of LRN,Call Date,Call Initiation Time,Call Duration,First BTS Location,First Cell Global ID,Last BTS Location,Last Cell Global ID,SMS Centre No.,Service Type,IMEI,IMSI,Original Calling Party,Roaming Network/Circle,Switch/MSC ID,In TG,Out TG\n" +
		"9477523061,IN,,57645,,,17/06/2026,15:58:21,1,Mallickpur II C; Kolkata; Lat-22.39711; Long-88.43938,404-81-724-24723,,-,919417899997,SMS,359912109839650,404819000158900,,BSNL - Kolkata,919433599995,,\n" +
		"9477523061,OUT,,9875651858,3104,Reliance Jio - Kolkata,19/06/2026,12:15:04,760,Mallickpur II C; Kolkata; Lat-22.39711; Long-88.43938,404-81-724-24723,Mallickpur II C; Kolkata; Lat-22.39711; Long-88.43938,404-81-724-24723,,Voice Call,353832116804840,404819000158900,,BSNL - Kolkata,919433599995,BSZJDV1,RJILKO_C\n" +
		"*** END OF REPORT ***\n" +
		"CDR COUNT : 2\n",
	"vi.csv": "--------------------------------------------------------------------------------\n" +
		"VODAFONE IDEA CALL DATA RECORDS\n" +
		"--------------------------------------------------------------------------------\n" +
		"MSISDN : - 8980261614\n" +
		"Report Type :- ALLINDIA Report\n" +
		"From Date :- 01/01/2026 00:00:00\n" +
		"Till Date :- 23/03/2026 13:27:50\n" +
		"--------------------------------------------------------------------------------\n" +
		"Target /A PARTY NUMBER,CALL_TYPE,Type of Connection,B PARTY NUMBER,LRN- B Party Number,Translation of LRN,Call date,Call Initiation Time,Call Duration,First BTS Location,First Cell Global Id,Last BTS Location,Last Cell Global Id,SMS Centre Number,Service Type,IMEI,IMSI,Call Forwarding Number,Roaming Network/Circle,MSC ID,In TG ,Out TG ,IP Address ,Port No\n" +
		"--------------------------------------------------------------------------------\n" +
		"08980261614,Incoming,POSTPAID,06352663530,4106,Vodafone - Mobile-Gujarat,01-01-2026,10:08:37,26,OPEN PLOT OF MR AMITBHAI,404056205320221,BUILDING OF NALINBHAI,404056205528433,-,Voice,869236064978130,404051650035282,-,Guj-Vodafone - GUJARAT - INDIA,GMSGZ20_R17A,MTB,BSCRJ8O,-,-\n" +
		"08980261614,Outgoing,PREPAID,09772303390,3099,Reliance Jio - Mobile-Rajasthan,13-01-2026,10:32:38,13,BUILDING OF MUNICIPALITY,404056205520773,BUILDING OF MUNICIPALITY,404056205520773,-,Voice,869236064978130,404051650035282,-,Guj-Vodafone - GUJARAT - INDIA,GMSGZ20_R17A,BSCRJ9I,TRACO,-,-\n",
}

func TestIndianReturnsByLayout(t *testing.T) {
	want := map[string][]string{
		"airtel.csv": {
			"8 919714499703 AD-Airtel-S  SMS_IN 0 404-98-8331-230711555",
			"9 919714499703 8128778750 918128778750 VOICE_OUT 41 404-98-8331-221532674",
			"10 919714499703 8128778750 918128778750 VOICE_IN 75 ",
		},
		"bsnl.csv": {
			"7 919477523061 57645  SMS_IN 1 404-81-724-24723",
			"8 919477523061 9875651858 919875651858 VOICE_OUT 760 404-81-724-24723",
		},
		"vi.csv": {
			"11 918980261614 06352663530 916352663530 VOICE_IN 26 404-05-62053-20221",
			"12 918980261614 09772303390 919772303390 VOICE_OUT 13 404-05-62055-20773",
		},
	}
	sites := map[string]string{
		"airtel.csv": "404-98-8331-221532674 21.29327 72.88987; 404-98-8331-230711555 21.29669 72.8915",
		"bsnl.csv":   "404-81-724-24723 22.39711 88.43938",
		"vi.csv":     "",
	}
	for name, text := range indianReturns {
		st := openTemp(t)
		res := importText(t, st, name, text)
		if res.Error != "" || res.Rejected != 0 || !strings.Contains(res.Keys, "numbering plan IN (inferred from") {
			t.Fatalf("%s: %+v", name, res)
		}
		rows, err := st.DB().Query(`SELECT v.line, s.msisdn, v.other, coalesce(v.other_key, ''), v.call_type, v.duration, coalesce(c.cell_key, '')
			FROM voice v JOIN subscribers s ON s.id = v.subscriber_id LEFT JOIN cells c ON c.id = v.cell_id ORDER BY v.line`)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var line, dur int
			var sub, other, key, ct, cell string
			if err := rows.Scan(&line, &sub, &other, &key, &ct, &dur, &cell); err != nil {
				t.Fatal(err)
			}
			got = append(got, strings.Join([]string{strconv.Itoa(line), sub, other, key, ct, strconv.Itoa(dur), cell}, " "))
		}
		rows.Close()
		if strings.Join(got, "\n") != strings.Join(want[name], "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(want[name], "\n"))
		}
		var placed string
		if err := st.DB().QueryRow(`SELECT coalesce(group_concat(cell_key || ' ' || lat || ' ' || lon, '; '), '') FROM (SELECT * FROM cell_sites ORDER BY cell_key)`).Scan(&placed); err != nil {
			t.Fatal(err)
		}
		if placed != sites[name] {
			t.Errorf("%s: cell sites %q, want %q", name, placed, sites[name])
		}
	}
}
