package asterisk

import (
	"bytes"
	"fmt"
	"strings"
)

// celEvents are the event types Asterisk's Channel Event Logging writes
// (cel.c's event names, Asterisk 1.8 to 22).
var celEvents = map[string]bool{
	"CHAN_START": true, "CHAN_END": true, "HANGUP": true, "ANSWER": true, "APP_START": true, "APP_END": true,
	"PARK_START": true, "PARK_END": true, "USER_DEFINED": true, "BRIDGE_START": true, "BRIDGE_END": true,
	"BRIDGE_UPDATE": true, "BRIDGE_ENTER": true, "BRIDGE_EXIT": true, "CONF_START": true, "CONF_END": true,
	"CONF_ENTER": true, "CONF_EXIT": true, "3WAY_START": true, "3WAY_END": true, "TRANSFER": true,
	"BLINDTRANSFER": true, "ATTENDEDTRANSFER": true, "HOOKFLASH": true, "PICKUP": true, "FORWARD": true,
	"LINKEDID_END": true, "LOCAL_OPTIMIZE": true, "LOCAL_OPTIMIZE_BEGIN": true, "STREAM_BEGIN": true,
	"STREAM_END": true, "DTMF": true,
}

// DetectCEL says whether a file's head is Channel Event Logging: a table
// export whose header names eventtype and eventtime (the cel table of
// cel_odbc, cel_pgsql or cel_sqlite3, comma- or '|'-separated), or
// cel_custom lines whose first value is a CEL event type (the stock
// cel_custom.conf mapping starts with ${eventtype}). CEL is one row per
// channel event, not per call: it must never be read as call records.
func DetectCEL(head []byte) (ok bool, reason string) {
	fit, total := 0, 0
	types := map[string]int{}
	for i, b := range headLines(head) {
		line := strings.TrimSpace(string(bytes.TrimRight(b, "\r")))
		if line == "" {
			continue
		}
		if i == 0 || total == 0 {
			if h := celHeader(line); h != "" {
				return true, "Channel Event Logging (CEL) table export: its header names " + h
			}
		}
		total++
		first := line
		if j := strings.IndexAny(line, ",|"); j >= 0 {
			first = line[:j]
		}
		first = strings.TrimSpace(strings.Trim(strings.TrimSpace(first), `"`))
		if celEvents[strings.ToUpper(first)] {
			fit++
			types[strings.ToUpper(first)]++
		}
	}
	if fit == 0 || fit*2 <= total {
		return false, ""
	}
	var seen []string
	for _, e := range []string{"CHAN_START", "ANSWER", "HANGUP", "CHAN_END", "LINKEDID_END", "BRIDGE_ENTER", "APP_START"} {
		if types[e] > 0 {
			seen = append(seen, e)
		}
	}
	return true, fmt.Sprintf("Channel Event Logging (CEL, cel_custom): %d of the first %d lines begin with a CEL event type (%s)",
		fit, total, strings.Join(seen, ", "))
}

// celHeader returns "eventtype, eventtime ..." when line is the header of
// a CEL table export, else "".
func celHeader(line string) string {
	cols := map[string]bool{}
	for _, f := range strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return r == ',' || r == '|' || r == '\t' || r == ';' }) {
		cols[strings.Trim(strings.TrimSpace(f), `"'`)] = true
	}
	if !cols["eventtype"] || !cols["eventtime"] {
		return ""
	}
	named := []string{"eventtype", "eventtime"}
	for _, c := range []string{"channame", "uniqueid", "linkedid", "peer", "extra"} {
		if cols[c] {
			named = append(named, c)
		}
	}
	return strings.Join(named, ", ")
}
