package asterisk

import (
	"fmt"
	"io"
	"strings"
)

// Conf is an Asterisk .conf file as Asterisk reads it: sections, keys and
// values, with the lines they came from.
type Conf struct {
	Sections []Section
	Includes []Directive // #include, #tryinclude, #exec, #tryexec lines
	Problems []Problem   // lines Asterisk would complain about
	// Linked are sections of the other files Asterisk reads as one with
	// this one (its #include family: FreePBX splits pjsip.conf into
	// pjsip.endpoint.conf, pjsip.aor.conf, pjsip.auth.conf …), consulted
	// only for the objects a section names (an endpoint's aors and auth),
	// never read as this file's own.
	Linked []Section
}

// Section is one [name] block. Entries before any section header land in
// a section with Name "" and Line 0.
type Section struct {
	Name       string
	Line       int
	IsTemplate bool // [name](!)
	Append     bool // [name](+): adds to an earlier section of that name
	// AppendFilter is a (+)'s filter, [name](+type=aor): it adds to the
	// first section of that name with a line whose key and value match
	// (regular expressions, '&' joining several), as Asterisk 13.9+ reads it
	AppendFilter string
	Templates    []string // [name](tmpl1,tmpl2)
	Entries      []Entry
	// SameExten is, for a (+) section of the dial plan adding to a
	// context of another file, the extension of that context's last
	// exten line read before it: the one a leading "same =>" continues.
	SameExten string
}

// Entry is one key = value (or key => value) line. Repeated keys are kept
// in order; "same => n,..." keeps key "same".
type Entry struct {
	Key, Value string
	Op         string // "=", "=>", or "+=" (appends to the key's earlier value)
	Line       int
	// File is the file the line is written in when it is not the file of
	// the section holding it (a [name](+) of another file, or an included
	// file's lines before its first header); "" for the section's own.
	File string
}

// Directive is a #include or #exec line.
type Directive struct {
	Name string // "include", "tryinclude", "exec", "tryexec"
	Arg  string // the file or command, quotes removed
	Line int
}

// Problem is a line that is neither a section, an entry, a directive nor a
// comment (Asterisk warns about such lines and skips them).
type Problem struct {
	Line   int
	Text   string
	Reason string
}

// ParseConf reads an Asterisk configuration file. ';' starts a comment
// unless written '\;' (which becomes ';'); ';--' ... '--;' is a block
// comment that may span lines and nest; spaces and tabs around keys,
// values and section names are trimmed. The only error is a read error.
func ParseConf(r io.Reader) (*Conf, error) {
	c := &Conf{}
	lines := newLineReader(r)
	depth := 0 // block-comment nesting
	var buf []byte
	for {
		b, n64, err := lines.next()
		if err == io.EOF {
			return c, nil
		}
		if tl, ok := tooLong(err); ok {
			c.Problems = append(c.Problems, Problem{Line: int(n64), Text: tl.Sample, Reason: tl.Reason()})
			continue
		}
		if err != nil {
			return c, err
		}
		n := int(n64)
		buf, depth = stripComments(b, depth, buf[:0])
		text := strings.TrimSpace(string(buf))
		if text == "" {
			continue
		}
		switch text[0] {
		case '#':
			c.addDirective(text, n)
		case '[':
			c.addSection(text, n)
		default:
			c.addEntry(text, n)
		}
	}
}

// stripComments copies line to out without comments, tracking block
// comment depth across lines, and turns '\;' into ';'. As in Asterisk's
// config.c, ";--" opens a block comment only when a fourth '-' does not
// follow (so ";-----" ruler lines are plain comments), and "--;" closes one.
func stripComments(line []byte, depth int, out []byte) ([]byte, int) {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if depth > 0 {
			if c != ';' {
				continue
			}
			if opensBlock(line, i) {
				depth++
				i += 2
			} else if i >= 2 && line[i-1] == '-' && line[i-2] == '-' {
				depth--
			}
			continue
		}
		switch {
		case c == '\\' && i+1 < len(line) && line[i+1] == ';':
			out = append(out, ';')
			i++
		case c == ';' && opensBlock(line, i):
			depth++
			i += 2
		case c == ';':
			return out, depth
		default:
			out = append(out, c)
		}
	}
	return out, depth
}

// opensBlock reports whether the ';' at line[i] starts ";--" not followed
// by another '-'.
func opensBlock(line []byte, i int) bool {
	return hasAt(line, i, ";--") && (i+3 >= len(line) || line[i+3] != '-')
}

func hasAt(b []byte, i int, s string) bool {
	return len(b)-i >= len(s) && string(b[i:i+len(s)]) == s
}

func (c *Conf) addDirective(text string, n int) {
	name, arg, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(name, "\t\"<"); i >= 0 {
		name, arg = name[:i], name[i:]+" "+arg
	}
	arg = strings.TrimSpace(arg)
	if len(arg) >= 2 && (arg[0] == '"' && arg[len(arg)-1] == '"' || arg[0] == '<' && arg[len(arg)-1] == '>') {
		arg = arg[1 : len(arg)-1]
	}
	name = strings.ToLower(name)
	switch name {
	case "include", "tryinclude", "exec", "tryexec":
		c.Includes = append(c.Includes, Directive{Name: name, Arg: arg, Line: n})
	default:
		c.Problems = append(c.Problems, Problem{Line: n, Text: text, Reason: fmt.Sprintf("unknown directive #%s", name)})
	}
}

