package analysis

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// dictColumns are the columns of a dictionary file, in positional order
// (used when the file has no header line).
var dictColumns = []string{"ports", "app", "vendor", "protocol", "confidence", "note", "origin"}

// dictColumnAliases maps accepted header names (lower case) to a column.
var dictColumnAliases = map[string]string{
	"ports": "ports", "port": "ports", "app": "app", "application": "app",
	"vendor": "vendor", "protocol": "protocol", "proto": "protocol",
	"confidence": "confidence", "note": "note", "notes": "note", "origin": "origin",
}

// ParseDictionary reads an analyst's CSV of port rules. The header is
// optional; the columns are ports,app,vendor,protocol,confidence,note (and
// origin, written by MarshalCSV); only ports and app are required, and header
// names are matched case-insensitively when present (aliases: port,
// application, proto, notes). Ports are written "443", "3478-3481",
// "80;8080" or "80 8080 8443"; one line with several ports or ranges gives
// one rule per range. '#' comment lines and blank lines are skipped, a UTF-8
// byte order mark is ignored. Protocol is TCP, UDP, TCP+UDP (also written
// UDP+TCP, TCP/UDP, both) or empty; confidence is high, medium or low, and
// "high" when empty (the analyst asserted it). Origin is the origin column
// when present and not empty, else name.
//
// Every bad line is reported as "name:LINE: what is wrong" (bad port,
// reversed range, port > 65535, missing app, unknown protocol or confidence,
// too many fields, unknown header column), all of them joined with
// errors.Join; no rules are returned when there is any error.
func ParseDictionary(r io.Reader, name string) ([]PortRule, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.TrimLeadingSpace = true

	var rules []PortRule
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	columns := dictColumns // column of each field position
	first := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			break
		}
		line, _ := cr.FieldPos(0)
		if isBlankRecord(rec) {
			continue
		}
		if first {
			first = false
			if _, ok := dictColumnAliases[strings.ToLower(strings.TrimSpace(rec[0]))]; ok {
				columns = parseDictHeader(rec, func(f string, a ...any) { fail(line, f, a...) })
				continue
			}
		}
		if columns == nil {
			continue // the header was bad: already reported
		}
		fields := map[string]string{}
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if i >= len(columns) {
				if v != "" {
					fail(line, "%d fields, expected at most %d (quote a note that holds commas)", len(rec), len(columns))
					break
				}
				continue
			}
			fields[columns[i]] = v
		}
		rules = append(rules, parseDictLine(fields, name, func(f string, a ...any) { fail(line, f, a...) })...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return rules, nil
}

func isBlankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return strings.HasPrefix(strings.TrimSpace(rec[0]), "#") // indented comment
		}
	}
	return true
}

