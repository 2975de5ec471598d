package asterisk

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// parseJSONLogLine reads one entry of Asterisk's JSON log format
// (logger.conf "[json]" formatter: one object per line). The fields are
// found by name wherever they nest ({"hostname", "timestamp",
// "identifiers": {"lwp", "callid"}, "logmsg": {"location": {"filename",
// "function", "line"}, "level", "message"}}), so flatter variants read too.
// ok is false when the line is not such an object with a timestamp.
func parseJSONLogLine(line string, n int64) (LogEntry, bool) {
	var obj map[string]any
	if err := json.Unmarshal([]byte(line), &obj); err != nil {
		return LogEntry{}, false
	}
	leaves := map[string]string{}
	flattenJSON(obj, leaves, 0)
	e := LogEntry{Line: n, EndLine: n, json: true}
	stampText := firstLeaf(leaves, "timestamp", "time", "date", "datetime")
	if stampText == "" {
		return LogEntry{}, false
	}
	st, ok := parseStampText(strings.TrimSuffix(stampText, "Z"))
	if !ok {
		return LogEntry{}, false
	}
	e.Stamp = stampText
	e.setStamp(st)
	e.Level = strings.ToUpper(firstLeaf(leaves, "level", "level_name", "severity"))
	e.Thread = firstLeaf(leaves, "lwp", "thread", "tid")
	e.CallID = firstLeaf(leaves, "callid", "call_id")
	e.File = firstLeaf(leaves, "filename", "file")
	if l := firstLeaf(leaves, "line"); l != "" && e.File != "" {
		e.File += ":" + l
	}
	e.Function = firstLeaf(leaves, "function", "func")
	e.Text = strings.TrimRight(firstLeaf(leaves, "message", "msg"), "\n")
	e.Host = firstLeaf(leaves, "hostname", "host")
	if e.Host != "" {
		e.Program = "asterisk"
	}
	return e, true
}

// flattenJSON records every leaf value under its own key (lower case); the
// first one met wins. Nesting is bounded.
func flattenJSON(v map[string]any, out map[string]string, depth int) {
	if depth > 4 {
		return
	}
	for k, x := range v {
		k = strings.ToLower(k)
		switch t := x.(type) {
		case map[string]any:
			flattenJSON(t, out, depth+1)
		case string:
			if _, seen := out[k]; !seen {
				out[k] = t
			}
		case float64:
			if _, seen := out[k]; !seen {
				out[k] = strconv.FormatFloat(t, 'f', -1, 64)
			}
		case bool, nil:
		default:
			if _, seen := out[k]; !seen {
				out[k] = fmt.Sprint(t)
			}
		}
	}
}

func firstLeaf(leaves map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(leaves[k]); v != "" {
			return v
		}
	}
	return ""
}