func (c *Conf) addSection(text string, n int) {
	end := strings.IndexByte(text, ']')
	if end < 0 {
		c.Problems = append(c.Problems, Problem{Line: n, Text: text, Reason: "section header without ']'"})
		return
	}
	s := Section{Name: strings.TrimSpace(text[1:end]), Line: n}
	opts := strings.TrimSpace(text[end+1:])
	if strings.HasPrefix(opts, "(") {
		if close := strings.IndexByte(opts, ')'); close > 0 {
			for _, o := range strings.Split(opts[1:close], ",") {
				switch o = strings.TrimSpace(o); {
				case o == "":
				case o == "!":
					s.IsTemplate = true
				case strings.HasPrefix(o, "+"):
					s.Append, s.AppendFilter = true, strings.TrimSpace(o[1:])
				default:
					s.Templates = append(s.Templates, o)
				}
			}
		} else {
			c.Problems = append(c.Problems, Problem{Line: n, Text: text, Reason: "template list without ')'"})
		}
	}
	c.Sections = append(c.Sections, s)
}

func (c *Conf) addEntry(text string, n int) {
	eq := strings.IndexByte(text, '=')
	if eq < 0 {
		c.Problems = append(c.Problems, Problem{Line: n, Text: text, Reason: "no '=' in line"})
		return
	}
	e := Entry{Key: strings.TrimSpace(text[:eq]), Op: "=", Line: n}
	rest := text[eq+1:]
	if strings.HasPrefix(rest, ">") {
		e.Op, rest = "=>", rest[1:]
	}
	e.Value = strings.TrimSpace(rest)
	if e.Op == "=" && strings.HasSuffix(e.Key, "+") {
		e.Op, e.Key = "+=", strings.TrimSpace(strings.TrimSuffix(e.Key, "+"))
	}
	if len(c.Sections) == 0 {
		c.Sections = append(c.Sections, Section{})
	}
	s := &c.Sections[len(c.Sections)-1]
	s.Entries = append(s.Entries, e)
}

// Get returns the last value of key in section (names compare without
// regard to case, as Asterisk does), falling back to the section's
// templates, the last-named template first, then their own templates.
func (c *Conf) Get(section, key string) (string, bool) {
	return c.get(section, key, map[string]bool{})
}

func (c *Conf) get(section, key string, seen map[string]bool) (string, bool) {
	lname := strings.ToLower(section)
	if seen[lname] {
		return "", false
	}
	seen[lname] = true
	secs := c.named(section)
	var own []Entry
	for _, s := range secs {
		own = append(own, s.Entries...)
	}
	if v, ok := lastValue(own, key); ok {
		return v, true
	}
	for i := len(secs) - 1; i >= 0; i-- {
		tmpls := secs[i].Templates
		for j := len(tmpls) - 1; j >= 0; j-- {
			if v, ok := c.get(tmpls[j], key, seen); ok {
				return v, true
			}
		}
	}
	return "", false
}

// SectionGet is Get for one section only (not other sections of the same
// name, as pjsip.conf reuses one name for an endpoint, its aor and its
// auth): the section's last value of key, else its templates'.
func (c *Conf) SectionGet(s *Section, key string) (string, bool) {
	if s == nil {
		return "", false
	}
	if v, ok := lastValue(s.Entries, key); ok {
		return v, true
	}
	for j := len(s.Templates) - 1; j >= 0; j-- {
		if v, ok := c.get(s.Templates[j], key, map[string]bool{strings.ToLower(s.Name): true}); ok {
			return v, true
		}
	}
	return "", false
}

// SectionValues is Values for one section only: its templates' values of
// key, then its own.
func (c *Conf) SectionValues(s *Section, key string) []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, t := range s.Templates {
		out = append(out, c.values(t, key, map[string]bool{strings.ToLower(s.Name): true})...)
	}
	for _, e := range s.Entries {
		if strings.EqualFold(e.Key, key) {
			out = append(out, e.Value)
		}
	}
	return out
}

// lastValue returns the value key ends up with in entries: the last
// "=" value with any later "+=" values appended.
func lastValue(entries []Entry, key string) (string, bool) {
	suffix := ""
	for j := len(entries) - 1; j >= 0; j-- {
		e := entries[j]
		if !strings.EqualFold(e.Key, key) {
			continue
		}
		if e.Op != "+=" {
			return e.Value + suffix, true
		}
		suffix = e.Value + suffix
	}
	return suffix, suffix != ""
}

// Values returns every value of key in section in the order Asterisk
// builds them: templates' values first, then the section's own.
func (c *Conf) Values(section, key string) []string {
	return c.values(section, key, map[string]bool{})
}

func (c *Conf) values(section, key string, seen map[string]bool) []string {
	lname := strings.ToLower(section)
	if seen[lname] {
		return nil
	}
	seen[lname] = true
	var out []string
	secs := c.named(section)
	for _, s := range secs {
		for _, t := range s.Templates {
			out = append(out, c.values(t, key, seen)...)
		}
	}
	for _, s := range secs {
		for _, e := range s.Entries {
			if strings.EqualFold(e.Key, key) {
				out = append(out, e.Value)
			}
		}
	}
	return out
}

// named lists the sections named name, in file order; when c has none,
// those of its family (Linked) so named: a template that a linked aor or
// auth names, defined in a third file.
func (c *Conf) named(name string) []*Section {
	var out []*Section
	for _, secs := range [][]Section{c.Sections, c.Linked} {
		for i := range secs {
			if strings.EqualFold(secs[i].Name, name) {
				out = append(out, &secs[i])
			}
		}
		if len(out) > 0 {
			break
		}
	}
	return out
}

// ExtenOf is the extension an "exten =>" value names ("_9X.,1,Dial(…)"
// gives "_9X."), read as the dial plan reads it.
func ExtenOf(value string) string {
	x, _ := cutTopLevel(value)
	return x
}

// IsTrue reads an Asterisk boolean as ast_true does: yes, true, y, t, 1, on.
func IsTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "true", "y", "t", "1", "on":
		return true
	}
	return false
}
