package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// A FusionPBX v_xml_cdr export read with --tz Europe/Berlin, one call in
// the hour Berlin's clocks went back (2024-10-27 02:30, CEST or CET) and
// its epochs beside: start_epoch 1729992600 is 01:30 UTC (GNU date), so
// 02:30 CET, wall offset 3600. Before, the stamps alone were read, the
// duration fitted both readings, and the call was rejected; a row whose
// stamp and epoch are not one instant under any whole-minute offset is
// rejected saying so.
func TestFusionPBXEpochsPlaceTheRepeatedHour(t *testing.T) {
	dir := t.TempDir()
	header := "uuid,domain_name,direction,context,caller_id_name,caller_id_number,destination_number,start_epoch,start_stamp,answer_stamp,answer_epoch,end_epoch,end_stamp,duration,billsec,hangup_cause\n"
	testkit.WriteTree(t, dir, map[string]string{"v_xml_cdr.csv": header +
		"f1a2b3c4-0000-4000-8000-000000000001,pbx.example.org,inbound,public,Dave,+4930123456,201,1729992600,2024-10-27 02:30:00,2024-10-27 02:30:05,1729992605,1729992665,2024-10-27 02:31:05,65,60,NORMAL_CLEARING\n" +
		"f1a2b3c4-0000-4000-8000-000000000002,pbx.example.org,inbound,public,Eve,+4930123457,202,1729992617,2024-10-27 04:30:00,,0,1729992647,2024-10-27 04:30:30,30,0,NO_ANSWER\n"})
	st := openTemp(t)
	res := importOne(t, st, filepath.Join(dir, "v_xml_cdr.csv"), ImportOptions{Zone: mustZone(t, "Europe/Berlin")})
	if res.Rows != 1 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(readRows(t, st, `SELECT line, start, answer, "end", wall_offset FROM ast_calls`), " "); got != "2|1729992600|1729992605|1729992665|3600" {
		t.Errorf("call %s, want 2|1729992600|1729992605|1729992665|3600", got)
	}
	if rej := strings.Join(readRows(t, st, rejectsQuery), " "); !strings.Contains(rej, `3|row|start_stamp "2024-10-27 04:30:00" and start_epoch 1729992617 are`) {
		t.Errorf("rejects %q", rej)
	}
}
