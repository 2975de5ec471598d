package asterisk

import (
	"fmt"
	"strings"
)

// FormatKamailioAccLog is the system log (syslog, messages, kamailio.log)
// of a Kamailio, OpenSIPS or OpenSER proxy whose acc module logs each
// transaction as a line:
//
//	Jan  2 10:00:00 sip kamailio[812]: NOTICE: acc [acc.c:285]: acc_log_request(): ACC: transaction answered:
//	  timestamp=1735812000;method=INVITE;from_tag=a1;to_tag=b2;call_id=c3@10.0.0.5;code=200;reason=OK;src_user=201;dst_user=919812345678
//
// and "ACC: call missed:" (acc_missed_flag) or other events in the same
// form; older proxies write "method=INVITE, i-uri=sip:NUM@host, ..., call_id=..., from=... <sip:NUM@host>;tag=..., code=486".
// An INVITE line is a call, the BYE of its call_id ends it; the other
// lines of the log (other programs, other methods) are passed over and
// counted.
const FormatKamailioAccLog Format = "kamailio-acc-syslog"

// accMarker starts the acc module's part of a log line.
const accMarker = "ACC: "

// accLine splits an acc log line into its event ("transaction answered")
// and its key=value pairs; ok is false when the line is not one.
func accLine(line string) (prefix, event string, kv map[string]string, ok bool) {
	i := strings.Index(line, accMarker)
	if i < 0 {
		return "", "", nil, false
	}
	prefix, rest := line[:i], line[i+len(accMarker):]
	event, pairs, found := strings.Cut(rest, ": ")
	if !found || len(event) > 40 || strings.Contains(event, "=") {
		return "", "", nil, false
	}
	sep := ", "
	if strings.Contains(pairs, ";method=") || strings.Contains(pairs, ";call_id=") || strings.HasPrefix(pairs, "timestamp=") {
		sep = ";"
	}
	kv = map[string]string{}
	for _, p := range splitOutsideQuotes(pairs, sep) {
		k, v, ok := strings.Cut(p, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || k == "" || strings.ContainsAny(k, " <>") {
			continue
		}
		if _, dup := kv[k]; !dup {
			kv[k] = strings.TrimSpace(v)
		}
	}
	_, m := kv["method"]
	_, c1 := kv["call_id"]
	_, c2 := kv["callid"]
	return prefix, event, kv, m && (c1 || c2)
}

// DetectKamailioAccLog says whether a head holds acc log lines; the lines
// of other programs around them do not count against it.
func DetectKamailioAccLog(head []byte) (bool, string) {
	acc, lines := 0, 0
	for _, b := range headLines(head) {
		if isBlank(b) {
			continue
		}
		lines++
		if _, _, _, ok := accLine(string(b)); ok {
			acc++
		}
	}
	if acc == 0 {
		return false, ""
	}
	return true, fmt.Sprintf("%s: a system log with Kamailio/OpenSIPS acc lines (%d of the first %d lines): INVITE lines are calls, BYE lines end them, other lines are passed over",
		FormatKamailioAccLog, acc, lines)
}

// uriUser is the user part of a SIP URI or name-addr ("sip:201@host",
// "\"Bob\" <sip:201@host>;tag=x"): "" when there is none.
func uriUser(v string) string {
	i := strings.Index(v, "sip:")
	if i < 0 {
		i = strings.Index(v, "sips:")
		if i < 0 {
			return ""
		}
		i++
	}
	u := v[i+4:]
	at := strings.IndexByte(u, '@')
	if at < 0 {
		return ""
	}
	return u[:at]
}

// fillKamailioAccLog maps an acc log line onto c; skip says the line is
// not a record this reader keeps (another program's, or a method other
// than INVITE and BYE).
func fillKamailioAccLog(c *Call, raw string) (reason string, skip bool) {
	prefix, event, kv, ok := accLine(raw)
	if !ok {
		return "", true
	}
	get := func(names ...string) string {
		for _, n := range names {
			if v := kv[n]; v != "" {
				return v
			}
		}
		return ""
	}
	method := strings.ToUpper(get("method"))
	c.Disposition = strings.TrimSpace(get("code", "sip_code") + " " + get("reason", "sip_reason"))
	if !accMethod(c, method) {
		return "", true
	}
	switch ts := get("timestamp", "time", "created", "start_time"); {
	case ts != "":
		whole, _, _ := strings.Cut(ts, ".")
		t, ok := epochText(whole)
		if !ok && isDateTime(ts) {
			t, ok = ts, true
		}
		if !ok {
			return fmt.Sprintf("timestamp %q is neither Unix seconds nor a date-time", ts), false
		}
		c.Start = t
	default:
		// rsyslog's high-precision prefix carries the year and offset
		first, _, _ := strings.Cut(strings.TrimSpace(prefix), " ")
		if !isDateTime(first) {
			return "an acc line without timestamp= whose syslog prefix has no year (a classic \"Jan  2 10:00:00\" stamp): its date cannot be known", false
		}
		c.Start = first
	}
	// a CDR record (OpenSIPS "ACC: call ended": created, call_start_time,
	// setuptime, duration; Kamailio's cdr: start_time, end_time, duration)
	if v := get("call_start_time"); v != "" {
		whole, _, _ := strings.Cut(v, ".")
		c.Answer, _ = epochText(whole)
	}
	if v := get("end_time"); v != "" {
		whole, _, _ := strings.Cut(v, ".")
		c.End, _ = epochText(whole)
	}
	if d, ok := parseSeconds(get("duration")); ok {
		c.BillSec = d
		setup, okSetup := parseSeconds(get("setuptime"))
		switch {
		case okSetup:
			c.Duration = d + setup
		case c.Answer == "":
			// Kamailio's cdr: end_time - start_time, the start the
			// INVITE's unless cdr_start_on_confirmed, which the line does
			// not say: the whole call, perhaps, but not the talk time
			c.Duration, c.BillSec = d, NoBillsec
		} // else OpenSIPS's duration from the answer, without the setup: no whole duration
	}
	c.UniqueID = get("call_id", "callid")
	c.Src = get("src_user", "from_user", "calling")
	if c.Src == "" {
		c.Src = uriUser(get("from"))
	}
	c.Dst = get("dst_ouser", "dst_user", "to_user", "called")
	if c.Dst == "" {
		c.Dst = uriUser(get("o-uri", "i-uri", "to"))
		// an o-uri the proxy rewrote to a service (an announcement:
		// sip:tal-rsp-404@..., as a published 1&1 openser log has it)
		// names no party: the number dialled is the i-uri's (or To's)
		if !isDigits(strings.TrimPrefix(c.Dst, "+")) {
			for _, k := range []string{"i-uri", "to"} {
				if u := uriUser(get(k)); u != "" && isDigits(strings.TrimPrefix(u, "+")) {
					c.Dst = u
					break
				}
			}
		}
	}
	c.CLID = get("from")
	c.Channel, c.DstChannel = get("src_ip"), get("dst_domain")
	c.LastApp, c.LastData = method, accMarker+event
	return "", false
}

// splitOutsideQuotes splits s at each sep that is not inside double quotes
// (a display name such as "Smith, Jones & Partner").
func splitOutsideQuotes(s, sep string) []string {
	var out []string
	in, from := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			in = !in
		case !in && strings.HasPrefix(s[i:], sep):
			out = append(out, s[from:i])
			from = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(out, s[from:])
}
