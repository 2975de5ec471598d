package asterisk

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// FormatFreeSWITCHXMLCDR is a call's CDR as FreeSWITCH's mod_xml_cdr
// writes it to disk, one file per leg (log/xml_cdr/<uuid>.cdr.xml, the A
// leg a_<uuid>.cdr.xml with prefix-a-leg): <cdr core-uuid="..."> holding
// <channel_data>, <variables> (every channel variable, URL-encoded),
// <app_log> and <callflow> elements with the caller_profile.
const FormatFreeSWITCHXMLCDR Format = "freeswitch-xml-cdr"

// FormatFreeSWITCHJSONCDR is the same record as mod_json_cdr writes it
// (log/json_cdr/<uuid>.cdr.json, a_<uuid>.cdr.json): a JSON object with
// "core-uuid", "channel_data", "variables" (URL-encoded unless
// encode-values is false) and "callflow".
const FormatFreeSWITCHJSONCDR Format = "freeswitch-json-cdr"

// maxCDRFile is the largest per-call CDR file read: a call's record is
// kilobytes; anything larger is refused, not read in part.
const maxCDRFile = 16 << 20

// DetectFreeSWITCHCDRFile says whether head is the beginning of a per-call
// FreeSWITCH CDR file: an XML document whose root is <cdr core-uuid=...>,
// or a JSON object naming "core-uuid" and "variables" or "channel_data".
func DetectFreeSWITCHCDRFile(head []byte) (Format, string, bool) {
	b := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(b, []byte("<?xml")) {
		if i := bytes.Index(b, []byte("?>")); i >= 0 {
			b = bytes.TrimLeft(b[i+2:], " \t\r\n")
		}
	}
	if bytes.HasPrefix(b, []byte("<cdr")) && len(b) > 4 && strings.ContainsRune(" \t\r\n>", rune(b[4])) {
		end := bytes.IndexByte(b, '>')
		if end > 0 && bytes.Contains(b[:end], []byte("core-uuid=")) {
			return FormatFreeSWITCHXMLCDR, string(FormatFreeSWITCHXMLCDR) + ": a FreeSWITCH mod_xml_cdr record (<cdr core-uuid=...>), one call leg", true
		}
	}
	if bytes.HasPrefix(b, []byte("{")) && bytes.Contains(b, []byte(`"core-uuid"`)) &&
		(bytes.Contains(b, []byte(`"variables"`)) || bytes.Contains(b, []byte(`"channel_data"`))) {
		return FormatFreeSWITCHJSONCDR, string(FormatFreeSWITCHJSONCDR) + ": a FreeSWITCH mod_json_cdr record (\"core-uuid\", \"variables\"), one call leg", true
	}
	return "", "", false
}

// FSCDRFileReader reads the one call leg of a per-call FreeSWITCH CDR file.
type FSCDRFileReader struct {
	r    io.Reader
	f    Format
	wall *time.Location
	done bool
}

// NewFSCDRFileReader reads the call of a mod_xml_cdr (f
// FormatFreeSWITCHXMLCDR) or mod_json_cdr file. wall is the PBX's zone,
// giving the wall clock of a time the file has as Unix seconds only (nil:
// UTC).
func NewFSCDRFileReader(r io.Reader, f Format, wall *time.Location) *FSCDRFileReader {
	return &FSCDRFileReader{r: r, f: f, wall: wall}
}

