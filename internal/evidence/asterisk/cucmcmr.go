package asterisk

import "fmt"

// cucmCMRReason says why a Cisco Unified CM CMR file (its call management
// records: a row per leg's voice quality, cdrRecordType 2, with
// directoryNum, numberPacketsSent, numberOctetsSent, jitter, latency ...)
// is not read, when line is its header; "" for any other line. Such a file
// names no caller, callee or call time, and its counts are no data
// session's volumes; the calls are in the CDR file of the same period.
func cucmCMRReason(line string) string {
	delim := tableDelim(line)
	cells, err := splitTable(line, delim, nil)
	if err != nil {
		return ""
	}
	h := headerIndex(cells)
	for _, n := range []string{"cdrrecordtype", "globalcallid_callid", "directorynum", "numberpacketssent", "numberoctetssent", "jitter"} {
		if _, ok := h[n]; !ok {
			return ""
		}
	}
	return fmt.Sprintf("a Cisco Unified CM CMR file (call management records, %d columns: the voice quality of each leg, numberPacketsSent, "+
		"numberOctetsSent, jitter, latency): it names no caller, callee or call time, and its packet and octet counts are no data "+
		"session's; import the CDR file of the same period (cdr_…, beside this cmr_…), whose calls these legs' globalCallID_callId names", len(cells))
}
