package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

// AccWithoutBye writes acc.csv into dir, a Kamailio acc export of our own
// values and returns its path: c1 from 1001 to 0441234567 answered at
// 14:00:00 and ended by its BYE at 14:02:30 (150 s), c2 busy (486), and c4
// from 1003 to c4To answered at 16:00:00 with no BYE in the export (its
// talk time unknown).
func AccWithoutBye(t testing.TB, dir, c4To string) string {
	t.Helper()
	acc := filepath.Join(dir, "acc.csv")
	if err := os.WriteFile(acc, []byte("id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_user,src_domain,src_ip,dst_ouser,dst_user,dst_domain\n"+
		"1,INVITE,a1,b1,c1@10.0.0.5,200,OK,2024-05-06 14:00:00,1001,pbx.example,10.0.0.5,0441234567,0441234567,gw.example\n"+
		"2,BYE,a1,b1,c1@10.0.0.5,200,OK,2024-05-06 14:02:30,1001,pbx.example,10.0.0.5,0441234567,0441234567,gw.example\n"+
		"3,INVITE,a2,b2,c2@10.0.0.5,486,Busy Here,2024-05-06 15:00:00,1002,pbx.example,10.0.0.6,0449876543,0449876543,gw.example\n"+
		"4,INVITE,a4,b4,c4@10.0.0.5,200,OK,2024-05-06 16:00:00,1003,pbx.example,10.0.0.7,"+c4To+","+c4To+",gw.example\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	return acc
}
