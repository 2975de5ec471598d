package asterisk

import (
	"strings"
	"testing"
)

// Channel Event Logging in the layouts it is published in, values of our
// own: cel_custom lines in the stock cel_custom.conf column order
// (eventtype first, eventtime as Unix seconds with microseconds, cel.conf
// having no dateformat), a cel table exported with its header (the
// columns of the cel table of cel_odbc/cel_pgsql), and the '|'-separated
// psql dump Wazo's call-logd tests read (wazo-platform/wazo-call-logd
// integration tests, raw_cels: "eventtype | eventtime | cid_name | ...").
// None of them is a call record, and a cdr_csv Master.csv is not CEL.
func TestDetectCEL(t *testing.T) {
	tests := []struct {
		name, head string
		ok         bool
		reasonHas  string
	}{
		{"cel_custom", `"CHAN_START","1709283600.000123","Alice","201","201","","","300","internal","SIP/201-00000001","","","3","","1709283600.1","1709283600.1","","","",""` + "\r\n" +
			`"HANGUP","1709283660.000001","Alice","201","201","","300","","internal","SIP/201-00000001","","","3","","1709283600.1","1709283600.1","","","",""` + "\r\n",
			true, "2 of the first 2 lines begin with a CEL event type (CHAN_START, HANGUP)"},
		{"table", "id,eventtype,eventtime,userdeftype,cid_name,cid_num,cid_ani,cid_rdnis,cid_dnid,exten,context,channame,appname,appdata,amaflags,accountcode,peeraccount,uniqueid,linkedid,userfield,peer,extra\n" +
			"1,CHAN_START,2024-03-01 10:00:00.000123,,Alice,201,201,,,300,internal,SIP/201-00000001,,,3,,,1709283600.1,1709283600.1,,,\n",
			true, "table export: its header names eventtype, eventtime, channame, uniqueid, linkedid, peer, extra"},
		{"psql", " eventtype  |          eventtime            | cid_name | cid_num | channame | uniqueid | linkedid | peer | extra\n" +
			"------------+-------------------------------+----------+---------+----------+----------+----------+------+------\n",
			true, "its header names eventtype, eventtime, channame, uniqueid, linkedid, peer, extra"},
		{"cdr_csv", `"","201","300","internal","""Alice"" <201>","SIP/201-00000001","SIP/300-00000002","Dial","SIP/300","2024-03-01 10:00:00","2024-03-01 10:00:05","2024-03-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION"` + "\n", false, ""},
		{"queue_log", "1709283600|1709283600.5|support|NONE|ENTERQUEUE||0612000001|1\n", false, ""},
	}
	for _, tt := range tests {
		ok, reason := DetectCEL([]byte(tt.head))
		if ok != tt.ok || !strings.Contains(reason, tt.reasonHas) {
			t.Errorf("%s: %v %q", tt.name, ok, reason)
		}
	}
}
