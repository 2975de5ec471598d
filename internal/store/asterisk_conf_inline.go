package store

import (
	"fmt"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// Asterisk's config loader (main/config.c) reads a configuration file and
// every file it #includes as one text, each included file inline where its
// directive stands. A header [name](+) moves its lines to the end of the
// first section named so read before it (category_get), in whichever file
// that one stands; [name](tmpl) copies a template read before it. Either
// with nothing of that name before it is an error that makes Asterisk
// refuse the whole configuration ("Category addition requested, but
// category 'x' does not exist", "Inheritance requested, …"). Lines of an
// included file before its first header go on in the section last read
// (the loader's current category), and the including file's lines after
// the #include in its own.

// familyRead is a configuration family as Asterisk reads it.
type familyRead struct {
	root  string       // etc/asterisk/KIND.conf
	cats  []*familyCat // sections in the order read; a (+) is no section of its own
	adds  []familyAdd  // the (+) headers, each with the section it adds to
	files map[string]bool
	// refused is where Asterisk stops and refuses the configuration, as
	// a sentence naming the file and line; "" when it reads it whole.
	refused     string
	refusedFile string
	refusedLine int
	current     *familyCat // the loader's current category
	// unread are the #include and #exec lines read before that point
	// whose text is not in the image ("sip_x.conf line 3: #exec …"): what
	// they gave Asterisk may be what the refusal says is missing
	unread []string
}

// familyCat is one section of the family: its header as written and the
// lines Asterisk holds in it (its own, then those a (+) section or an
// included file's headerless lines add, with File set when they are
// written in another file).
type familyCat struct {
	file    string
	s       asterisk.Section
	entries []asterisk.Entry
}

// familyAdd is a [name](+) header of file, and the section it adds to.
type familyAdd struct {
	file string
	s    asterisk.Section
	base *familyCat
	// lastExten is the extension of base's last exten line when the
	// (+) is read: the one its leading "same =>" continues
	lastExten string
}

// confDir is Asterisk's configuration directory in an image: a relative
// #include names a file there, whichever directory the including file is
// in (config.c joins it to ast_config_AST_CONFIG_DIR).
const confDir = "etc/asterisk"

// maxFamilyFiles bounds the files one family read opens (an #include
// loop, a glob over thousands of files).
const maxFamilyFiles = 256

// readFamily reads the family of etc/asterisk/KIND.conf through the image
// root r; files it cannot open are passed over, as #tryinclude does.
func readFamily(r *os.Root, kind string) *familyRead {
	fr := &familyRead{root: "etc/asterisk/" + kind + ".conf", files: map[string]bool{}}
	fr.read(r, fr.root, 0, map[string]bool{})
	return fr
}

func (fr *familyRead) read(r *os.Root, name string, depth int, open map[string]bool) {
	if depth > 8 || open[name] || fr.refused != "" || len(fr.files) >= maxFamilyFiles {
		return
	}
	f, err := openRootConf(r, name)
	if err != nil {
		fr.unread = append(fr.unread, name)
		return
	}
	c, err := asterisk.ParseConf(f) // streamed: its lines bounded as the import's are
	f.Close()
	if err != nil {
		return
	}
	fr.files[name] = true
	open[name] = true
	defer delete(open, name)
	type event struct {
		line int
		sec  *asterisk.Section // a header
		e    *asterisk.Entry   // a key line
		d    *asterisk.Directive
	}
	var evs []event
	for i := range c.Sections {
		s := &c.Sections[i]
		if s.Name != "" || s.Line != 0 {
			evs = append(evs, event{line: s.Line, sec: s})
		}
		for j := range s.Entries {
			evs = append(evs, event{line: s.Entries[j].Line, e: &s.Entries[j]})
		}
	}
	for i := range c.Includes {
		evs = append(evs, event{line: c.Includes[i].Line, d: &c.Includes[i]})
	}
	sort.SliceStable(evs, func(a, b int) bool { return evs[a].line < evs[b].line })
	cat := fr.current
	for _, ev := range evs {
		switch {
		case ev.sec != nil:
			s := *ev.sec
			s.Entries = nil
			for _, t := range s.Templates {
				if fr.find(t) == nil {
					fr.refuse(name, s.Line, fmt.Sprintf("[%s](%s) inherits from no [%s] read before it (Asterisk: \"Inheritance requested, but category '%s' does not exist\")", s.Name, strings.Join(s.Templates, ","), t, t))
					return
				}
			}
			if s.Append {
				base := fr.findAdd(s.Name, s.AppendFilter)
				if base == nil && s.AppendFilter != "" {
					fr.refuse(name, s.Line, fmt.Sprintf("[%s](+%s) adds to no [%s] read before it with a line matching %s (Asterisk: \"Category addition requested, but category '%s' does not exist\")", s.Name, s.AppendFilter, s.Name, s.AppendFilter, s.Name))
					return
				}
				if base == nil {
					fr.refuse(name, s.Line, fmt.Sprintf("[%s](+) adds to no [%s] read before it (Asterisk: \"Category addition requested, but category '%s' does not exist\")", s.Name, s.Name, s.Name))
					return
				}
				last := ""
				for k := len(base.entries) - 1; k >= 0 && last == ""; k-- {
					if strings.EqualFold(base.entries[k].Key, "exten") {
						last = asterisk.ExtenOf(base.entries[k].Value)
					}
				}
				fr.adds = append(fr.adds, familyAdd{file: name, s: s, base: base, lastExten: last})
				cat = base
			} else {
				cat = &familyCat{file: name, s: s}
				fr.cats = append(fr.cats, cat)
			}
			fr.current = cat
		case ev.e != nil:
			if cat == nil {
				continue // no section open: Asterisk's "No category context"; the file read alone keeps it
			}
			e := *ev.e
			if cat.file != name {
				e.File = name
			}
			cat.entries = append(cat.entries, e)
		case ev.d.Name == "exec" || ev.d.Name == "tryexec":
			fr.unread = append(fr.unread, fmt.Sprintf("%s line %d: #%s %s", path.Base(name), ev.d.Line, ev.d.Name, ev.d.Arg))
		case ev.d.Name == "include" || ev.d.Name == "tryinclude":
			for _, n := range includedPaths(r, confDir, ev.d.Arg) {
				fr.read(r, n, depth+1, open)
			}
		}
	}
}

func (fr *familyRead) refuse(file string, line int, why string) {
	fr.refused = fmt.Sprintf("Asterisk refuses this configuration as it stands: %s line %d: %s; its sections are listed as written, and no section takes that header's lines.", path.Base(file), line, why)
	if len(fr.unread) > 0 {
		fr.refused = fmt.Sprintf("%s line %d: %s in the files of the image, but what Asterisk read before it is not all there (%s): it refuses this configuration unless those defined it; its sections are listed as written, and no section takes that header's lines.",
			path.Base(file), line, why, strings.Join(fr.unread, ", "))
	}
	fr.refusedFile, fr.refusedLine = file, line
}

// find is the first section named name read so far, a template or not.
func (fr *familyRead) find(name string) *familyCat {
	for _, c := range fr.cats {
		if strings.EqualFold(c.s.Name, name) {
			return c
		}
	}
	return nil
}

// findAdd is the section a [name](+filter) adds to: the first read so far
// named so that is no template (Asterisk 13.9+'s ast_category_get with no
// filter passes templates over), else, none being there, the first
// template of that name (as older versions read it; the note says so);
// with a filter, the first non-template whose lines (its templates' first)
// have, for each key=value of the filter ('&' or ',' joining them), a
// line whose key and value match those regular expressions.
func (fr *familyRead) findAdd(name, filter string) *familyCat {
	var tmpl *familyCat
	for _, c := range fr.cats {
		if !strings.EqualFold(c.s.Name, name) {
			continue
		}
		if c.s.IsTemplate {
			if tmpl == nil && filter == "" {
				tmpl = c
			}
			continue
		}
		if filter == "" || fr.matches(c, filter) {
			return c
		}
	}
	return tmpl
}

// matches says cat's lines (its templates' first) pass filter, as
// config.c's does_category_match does.
func (fr *familyRead) matches(cat *familyCat, filter string) bool {
	lines := append(fr.inherited(cat, 0), cat.entries...)
	for _, f := range strings.FieldsFunc(filter, func(r rune) bool { return r == '&' || r == ',' }) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return false
		}
		rk, err1 := regexp.Compile(strings.TrimSpace(k))
		rv, err2 := regexp.Compile(strings.TrimSpace(v))
		if err1 != nil || err2 != nil {
			return false
		}
		if !slices.ContainsFunc(lines, func(e asterisk.Entry) bool { return rk.MatchString(e.Key) && rv.MatchString(e.Value) }) {
			return false
		}
	}
	return true
}

