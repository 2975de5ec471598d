package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A's records name B (written nationally) twice and a bank's sender once;
// B's records name A once and C once; D's name B once (outside the window
// of the scoped read).
const linksFixture = `MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919800000001,09800000002,VOICE_OUT,2024-03-13,10:00:00,60,X
919800000001,+91 98000 00002,SMS_OUT,2024-03-13,11:00:00,0,X
919800000001,VM-BANK,SMS_IN,2024-03-13,11:30:00,0,X
919800000001,*123#,USSD,2024-03-13,11:40:00,0,X
919800000002,919800000001,VOICE_IN,2024-03-13,10:00:01,55,Y
919800000002,919800000003,VOICE_OUT,2024-03-13,12:00:00,20,Y
919800000004,919800000002,VOICE_OUT,2024-03-14,09:00:00,30,Z
`

func TestCallLinksBothWaysByKey(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(file, []byte(linksFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.Import(context.Background(), []string{file}, ImportOptions{}); err != nil || res[0].Error != "" {
		t.Fatalf("%v %+v", err, res)
	}
	// B: its own records (A, C) and those naming it (A's, D's), each pair once
	ls, err := st.CallLinks(context.Background(), []string{"919800000002"}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []CallLink{
		{Subscriber: "919800000001", Other: "919800000002", OtherAs: "+91 98000 00002", Keyed: true, Calls: 1, SMS: 1, TalkS: 60},
		{Subscriber: "919800000002", Other: "919800000001", OtherAs: "919800000001", Keyed: true, Calls: 1, TalkS: 55},
		{Subscriber: "919800000002", Other: "919800000003", OtherAs: "919800000003", Keyed: true, Calls: 1, TalkS: 20},
		{Subscriber: "919800000004", Other: "919800000002", OtherAs: "919800000002", Keyed: true, Calls: 1, TalkS: 30},
	}
	if len(ls) != len(want) {
		t.Fatalf("links %+v", ls)
	}
	for i := range want {
		if ls[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, ls[i], want[i])
		}
	}
	// A's: the bank's sender unkeyed, the USSD left out; both A and B asked: each link once
	ls, err = st.CallLinks(context.Background(), []string{"919800000001", "919800000002"}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 5 {
		t.Errorf("A and B: %+v", ls)
	}
	var bank *CallLink
	for i := range ls {
		if ls[i].Other == "VM-BANK" {
			bank = &ls[i]
		}
	}
	if bank == nil || bank.Keyed || bank.SMS != 1 {
		t.Errorf("the bank's sender: %+v", bank)
	}
	// the wall-clock scope: 2024-03-14 only
	from, to := int64(1710374400), int64(1710460800) // 2024-03-14 00:00 and 2024-03-15 00:00 as written
	ls, err = st.CallLinks(context.Background(), []string{"919800000002"}, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 1 || ls[0].Subscriber != "919800000004" {
		t.Errorf("scoped: %+v", ls)
	}
}

// The links among A, B and C: A's records naming B (a call and an SMS), B's
// naming A and C; D's records (D not among the subscribers given) and the
// bank's sender are left out; in the scope of the 14th, none.
func TestCallLinksAmong(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(file, []byte(linksFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.Import(context.Background(), []string{file}, ImportOptions{}); err != nil || res[0].Error != "" {
		t.Fatalf("%v %+v", err, res)
	}
	abc := []string{"919800000003", "919800000001", "919800000002"}
	ls, err := st.CallLinksAmong(context.Background(), abc, abc, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []CallLink{
		{Subscriber: "919800000001", Other: "919800000002", OtherAs: "+91 98000 00002", Keyed: true, Calls: 1, SMS: 1, TalkS: 60},
		{Subscriber: "919800000002", Other: "919800000001", OtherAs: "919800000001", Keyed: true, Calls: 1, TalkS: 55},
		{Subscriber: "919800000002", Other: "919800000003", OtherAs: "919800000003", Keyed: true, Calls: 1, TalkS: 20},
	}
	if len(ls) != len(want) {
		t.Fatalf("links %+v", ls)
	}
	for i := range want {
		if ls[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, ls[i], want[i])
		}
	}
	// only B's records, naming A: one link
	if ls, err := st.CallLinksAmong(context.Background(), []string{"919800000002"}, []string{"919800000001"}, 0, 0); err != nil || len(ls) != 1 || ls[0].TalkS != 55 {
		t.Errorf("B among A: %+v %v", ls, err)
	}
	from, to := int64(1710374400), int64(1710460800)
	if ls, err := st.CallLinksAmong(context.Background(), abc, abc, from, to); err != nil || len(ls) != 0 {
		t.Errorf("scoped: %+v %v", ls, err)
	}
}