// Next returns the file's call (or a *RowError saying why it is not one),
// then io.EOF.
//
// The variables are read by the FreeSWITCH table's mapping
// (fillFreeSWITCHTable): caller_id_number (else the first callflow's
// caller_profile's, else sip_from_user) -> Src, destination_number (else
// the caller_profile's, else sip_to_user) -> Dst, caller_id_name, context,
// duration, billsec, hangup_cause, uuid, bleg_uuid or bridge_uuid,
// accountcode and the codecs alike. Each time is exact when the file
// gives its Unix seconds (start_epoch, else start_uepoch's whole seconds;
// answer_ and end_ alike, 0 being never): written with the offset at
// which its stamp (start_stamp ..., the switch's wall clock) shows that
// instant, or, with no stamp, at wall's offset; a stamp that no whole-
// minute offset within 15 hours reconciles with its epoch is a reason to
// reject the file. A stamp alone is the switch's wall clock, as in the
// table. The leg's own direction variable (inbound or outbound as the
// channel saw it) is not the call's: only FusionPBX's call_direction is
// taken as stated. A leg is tied to its call by LinkedID: the A leg's
// uuid, which a B leg names as originating_leg_uuid, or as bridge_uuid
// with last_bridge_role originatee.
func (x *FSCDRFileReader) Next() (Call, error) {
	if x.done {
		return Call{}, io.EOF
	}
	x.done = true
	data, err := io.ReadAll(io.LimitReader(x.r, maxCDRFile+1))
	if err != nil {
		return Call{}, err
	}
	if len(data) > maxCDRFile {
		return Call{}, &RowError{Line: 1, Reason: fmt.Sprintf("larger than %d MiB: not a call's CDR file", maxCDRFile>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM is no part of the JSON
	parse := parseXMLCDR
	what := "<variables>"
	if x.f == FormatFreeSWITCHJSONCDR {
		parse, what = parseJSONCDR, `"variables"`
	}
	doc, err := parse(data)
	if doc.line == 0 {
		doc.line = 1
	}
	c := Call{Line: doc.line, Raw: doc.raw, Sequence: -1, Columns: len(doc.vars)}
	if err != nil {
		return Call{}, &RowError{Line: doc.line, Reason: err.Error(), Raw: doc.raw}
	}
	if !doc.hasVars {
		return Call{}, &RowError{Line: doc.line, Reason: "no " + what + ": the record has none of the call's channel variables", Raw: doc.raw}
	}
	if reason := fillFSCDRFile(&c, doc, x.wall); reason != "" {
		return Call{}, &RowError{Line: doc.line, Reason: reason, Raw: doc.raw}
	}
	return c, nil
}

// fillFSCDRFile maps a CDR file's variables onto c (see Next).
func fillFSCDRFile(c *Call, doc fsCDRDoc, wall *time.Location) string {
	encoded := true
	for _, n := range []string{"start_stamp", "answer_stamp", "end_stamp"} {
		if v := doc.vars[n]; strings.ContainsAny(v, " :") {
			encoded = false // mod_json_cdr with encode-values false
		}
	}
	v := func(n string) (string, bool) {
		s, ok := doc.vars[n]
		if !ok {
			return "", false
		}
		if encoded {
			if d, err := url.PathUnescape(s); err == nil {
				s = d
			}
		}
		return strings.TrimSpace(s), true
	}
	prof := func(n string) string {
		s := doc.profile[n]
		if d, err := url.PathUnescape(s); err == nil {
			s = d
		}
		return strings.TrimSpace(s)
	}
	m := map[string]string{}
	for k := range doc.vars {
		m[k], _ = v(k)
	}
	delete(m, "direction") // the leg's own view, not the call's
	if d := m["call_direction"]; d != "" {
		m["direction"] = d
	}
	for _, n := range []string{"caller_id_number", "destination_number", "caller_id_name", "context"} {
		if m[n] == "" {
			m[n] = prof(n)
		}
	}
	if m["caller_id_number"] == "" {
		m["caller_id_number"] = m["sip_from_user"]
	}
	if m["destination_number"] == "" {
		m["destination_number"] = m["sip_to_user"]
	}
	if m["caller_id_number"] == "" && m["destination_number"] == "" {
		return "no parties: neither caller_id_number, the caller profile's nor sip_from_user names the caller, " +
			"and neither destination_number, the caller profile's nor sip_to_user the destination"
	}
	// whether the call was answered, the file says (answer_epoch 0, or no
	// answer_stamp, is never): billsec counts from it when not written
	_, answered := doc.vars["answer_epoch"]
	for _, n := range []string{"answer_uepoch", "answer_stamp"} {
		if _, ok := doc.vars[n]; ok {
			answered = true
		}
	}
	for _, n := range []string{"start", "answer", "end"} {
		stamp, hasStamp := v(n + "_stamp")
		epoch, hasEpoch, reason := fsEpoch(v, n)
		if reason != "" {
			return reason
		}
		switch {
		case hasEpoch && hasStamp && stamp != "":
			t, err := fsStampAt(stamp, epoch)
			if err != "" {
				return fmt.Sprintf("%s_stamp %q and %s_epoch %d %s", n, stamp, n, epoch, err)
			}
			m[n+"_stamp"] = t
		case hasEpoch:
			loc := wall
			if loc == nil {
				loc = time.UTC
			}
			m[n+"_stamp"] = time.Unix(epoch, 0).In(loc).Format("2006-01-02 15:04:05-07:00")
		case n == "start" && stamp == "":
			return "no start: neither start_epoch, start_uepoch nor start_stamp"
		}
	}
	get := func(names ...string) string {
		for _, n := range names {
			if s := m[n]; s != "" {
				return s
			}
		}
		return ""
	}
	col := func(n string) int {
		if _, ok := m[n]; ok || (n == "answer_stamp" && answered) {
			return 1
		}
		return 0
	}
	if reason := fillFreeSWITCHTable(c, get, col, func(n string) string { return "variable" }); reason != "" {
		return reason
	}
	return "" // LinkedID: the A leg's uuid (fsALegUUID)
}

// fsEpoch is the Unix seconds of time n (start, answer, end): n_epoch,
// else n_uepoch's whole seconds; ok is false when neither is written or
// the value is 0 (never: an answer that did not happen).
func fsEpoch(v func(string) (string, bool), n string) (secs int64, ok bool, reason string) {
	for _, suffix := range []string{"_epoch", "_uepoch"} {
		s, has := v(n + suffix)
		if !has || s == "" {
			continue
		}
		u, err := strconv.ParseInt(s, 10, 64)
		if err != nil || u < 0 {
			return 0, false, fmt.Sprintf("%s%s %q is not Unix time", n, suffix, s)
		}
		if suffix == "_uepoch" {
			u /= 1e6
		}
		return u, u != 0, ""
	}
	return 0, false, ""
}

// fsStampAt writes stamp (the switch's wall clock) with the offset at
// which it shows instant epoch, or says why it cannot.
func fsStampAt(stamp string, epoch int64) (string, string) {
	t, lost, off, hasOff, err := ParseTimeOffset(stamp)
	if err != nil || lost {
		return "", "is not a date-time with seconds"
	}
	if hasOff {
		if t.Unix()-int64(off) != epoch {
			return "", "are not the same instant"
		}
		return stamp, ""
	}
	d := t.Unix() - epoch // the wall clock as UTC less the instant: the offset
	if d%60 != 0 || d > 15*3600 || d < -15*3600 {
		return "", fmt.Sprintf("are %d s apart: no UTC offset shows that instant as that wall clock", d)
	}
	sign, a := '+', d
	if d < 0 {
		sign, a = '-', -d
	}
	return fmt.Sprintf("%s%c%02d:%02d", t.Format("2006-01-02 15:04:05"), sign, a/3600, a%3600/60), ""
}
