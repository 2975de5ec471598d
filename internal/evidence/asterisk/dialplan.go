package asterisk

import (
	"strings"
)

// Extension is one dial-plan step of extensions.conf.
type Extension struct {
	Context  string
	Exten    string // "100", "_X.", "s", "100/_0123" (with a caller-id match) as written
	Priority string // "1", "n", "n(label)", "hint" as written
	App      string // "Dial"; "" for a hint
	AppData  string // "SIP/100,20"; for a hint the device list
	Line     int
}

// DialPlan is what extensions.conf says about contexts and numbers.
type DialPlan struct {
	Contexts   []string    // section names, except [general], [globals] and templates
	Extensions []Extension // every exten => and same => line of a context, in file order
	// Templates are the steps written in templates ([name](!)), under the
	// template's name: no context of the dial plan, reached only through
	// the contexts that name the template (where they are in Extensions).
	Templates []Extension
	// Includes are the include => lines (AEL: includes { }), in file
	// order: the contexts Asterisk searches, in that order, after a
	// context's own extensions.
	Includes []Include
	// Globals are an AEL file's globals { NAME=value; } statements, in
	// file order (extensions.conf's [globals] is kept as its entries).
	Globals []Entry
	// Numbers are the distinct phone numbers (3+ digits, optional '+') in
	// literal extensions, Dial() targets and CALLERID(num/all/ani/...)
	// settings, in first-seen order.
	Numbers []string
}

// ParseDialPlan reads the dial plan from a parsed extensions.conf.
// "exten => 100,1,Dial(SIP/100)" and "same => n,Hangup()" are both
// understood (same takes the extension of the line before it in its
// context); old "App,args" steps without parentheses are split at the
// first comma.
//
// Templates are read as Asterisk's config loader makes them: a template
// ([name](!)) is no context, and a context naming templates
// ([phones](outbound,local)) holds their lines first, in the order named,
// then its own (each step keeps the line it is written on; a step of a
// template given with line 0, another file's, takes the line of the
// header naming the template). A section
// appended with (+) continues its context, "same" included.
func ParseDialPlan(c *Conf) DialPlan {
	var dp DialPlan
	seenCtx := map[string]bool{}
	seenNum := map[string]bool{}
	last := map[string]string{} // context -> extension of its last exten line
	addNumber := func(n string) {
		if isPhoneNumber(n) && !seenNum[n] {
			seenNum[n] = true
			dp.Numbers = append(dp.Numbers, n)
		}
	}
	for i, s := range c.Sections {
		lname := strings.ToLower(s.Name)
		if s.Name == "" || lname == "general" || lname == "globals" {
			continue
		}
		entries := append(inheritedEntries(c, i, map[string]bool{lname: true}), s.Entries...)
		if !s.IsTemplate && !seenCtx[lname] {
			seenCtx[lname] = true
			dp.Contexts = append(dp.Contexts, s.Name)
		}
		if !s.Append {
			last[lname] = ""
		} else if last[lname] == "" {
			last[lname] = s.SameExten // the context is another file's
		}
		for _, e := range entries {
			key := strings.ToLower(e.Key)
			if key == "include" {
				if t := includeTarget(e.Value); t != "" && !s.IsTemplate {
					dp.Includes = append(dp.Includes, Include{Context: s.Name, Target: t, Window: includeWindowSpec(e.Value), Line: e.Line})
				}
				continue
			}
			if key != "exten" && key != "same" {
				continue
			}
			x := Extension{Context: s.Name, Line: e.Line}
			if x.Line == 0 {
				x.Line = s.Line // a template of another file: the line naming it
			}
			rest := e.Value
			if key == "exten" {
				x.Exten, rest = cutTopLevel(rest)
				last[lname] = x.Exten
			} else {
				x.Exten = last[lname]
			}
			x.Priority, rest = cutTopLevel(rest)
			if strings.EqualFold(x.Priority, "hint") {
				x.AppData = rest
			} else {
				x.App, x.AppData = splitApp(rest)
			}
			if s.IsTemplate {
				dp.Templates = append(dp.Templates, x)
			} else {
				dp.Extensions = append(dp.Extensions, x)
			}
			for _, n := range stepNumbers(x) {
				addNumber(n)
			}
		}
	}
	return dp
}