// inherited are the lines cat copies from its templates, theirs first.
func (fr *familyRead) inherited(cat *familyCat, depth int) []asterisk.Entry {
	var out []asterisk.Entry
	for _, t := range cat.s.Templates {
		if b := fr.find(t); b != nil && b != cat && depth < 8 {
			out = append(append(out, fr.inherited(b, depth+1)...), b.entries...)
		}
	}
	return out
}

// at is the section whose header is at line of file; nil when none was
// read there.
func (fr *familyRead) at(file string, line int) *familyCat {
	for _, c := range fr.cats {
		if c.file == file && c.s.Line == line {
			return c
		}
	}
	return nil
}

// addAt is the (+) header at line of file, when it added to a section.
func (fr *familyRead) addAt(file string, line int) *familyAdd {
	for i := range fr.adds {
		if fr.adds[i].file == file && fr.adds[i].s.Line == line {
			return &fr.adds[i]
		}
	}
	return nil
}

// section is cat as a Section holding every line Asterisk holds in it.
func (cat *familyCat) section() asterisk.Section {
	s := cat.s
	s.Entries = append([]asterisk.Entry(nil), cat.entries...)
	return s
}

// confFamily reads the family of the configuration file at abs (of kind),
// with the file's path under the image root; nil when the file is not in
// an image's configuration tree, or its family's root file does not read
// it and Asterisk reads the family whole.
func confFamily(abs, kind string) (*familyRead, string) {
	r, rel, ok := confImageRoot(abs)
	if !ok {
		return nil, ""
	}
	defer r.Close()
	fr := readFamily(r, kind)
	if !fr.files[rel] && fr.refused == "" {
		return nil, rel
	}
	return fr, rel
}
