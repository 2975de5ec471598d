package store

import (
	"fmt"
	"path"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// FreePBX leaves its generated files alone and has an administrator
// change a peer or endpoint in a *_custom_post.conf, read after them:
//
//	[trunkco](+)
//	host=sip2.trunkco.example
//
// Asterisk adds those lines to the first [trunkco] read before them, in
// whichever file of the family it stands.

// familyAppends applies to c the (+) sections of the other files of its
// #include family that add to one of its sections (read after c, c's
// section the first of that name), and marks c's own (+) sections that add
// to a section of a file read before it as no party of their own (their
// keys are that section's). The sentence for the notes says which.
func familyAppends(abs, kind string, c *asterisk.Conf) string {
	r, rel, ok := confImageRoot(abs)
	if !ok {
		return ""
	}
	defer r.Close()
	var family []familySection
	familySections(r, "etc/asterisk/"+kind+".conf", rel, 0, map[string]bool{}, &family)
	at := -1 // where c is read
	for i, f := range family {
		if f.s.Name == "" && f.file == rel {
			at = i
		}
	}
	if at < 0 {
		return ""
	}
	before := func(name string) *familySection {
		for i := range family[:at] {
			if family[i].s.Name != "" && !family[i].s.Append && strings.EqualFold(family[i].s.Name, name) {
				return &family[i]
			}
		}
		return nil
	}
	var notes []string
	for i := range c.Sections {
		s := &c.Sections[i]
		if !s.Append || s.Name == "" || s.Line == 0 || s.IsTemplate {
			continue
		}
		if base := before(s.Name); base != nil && !definesBefore(c, s.Name, i) {
			s.IsTemplate = true // its keys are the base's: no party here
			notes = append(notes, fmt.Sprintf("[%s](+) (line %d) adds to [%s] of %s line %d: read with it there, no party of its own.", s.Name, s.Line, base.s.Name, path.Base(base.file), base.s.Line))
		}
	}
	for _, f := range family[at+1:] {
		if !f.s.Append || f.s.Name == "" || before(f.s.Name) != nil {
			continue
		}
		for i := range c.Sections {
			s := &c.Sections[i]
			if s.IsTemplate || s.Append || !strings.EqualFold(s.Name, f.s.Name) {
				continue
			}
			s.Entries = append(s.Entries, f.s.Entries...)
			notes = append(notes, fmt.Sprintf("[%s] (line %d) takes the lines of [%s](+) in %s line %d, read after it.", s.Name, s.Line, f.s.Name, path.Base(f.file), f.s.Line))
			break
		}
	}
	return strings.Join(notes, " ")
}

// definesBefore says c has a section named name other than a (+) one,
// before section index end.
func definesBefore(c *asterisk.Conf, name string, end int) bool {
	for _, s := range c.Sections[:end] {
		if !s.Append && strings.EqualFold(s.Name, name) {
			return true
		}
	}
	return false
}
