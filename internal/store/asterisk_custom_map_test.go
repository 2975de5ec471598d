package store

import (
	"strings"
	"testing"
)

// cdr_custom.conf as administrators write it: the older sample's 18-column
// mapping (no sequence: the stock 19-column layout does not fit) and a
// short mapping of their own in another order, its start formatted in GMT.
// Each file is read by the columns its mapping names.
func TestCDRCustomMappingsOfTheImage(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone": "Europe/Paris\n",
		"etc/asterisk/cdr_custom.conf": "[mappings]\n" +
			`Master.csv => "${CDR(clid)}","${CDR(src)}","${CDR(dst)}","${CDR(dcontext)}","${CDR(channel)}","${CDR(dstchannel)}","${CDR(lastapp)}","${CDR(lastdata)}","${CDR(start)}","${CDR(answer)}","${CDR(end)}","${CDR(duration)}","${CDR(billsec)}","${CDR(disposition)}","${CDR(amaflags)}","${CDR(accountcode)}","${CDR(uniqueid)}","${CDR(userfield)}"` + "\n" +
			`Short.csv => ${CSV_QUOTE(${CDR(uniqueid)})},${CSV_QUOTE(${STRFTIME(${CDR(start,u)},GMT,%Y-%m-%d %T)})},${CSV_QUOTE(${CDR(src)})},${CSV_QUOTE(${CDR(lastdata)})},${CSV_QUOTE(${CDR(billsec)})},${CSV_QUOTE(${CDR(disposition)})},${CSV_QUOTE(${CDR(dst)})}` + "\n",
		"var/log/asterisk/cdr-custom/Master.csv": `"""Jean"" <101>","101","0612345678","from-internal","SIP/101-00000001","SIP/ovh-00000002","Dial","SIP/ovh/0612345678,60","2025-01-02 11:00:00","2025-01-02 11:00:05","2025-01-02 11:01:05","65","60","ANSWERED","DOCUMENTATION","","1735812000.1",""` + "\n" +
			`"""Paul"" <102>","102","101","from-internal","SIP/102-00000003","SIP/101-00000004","Dial","SIP/101,20","2025-01-02 11:30:00","","2025-01-02 11:30:10","10","0","NO ANSWER","DOCUMENTATION","","1735813800.3",""` + "\n",
		// 10:00 and 10:30 UTC (GMT in the mapping), the wall clock in Paris (UTC+1)
		"var/log/asterisk/cdr-custom/Short.csv": `"1735812000.5","2025-01-02 10:00:00","103","SIP/ovh/0033140000000,60","42","ANSWERED","90033140000000"` + "\n" +
			`"1735813800.6","2025-01-02 10:30:00","104","SIP/105,20","0","BUSY"` + "\n" +
			`"1735815600.7","2025-01-02 11:00:00","105","SIP/106,20","0","NO ANSWER","106"` + "\n",
	})
	type call struct {
		src, recipient, disposition string
		start, off, billsec         int64
	}
	want := map[string][]call{
		"Master.csv": {{"101", "0612345678", "ANSWERED", 1735812000, 3600, 60}, {"102", "101", "NO ANSWER", 1735813800, 3600, 0}},
		"Short.csv":  {{"103", "90033140000000", "ANSWERED", 1735812000, 3600, 42}, {"105", "106", "NO ANSWER", 1735815600, 3600, 0}},
	}
	for name, w := range want {
		r := byName[name]
		rows, err := st.DB().Query("SELECT src, recipient, disposition, start, wall_offset, billsec FROM ast_calls WHERE source_id = ? ORDER BY line", r.SourceID)
		if err != nil {
			t.Fatal(err)
		}
		var got []call
		for rows.Next() {
			var c call
			rows.Scan(&c.src, &c.recipient, &c.disposition, &c.start, &c.off, &c.billsec)
			got = append(got, c)
		}
		rows.Close()
		if len(got) != len(w) {
			t.Errorf("%s: %+v (%+v), want %+v", name, got, r, w)
			continue
		}
		for i := range w {
			if got[i] != w[i] {
				t.Errorf("%s call %d: %+v, want %+v", name, i+1, got[i], w[i])
			}
		}
	}
	short := byName["Short.csv"]
	var reason, notes string
	st.DB().QueryRow("SELECT reason FROM rejects WHERE source_id = ? AND line = 2", short.SourceID).Scan(&reason)
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", short.SourceID).Scan(&notes)
	if short.Zone != "UTC" || !strings.Contains(reason, "6 columns; the cdr_custom.conf mapping writes 7") {
		t.Errorf("Short.csv: zone %q, line 2 reject %q", short.Zone, reason)
	}
	if !strings.Contains(notes, "its 7 columns are, in order, uniqueid, start, src, lastdata, billsec, disposition, dst") {
		t.Errorf("Short.csv notes %q", notes)
	}
}
