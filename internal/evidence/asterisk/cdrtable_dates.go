package asterisk

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// cdrTableOrder is the column order of the cdr table (calldate, clid, src,
// dst, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec,
// disposition, amaflags, accountcode, uniqueid, userfield, ...), used for an
// export written without its header row (FreePBX's CDR report download).
var cdrTableOrder = map[string]int{
	"start": 0, "clid": 1, "src": 2, "dst": 3, "dcontext": 4, "channel": 5, "dstchannel": 6, "lastapp": 7,
	"lastdata": 8, "duration": 9, "billsec": 10, "disposition": 11, "amaflags": 12, "accountcode": 13,
	"uniqueid": 14, "userfield": 15,
}

// fitsCDRTableOrder: a header-less row in the cdr table's order.
func fitsCDRTableOrder(f []csvField) bool {
	return len(f) >= 15 && dispositions[f[11].val] && isSeconds(f[9].val) && isSeconds(f[10].val) &&
		looksLikeUniqueID(f[14].val) && (isDateTime(f[0].val) || isSlashDateTime(f[0].val))
}

// isSlashDateTime: d/m/yyyy or m/d/yyyy with a time ("1/9/2017 16:33:01").
func isSlashDateTime(s string) bool {
	_, _, _, _, ok := splitSlashDate(s)
	return ok
}

// splitSlashDate reads "a/b/yyyy hh:mm[:ss]" into its parts.
func splitSlashDate(s string) (a, b, year int, clock string, ok bool) {
	date, clock, found := strings.Cut(strings.TrimSpace(s), " ")
	if !found {
		return 0, 0, 0, "", false
	}
	parts := strings.Split(date, "/")
	if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, 0, 0, "", false
	}
	var err1, err2, err3 error
	a, err1 = strconv.Atoi(parts[0])
	b, err2 = strconv.Atoi(parts[1])
	year, err3 = strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || a < 1 || b < 1 || a > 31 || b > 31 || a > 12 && b > 12 {
		return 0, 0, 0, "", false
	}
	if _, _, err := ParseTime(fmt.Sprintf("%04d-01-01 %s", year, clock)); err != nil {
		return 0, 0, 0, "", false
	}
	return a, b, year, clock, true
}

// slashDateISO rewrites a d/m/yyyy or m/d/yyyy date-time as yyyy-mm-dd
// hh:mm:ss. The order is the one a part above 12 forces; when both read,
// the call's uniqueid (the Unix time its channel was created) decides: the
// reading within a day of it wins. how says which decided.
func slashDateISO(s, uniqueid string) (iso, how string, err error) {
	a, b, year, clock, ok := splitSlashDate(s)
	if !ok {
		return "", "", fmt.Errorf("%q is not a date-time", s)
	}
	dmy := fmt.Sprintf("%04d-%02d-%02d %s", year, b, a, clock)
	mdy := fmt.Sprintf("%04d-%02d-%02d %s", year, a, b, clock)
	switch {
	case a > 12:
		return dmy, "day above 12", nil
	case b > 12:
		return mdy, "day above 12", nil
	case a == b:
		return dmy, "day equals month", nil
	}
	epoch, ok := UniqueIDEpoch(uniqueid)
	if !ok {
		return "", "", fmt.Errorf("%q reads as day/month and as month/day, and no uniqueid tells which", s)
	}
	near := func(iso string) bool {
		t, _, err := ParseTime(iso)
		if err != nil {
			return false
		}
		d := t.Unix() - epoch
		return d > -int64(36*time.Hour/time.Second) && d < int64(36*time.Hour/time.Second)
	}
	switch {
	case near(dmy) && !near(mdy):
		return dmy, "uniqueid", nil
	case near(mdy) && !near(dmy):
		return mdy, "uniqueid", nil
	}
	return "", "", fmt.Errorf("%q reads as day/month and as month/day, and its uniqueid %s fits neither or both", s, uniqueid)
}