// inheritedEntries are the lines section i holds from the templates it
// names, in the order named: each template's as written before section i
// (its own templates' lines first), as Asterisk copies a template's
// variables when it reads [name](tmpl). A template named twice in a chain
// is read once.
func inheritedEntries(c *Conf, i int, seen map[string]bool) []Entry {
	var out []Entry
	for _, t := range c.Sections[i].Templates {
		lt := strings.ToLower(t)
		if seen[lt] {
			continue
		}
		seen[lt] = true
		for j := 0; j < i; j++ {
			if strings.EqualFold(c.Sections[j].Name, t) {
				out = append(out, inheritedEntries(c, j, seen)...)
				out = append(out, c.Sections[j].Entries...)
			}
		}
	}
	return out
}

// Include is one include => line: context Context searches Target.
type Include struct {
	Context, Target string
	// Window is the time restriction after the target as written, ','
	// between its fields ("09:00-17:00,mon-fri,*,*"; "" when none).
	Window string
	Line   int
}

// includeWindowSpec is what follows an include's target: its time
// restriction, "" when it has none.
func includeWindowSpec(v string) string {
	i := strings.IndexAny(v, ",|")
	if i < 0 {
		return ""
	}
	return strings.ReplaceAll(strings.TrimSpace(v[i+1:]), "|", ",")
}

// includeTarget is the context an include names, without its time
// restriction ("daytime,9:00-17:00,mon-fri,*,*" or the older
// "daytime|9:00-17:00|...").
func includeTarget(v string) string {
	if i := strings.IndexAny(v, ",|"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

// cutTopLevel splits s at the first comma outside [] and (), trimming both
// sides.
func cutTopLevel(s string) (head, tail string) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '(':
			depth++
		case ']', ')':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
			}
		}
	}
	return strings.TrimSpace(s), ""
}

// splitApp splits "Dial(SIP/100,20)" into "Dial" and "SIP/100,20"; a step
// without parentheses ("Dial,SIP/100") splits at the first comma.
func splitApp(s string) (app, data string) {
	open := strings.IndexByte(s, '(')
	comma := strings.IndexByte(s, ',')
	if open < 0 || (comma >= 0 && comma < open) {
		if comma < 0 {
			return strings.TrimSpace(s), ""
		}
		return strings.TrimSpace(s[:comma]), strings.TrimSpace(s[comma+1:])
	}
	app = strings.TrimSpace(s[:open])
	data = s[open+1:]
	if i := strings.LastIndexByte(data, ')'); i >= 0 {
		data = data[:i]
	}
	return app, data
}

// stepNumbers lists the phone numbers one dial-plan step names.
func stepNumbers(x Extension) []string {
	var out []string
	ext, cid, _ := strings.Cut(x.Exten, "/")
	for _, part := range []string{ext, cid} {
		if isPhoneNumber(part) {
			out = append(out, part)
		}
	}
	if dialApps[strings.ToLower(x.App)] {
		out = append(out, DialTargetNumbers(x.AppData)...)
	}
	out = append(out, callerIDNumbers(x.AppData)...)
	return out
}

// callerIDNumbers finds numbers assigned by CALLERID(num|all|ani|ndid|dnid|
// rdnis)=... in application data; for "all" the number in <...> is taken.
func callerIDNumbers(data string) []string {
	var out []string
	upper := asciiUpper(data) // same length as data, unlike strings.ToUpper
	for from := 0; ; {
		i := strings.Index(upper[from:], "CALLERID(")
		if i < 0 {
			return out
		}
		i += from + len("CALLERID(")
		end := strings.IndexByte(upper[i:], ')')
		if end < 0 {
			return out
		}
		what := strings.TrimSpace(upper[i : i+end])
		rest := data[i+end+1:]
		from = i + end + 1
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		value := rest[1:]
		if j := strings.IndexAny(value, ",)"); j >= 0 && !strings.HasPrefix(what, "ALL") {
			value = value[:j]
		}
		switch what {
		case "ALL":
			if lt := strings.IndexByte(value, '<'); lt >= 0 {
				if gt := strings.IndexByte(value[lt:], '>'); gt > 0 {
					value = value[lt+1 : lt+gt]
				}
			}
		case "NUM", "ANI", "ANI-NUM", "NDID", "DNID", "RDNIS", "NUMBER":
		default:
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"`)
		if isPhoneNumber(value) {
			out = append(out, value)
		}
	}
}

// asciiUpper upper-cases ASCII letters only, byte for byte, so indexes
// into the result are indexes into s (other bytes, UTF-8 or not, stay).
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
