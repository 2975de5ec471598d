package store

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// Telecom Italia's Big Data Challenge grid (Milan), as its CSV copies
// write it (testdata/operators/milan_grid_counts_refused.csv): each row is
// the sms-in, sms-out, call-in and call-out activity of one grid square in
// one interval, fractions of a normalised total. Refused by name, whatever
// --kind says, never read as records of a subscriber named by the square
// (CellID) or with a duration from a count. The same columns as the
// dataset's description names them ("SMS-in activity" …, tab-separated)
// are refused the same way.
func TestOperatorGridCountsRefused(t *testing.T) {
	described := "Square id\tTime interval\tCountry code\tSMS-in activity\tSMS-out activity\tCall-in activity\tCall-out activity\tInternet traffic activity\n" +
		"1\t1383260400000\t39\t0.2637\t0.1981\t0.0879\t0.0659\t11.0286\n" +
		"2\t1383260400000\t39\t0.2727\t0.2045\t0.0909\t0.0682\t11.1001\n"
	for _, c := range []struct {
		path string
		kind evidence.Kind
	}{
		{operatorFile("milan_grid_counts_refused.csv"), ""},
		{operatorFile("milan_grid_counts_refused.csv"), evidence.KindVoice},
		{writeEvidence(t, "sms-call-internet-mi.txt", described), ""},
	} {
		st := openTemp(t)
		res := importOne(t, st, c.path, ImportOptions{Kind: c.kind})
		if res.Rows != 0 || !strings.Contains(res.Error, "unknown layout: the columns sms-in, sms-out, call-in and call-out are counts of activity per area and interval") {
			t.Errorf("%s --kind %q: %+v", c.path, c.kind, res)
		}
		if n := count(t, st, "SELECT count(*) FROM voice") + count(t, st, "SELECT count(*) FROM ipdr"); n != 0 {
			t.Errorf("%d records from a table of counts", n)
		}
	}
}

// A research toolkit's per-user records file (interaction, direction,
// correspondent_id, datetime, call_duration, antenna_id): one user's
// records, the user named only by the file's name. Refused by name, not
// with a hint to --map a subscriber column the file does not have.
func TestOperatorOneUserFileRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("bandicoot_user_records_refused.csv"), ImportOptions{Country: "GB"})
	if res.Rows != 0 || !strings.Contains(res.Error, "unknown layout: one user's records (interaction, direction, correspondent_id") ||
		strings.Contains(res.Error, "--map") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d records without their subscriber", n)
	}
}

// FortiOS's carrier-grade NAT logs a block of public ports per private
// address (LOG_ID_IPPOOLPBA_ALLOCATE and _DEALLOCATE: saddr, nat,
// portbegin, portend): no subscriber in it, refused naming what it is and
// where the subscriber is found. Before: "looks like voice records"
// (type, subtype, duration), and the hint to --map a subscriber column.
func TestOperatorFortiOSPortBlockLogRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("fortios_pba_log_refused.csv"), ImportOptions{Country: "IN"})
	if res.Rows != 0 || !strings.Contains(res.Error, `a NAT's port-block allocation log ("portbegin" to "portend"`) ||
		!strings.Contains(res.Error, "RADIUS or IPDR record") || strings.Contains(res.Error, "voice") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != 0 {
		t.Errorf("%d records from a refused file", n)
	}
}