// parseDictHeader maps the header's names to columns; nil when it is unusable.
func parseDictHeader(rec []string, fail func(string, ...any)) []string {
	cols := make([]string, len(rec))
	seen := map[string]bool{}
	ok := true
	for i, h := range rec {
		h = strings.ToLower(strings.TrimSpace(h))
		c, known := dictColumnAliases[h]
		switch {
		case h == "":
			c = "" // an empty header cell: its values are ignored
		case !known:
			fail("unknown column %q (want %s)", h, strings.Join(dictColumns, ","))
			ok = false
		case seen[c]:
			fail("column %q given twice", h)
			ok = false
		}
		seen[c] = true
		cols[i] = c
	}
	for _, need := range []string{"ports", "app"} {
		if !seen[need] {
			fail("header has no %q column", need)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return cols
}

// parseDictLine turns one data line into its rules, reporting what is wrong.
func parseDictLine(f map[string]string, name string, fail func(string, ...any)) []PortRule {
	bad := false
	failf := func(format string, a ...any) { fail(format, a...); bad = true }
	ranges := parsePortList(f["ports"], failf)
	if f["app"] == "" {
		failf("missing app")
	}
	proto, ok := normalProtocol(f["protocol"])
	if !ok {
		failf("unknown protocol %q (want TCP, UDP, TCP+UDP or empty)", f["protocol"])
	}
	conf := strings.ToLower(f["confidence"])
	if conf == "" {
		conf = "high"
	}
	if confidenceRank(conf) == 0 {
		failf("unknown confidence %q (want high, medium or low)", f["confidence"])
	}
	origin := f["origin"]
	if origin == "" {
		origin = name
	}
	if bad {
		return nil
	}
	out := make([]PortRule, 0, len(ranges))
	for _, r := range ranges {
		out = append(out, PortRule{Lo: r[0], Hi: r[1], Protocol: proto, App: f["app"], Vendor: f["vendor"],
			Note: f["note"], Confidence: conf, Origin: origin})
	}
	return out
}

// parsePortList reads "443", "3478-3481", "80;8080", "80 8080 8443" or
// "80,8080" (in a quoted field); spaces around a dash are allowed.
func parsePortList(s string, fail func(string, ...any)) [][2]int {
	s = strings.NewReplacer("\u2013", "-", "\u2014", "-").Replace(s)
	for strings.Contains(s, " -") || strings.Contains(s, "- ") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, " -", "-"), "- ", "-")
	}
	tokens := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) })
	if len(tokens) == 0 {
		fail("missing ports")
		return nil
	}
	var out [][2]int
	for _, t := range tokens {
		loText, hiText, isRange := strings.Cut(t, "-")
		lo, okLo := parsePort(loText)
		hi, okHi := lo, okLo
		if isRange {
			hi, okHi = parsePort(hiText)
		}
		switch {
		case !okLo || !okHi:
			fail("bad port %q", t)
		case lo > maxPort || hi > maxPort:
			fail("port %d > 65535 in %q", max(lo, hi), t)
		case lo > hi:
			fail("reversed range %q", t)
		default:
			out = append(out, [2]int{lo, hi})
		}
	}
	return out
}

// parsePort reads decimal digits only (no sign, no hex); values above
// 65535 are returned for the caller to report.
func parsePort(s string) (int, bool) {
	if s == "" || len(s) > 9 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func normalProtocol(p string) (string, bool) {
	p = strings.ToUpper(strings.TrimSpace(p))
	switch strings.NewReplacer("/", "+", "&", "+", " ", "").Replace(p) {
	case "":
		return "", true
	case "TCP":
		return "TCP", true
	case "UDP":
		return "UDP", true
	case "TCP+UDP", "UDP+TCP", "BOTH":
		return "TCP+UDP", true
	}
	return "", false
}

// MarshalCSV writes the dictionary in the ParseDictionary format, with a
// header and an origin column, best layer first, so it can be stored in a
// case and read back (NewDictionary of ParseDictionary) to reproduce a
// result. Consecutive rules that differ only in their ports share a line.
func (d *Dictionary) MarshalCSV() []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(dictColumns) // writes to a bytes.Buffer cannot fail
	for i := 0; i < len(d.rules); {
		r := d.rules[i]
		ports := []string{portRangeText(r)}
		j := i + 1
		for ; j < len(d.rules) && sameButPorts(d.rules[j], r); j++ {
			ports = append(ports, portRangeText(d.rules[j]))
		}
		_ = w.Write([]string{strings.Join(ports, ";"), r.App, r.Vendor, r.Protocol, r.Confidence, r.Note, r.Origin})
		i = j
	}
	w.Flush()
	return buf.Bytes()
}

// Fingerprint is the SHA-256 hex of MarshalCSV: two dictionaries with the
// same fingerprint attribute every port the same way.
func (d *Dictionary) Fingerprint() string {
	sum := sha256.Sum256(d.MarshalCSV())
	return hex.EncodeToString(sum[:])
}

func portRangeText(r PortRule) string {
	if r.Lo == r.Hi {
		return strconv.Itoa(r.Lo)
	}
	return strconv.Itoa(r.Lo) + "-" + strconv.Itoa(r.Hi)
}

func sameButPorts(a, b PortRule) bool {
	a.Lo, a.Hi, b.Lo, b.Hi = 0, 0, 0, 0
	return a == b
}
