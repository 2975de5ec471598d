package asterisk

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// fsCDRDoc is what a per-call FreeSWITCH CDR file holds that a call is
// read from: its channel variables, as written (URL-encoded or not), the
// direct children of its first callflow's caller_profile, the line its
// record begins on and that line's text.
type fsCDRDoc struct {
	vars, profile map[string]string
	hasVars       bool
	line          int64
	raw           string
}

// parseXMLCDR reads a mod_xml_cdr file: <cdr core-uuid=...> with
// <variables> (each variable an element of its name) and <callflow>
// elements whose <caller_profile> holds caller_id_number, destination_
// number, context ... (and, nested deeper, the originator's and
// originatee's profiles, which are not this leg's and are passed over).
func parseXMLCDR(data []byte) (fsCDRDoc, error) {
	doc := fsCDRDoc{vars: map[string]string{}, profile: map[string]string{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	var path []string
	var text strings.Builder
	flows := 0
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return doc, fmt.Errorf("not well-formed XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(path) == 0 {
				if t.Name.Local != "cdr" {
					return doc, fmt.Errorf("the root element is <%s>, not mod_xml_cdr's <cdr>", t.Name.Local)
				}
				doc.line, doc.raw = lineAt(data, off)
			}
			path = append(path, t.Name.Local)
			text.Reset()
			switch {
			case len(path) == 2 && t.Name.Local == "variables":
				doc.hasVars = true
			case len(path) == 2 && t.Name.Local == "callflow":
				flows++
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			switch {
			case len(path) == 3 && path[1] == "variables":
				doc.vars[path[2]] = text.String()
			case len(path) == 4 && path[1] == "callflow" && path[2] == "caller_profile" && flows == 1:
				doc.profile[path[3]] = text.String()
			}
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
			text.Reset()
		}
	}
	if doc.line == 0 {
		return doc, errors.New("no <cdr> element")
	}
	return doc, nil
}

// jsonCDR is mod_json_cdr's record: "variables" an object of strings,
// "callflow" an array of objects (an object in older versions) with a
// "caller_profile".
type jsonCDR struct {
	Variables map[string]json.RawMessage `json:"variables"`
	Callflow  json.RawMessage            `json:"callflow"`
}

// parseJSONCDR reads a mod_json_cdr file.
func parseJSONCDR(data []byte) (fsCDRDoc, error) {
	doc := fsCDRDoc{vars: map[string]string{}, profile: map[string]string{}}
	i := bytes.IndexByte(data, '{')
	if i < 0 {
		return doc, errors.New("no JSON object")
	}
	doc.line, doc.raw = lineAt(data, int64(i))
	var rec jsonCDR
	if err := json.Unmarshal(data, &rec); err != nil {
		return doc, fmt.Errorf("not a JSON object: %w", err)
	}
	doc.hasVars = rec.Variables != nil
	for k, v := range rec.Variables {
		doc.vars[k] = jsonText(v)
	}
	type flow struct {
		Profile map[string]json.RawMessage `json:"caller_profile"`
	}
	var flows []flow
	if err := json.Unmarshal(rec.Callflow, &flows); err != nil {
		var one flow
		if json.Unmarshal(rec.Callflow, &one) == nil {
			flows = []flow{one}
		}
	}
	if len(flows) > 0 {
		for k, v := range flows[0].Profile {
			if len(v) > 0 && v[0] == '"' {
				doc.profile[k] = jsonText(v)
			}
		}
	}
	return doc, nil
}

// jsonText is a JSON value as text: a string's contents, anything else as
// written.
func jsonText(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

// lineAt is the 1-based line of byte off in data and that line's text
// (up to 200 bytes).
func lineAt(data []byte, off int64) (int64, string) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := int64(bytes.Count(data[:off], []byte{'\n'})) + 1
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	rest := data[start:]
	if j := bytes.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	if len(rest) > 200 {
		rest = rest[:200]
	}
	return line, strings.TrimRight(string(rest), "\r")
}
