package store

import (
	"context"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// An Asterisk GUI (AsteriskNOW) system: its phones and its trunk exist only
// in users.conf (configs/samples/users.conf.sample of asterisk/asterisk:
// [general] holds every user's defaults; the GUI writes a trunk as
// [trunk_1] with trunkname and host), its dial plan reaches the trunk
// through a global, as the GUI writes it (exten = _9X.,1,Macro(trunkdial-
// failover-0.3,${trunk_1}/${EXTEN:1},,trunk_1,)). Values of our own.
func TestImportUsersConfTree(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone": "America/New_York\n",
		"etc/asterisk/users.conf": "[general]\nfullname = New User\nuserbase = 6000\nhassip = yes\nhasiax = no\ncontext = numberplan-custom-1\n\n" +
			"[6001]\nfullname = Lobby\n\n[6002]\nfullname = Desk\n\n" + // [6001] line 8, [6002] line 11
			"[trunk_1]\ntrunkname = Carrier\nhost = sip.gui-carrier.example\ncontext = DID_trunk_1\ntrunkstyle = voip\n", // line 14
		"etc/asterisk/extensions.conf": "[globals]\ntrunk_1 = SIP/trunk_1\n\n[DID_trunk_1]\nexten = _X.,1,Goto(default,6001,1)\n\n" +
			"[numberplan-custom-1]\nexten = _9X.,1,Macro(trunkdial-failover-0.3,${trunk_1}/${EXTEN:1},,trunk_1,)\n" + // line 8
			"exten = _600X,1,Macro(stdexten,${EXTEN},${HINT})\n",
		"var/log/asterisk/cdr-csv/Master.csv": strings.Join([]string{
			`"","6001","95551234567","numberplan-custom-1","""Lobby"" <6001>","SIP/6001-00000001","SIP/trunk_1-00000002","Dial","SIP/trunk_1/5551234567,,","2024-03-01 09:00:00","2024-03-01 09:00:06","2024-03-01 09:02:06",126,120,"ANSWERED","DOCUMENTATION","1709301600.1",""`,
			`"","3125550147","5550100","DID_trunk_1","""CALLER"" <3125550147>","SIP/trunk_1-00000003","SIP/6001-00000004","Dial","SIP/6001,20","2024-03-01 09:30:00","2024-03-01 09:30:04","2024-03-01 09:31:04",64,60,"ANSWERED","DOCUMENTATION","1709303400.3",""`,
			`"","6002","6001","numberplan-custom-1","""Desk"" <6002>","SIP/6002-00000005","SIP/6001-00000006","Dial","SIP/6001,20","2024-03-01 10:00:00","2024-03-01 10:00:02","2024-03-01 10:01:02",62,60,"ANSWERED","DOCUMENTATION","1709305200.5",""`,
		}, "\n") + "\n",
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Error != "" {
			t.Errorf("%s: %s", r.Path, r.Error)
		}
	}
	peers, err := st.PBXPeers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range peers {
		got = append(got, strings.Join([]string{p.Conf, p.Name, p.Host, p.Context, filepath.Base(p.Path), itoaLine(p.Line)}, "|"))
	}
	if want := "sip|6001|dynamic|numberplan-custom-1|users.conf|8,sip|6002|dynamic|numberplan-custom-1|users.conf|11,sip|trunk_1|sip.gui-carrier.example|DID_trunk_1|users.conf|14"; strings.Join(got, ",") != want {
		t.Errorf("peers %v\nwant %s", got, want)
	}
	wantCalls := map[int64]fpbxCall{
		1: {"5551234567", "trunk", "5551234567", "SIP/trunk_1", "outbound", "users.conf line 14: [trunk_1] host=sip.gui-carrier.example", "less the prefix 9 that extensions.conf line 8 strips"},
		2: {"5550100", "dst", "", "", "inbound", "arrived on SIP/trunk_1, a trunk", ""},
		3: {"6001", "dst", "", "", "internal", "between two extensions", ""},
	}
	rows, err := st.DB().Query(`SELECT line, recipient, recipient_from, dialled, trunk, direction, direction_reason, recipient_note FROM ast_calls ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var line int64
		var g fpbxCall
		var reason, note string
		rows.Scan(&line, &g.recipient, &g.from, &g.dialled, &g.trunk, &g.direction, &reason, &note)
		n++
		w := wantCalls[line]
		if g.recipient != w.recipient || g.from != w.from || g.dialled != w.dialled || !strings.EqualFold(g.trunk, w.trunk) || g.direction != w.direction ||
			!strings.Contains(reason, w.reasonHas) || !strings.Contains(note, w.noteHas) {
			t.Errorf("line %d: got %+v (%q, %q), want %+v", line, g, reason, note, w)
		}
	}
	if n != 3 {
		t.Errorf("%d calls", n)
	}
}

func itoaLine(n int64) string { return strconv.FormatInt(n, 10) }
