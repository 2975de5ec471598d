package store

import (
	"strings"
	"testing"
)

// voiceKeys is each voice record's (subscriber key, other party's key) by
// line.
func voiceKeys(t *testing.T, st *Store) map[int]string {
	t.Helper()
	rows, err := st.DB().Query(`SELECT v.line, s.msisdn, coalesce(v.other_key, '') FROM voice v JOIN subscribers s ON s.id = v.subscriber_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int]string{}
	for rows.Next() {
		var line int
		var sub, other string
		if err := rows.Scan(&line, &sub, &other); err != nil {
			t.Fatal(err)
		}
		got[line] = sub + " " + other
	}
	return got
}

// Ten-digit national numbers fit India's plan and the United States' (and
// Russia's): alone they are refused. A layout only one country's operators
// write settles it, when that country's plan keys every number: BSNL's
// IMEI return (its "LRN of B-Party Number") is Indian, Verizon's ("Mobile
// Directory Number", "Seizure Dt Tm") and Sprint's ("Repoll Number")
// American, Jio's ("LRN Called No") Indian; the plan and why are said.
// A file of the same numbers in a layout of no country is still refused.
func TestNumberingPlanFromLayout(t *testing.T) {
	for _, c := range []struct {
		name, text, why string
		keys            map[int]string // by line: subscriber and other party keys
	}{
		{"bsnl.csv", "Search Criteria : IMEI\nSearch Value : 866741058018575\n" +
			"Target/A-Party Number,Call Type,Type of Connection,Other/B-party Number,LRN of B-Party Number,Translation of LRN,Call Date,Call Initiation Time,Call Duration,First Cell Global ID,Service Type,IMEI,IMSI\n" +
			"8986052687,OUT,,9572464525,3087,Reliance Jio,24/03/2026,07:17:37,46,404-75-4213-31023,Voice Call,866741058018570,404758180316980\n" +
			"8986052687,IN,,7004112233,,,28/03/2026,18:16:15,12,404-75-4213-31023,Voice Call,866741058018570,404758180316980\n",
			`bsnl.csv's layout: its layout is BSNL's (IN), by its column "LRN of B-Party Number"; its numbers fit IN's plan)`,
			map[int]string{4: "918986052687 919572464525", 5: "918986052687 917004112233"}},
		{"verizon.csv", "Mobile Directory Number,Seizure Dt Tm,Seizure Duration,Dialed Digits,Direction\n" +
			"2125550143,04/18/2024 10:15:02,75,7185550199,MO\n" +
			"2125550143,04/18/2024 11:00:00,30,6465550111,MT\n",
			`verizon.csv's layout: its layout is Verizon's (US)`,
			map[int]string{2: "12125550143 17185550199", 3: "12125550143 16465550111"}},
		{"sprint.csv", "Calling Number,Called Number,Dialed Digits,Mobile Role,Start Date,End Date,Duration,NEID,Repoll Number,First Cell,Last Cell\n" +
			"9135550111,8165550122,8165550122,Outgoing,01/14/2019 10:15:22,01/14/2019 10:16:07,45,52,123,2083,2083\n" +
			"8165550133,9135550111,9135550111,Incoming,01/14/2019 11:00:01,01/14/2019 11:02:01,120,52,123,1083,3084\n",
			`its layout is Sprint's (US), by its column "Repoll Number"`,
			map[int]string{2: "19135550111 18165550122", 3: "19135550111 18165550133"}},
		{"jio.csv", "Calling Party Telephone Number,Called Party Telephone Number,Call Forwarding,LRN Called No,Call Date,Call Time,Call Termination Time,Call Duration,First Cell ID,Last Cell ID,Call Type,SMS Center Number,IMEI,IMSI,Roaming Circle Name\n" +
			"7004112233,9572464525,,3087,24/03/2026,07:17:37,07:18:23,46,405874ABCDEF1,405874ABCDEF1,MO,,866741058018570,405874180316980,BIHAR\n" +
			"9431122334,7004112233,,,28/03/2026,18:16:15,18:16:27,12,405874ABCDEF1,405874ABCDEF1,MT,,866741058018570,405874180316980,BIHAR\n",
			`its layout is Jio's (IN), by its column "LRN Called No"`,
			map[int]string{2: "917004112233 919572464525", 3: "917004112233 919431122334"}},
	} {
		st := openTemp(t)
		res := importText(t, st, c.name, c.text)
		if res.Error != "" || res.Rows != int64(len(c.keys)) || !strings.Contains(res.Keys, c.why) {
			t.Fatalf("%s: %+v", c.name, res)
		}
		got := voiceKeys(t, st)
		for line, want := range c.keys {
			if got[line] != want {
				t.Errorf("%s: keys %v, want %v", c.name, got, c.keys)
				break
			}
		}
	}

	plain := "MSISDN,Call Type,Other Party,Date,Time,Duration\n" +
		"8986052687,OUT,9572464525,24/03/2026,07:17:37,46\n"
	if res := importText(t, openTemp(t), "plain.csv", plain); !strings.Contains(res.Error, "cannot tell which country's numbering plan") {
		t.Fatalf("not refused: %+v", res)
	}
}

// Dates that read either way are refused whatever the layout (a copy a
// spreadsheet saved again in another locale writes the other order), but
// an AT&T return's refusal names the order American returns write; a
// layout of no country's names none.
func TestAmbiguousDatesHintByLayout(t *testing.T) {
	att := "Item,Conn Date,Conn Time(UTC),ET,Originating Number,Terminating Number,CT\n" +
		"1,10/05/2023,13:45:02,0:02:15,(404) 555-0001,(404) 555-0177,MO\n" +
		"2,11/05/2023,14:00:00,1:10,(404) 555-0188,(404) 555-0001,MT\n"
	res := importText(t, openTemp(t), "att.csv", att)
	if !strings.Contains(res.Error, "ambiguous date order") ||
		!strings.Contains(res.Error, `its layout is AT&T's (US), by its column "Conn Date"; that country's returns write MDY: --date-order MDY, unless this copy was saved again in another locale`) {
		t.Fatalf("%+v", res)
	}
	plain := "MSISDN,Call Type,Other Party,Date,Time,Duration\n" +
		"919812345678,OUT,919800000001,10/05/2023,13:45:02,46\n"
	res = importText(t, openTemp(t), "plain.csv", plain)
	if !strings.Contains(res.Error, "ambiguous date order") || strings.Contains(res.Error, "returns write") {
		t.Fatalf("%+v", res)
	}
}
