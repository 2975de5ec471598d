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
// whichever file of the family it stands: sip.conf itself, a file it
// includes, or the same file further up.

// familyAppends applies to c, the file rel of the family fr, what
// Asterisk's reading of the whole family puts in its sections: each of
// its sections takes the lines that (+) sections (and included files'
// headerless lines) add to it, in the order read, each line keeping its
// file (Entry.File) and line; each of its (+) sections that adds to a
// section is no party of its own (its lines are that section's), and one
// that adds to nothing is none either, the family refused. The sentence
// for the notes says which.
func familyAppends(fr *familyRead, rel string, c *asterisk.Conf) string {
	if fr == nil {
		return ""
	}
	var notes []string
	if fr.refused != "" {
		notes = append(notes, fr.refused)
	}
	for i := range c.Sections {
		s := &c.Sections[i]
		if s.Name == "" || s.Line == 0 {
			continue
		}
		if s.Append {
			if a := fr.addAt(rel, s.Line); a != nil {
				notes = append(notes, fmt.Sprintf("[%s](+%s) (line %d) adds to [%s] of %s line %d: read with it there, no party of its own.%s", s.Name, s.AppendFilter, s.Line, a.base.s.Name, path.Base(a.base.file), a.base.s.Line, toTemplate(a)))
			}
			// adding to a section or refused: never a party of its own
			s.IsTemplate, s.Entries = true, nil
			continue
		}
		cat := fr.at(rel, s.Line)
		if cat == nil || len(cat.entries) == len(s.Entries) {
			continue
		}
		own := map[int]bool{}
		for _, e := range s.Entries {
			own[e.Line] = true
		}
		s.Entries = cat.section().Entries
		var by []string
		for _, a := range fr.adds {
			if a.base == cat {
				where := path.Base(a.file) + " line"
				if a.file == rel {
					where = "line"
				}
				by = append(by, fmt.Sprintf("[%s](+%s) in %s %d", a.s.Name, a.s.AppendFilter, where, a.s.Line))
			}
		}
		what := "the lines of the files included in it"
		if len(by) > 0 {
			what = "the lines of " + strings.Join(by, ", ")
		}
		notes = append(notes, fmt.Sprintf("[%s] (line %d) takes %s, read after it: %s.", s.Name, s.Line, what, addedLines(own, s.Entries)))
	}
	return strings.Join(notes, " ")
}

// addedLines names the lines of entries that are not the section's own
// (own: the lines written under its header): "host=sip2.example
// (sip_custom_post.conf line 2)", "(line 9)" in the same file, the value
// of a secret, a password or a register => line (which holds one) left
// out; the first eight, then how many more.
func addedLines(own map[int]bool, entries []asterisk.Entry) string {
	var named []string
	more := 0
	for _, e := range entries {
		if e.File == "" && own[e.Line] {
			continue
		}
		if len(named) == 8 {
			more++
			continue
		}
		kv := e.Key + "=" + e.Value
		if k := strings.ToLower(e.Key); strings.Contains(k, "secret") || strings.Contains(k, "password") || k == "register" {
			kv = e.Key // a register => line holds its secret
		}
		where := fmt.Sprintf("line %d", e.Line)
		if e.File != "" {
			where = path.Base(e.File) + " " + where
		}
		named = append(named, fmt.Sprintf("%s (%s)", kv, where))
	}
	if more > 0 {
		named = append(named, fmt.Sprintf("%d more", more))
	}
	return strings.Join(named, ", ")
}

// hasAppend says c has a [name](+) header of its own.
func hasAppend(c *asterisk.Conf) bool {
	for _, s := range c.Sections {
		if s.Append && s.Line > 0 {
			return true
		}
	}
	return false
}

// dialPlanAppends reads c's (+) contexts as Asterisk does within the
// family: their steps stay c's, at their lines (the context is one name
// across files), and a leading "same =>" continues the extension last
// written in the context they add to, in another file; a (+) with no
// context of its name read before it is the whole dial plan refused. The
// sentence for the notes says which.
func dialPlanAppends(fr *familyRead, rel string, c *asterisk.Conf) string {
	if fr == nil {
		return ""
	}
	var notes []string
	if fr.refused != "" {
		notes = append(notes, fr.refused)
	}
	for i := range c.Sections {
		s := &c.Sections[i]
		if !s.Append || s.Line == 0 {
			continue
		}
		a := fr.addAt(rel, s.Line)
		if a == nil || a.base.file == rel {
			continue
		}
		s.SameExten = a.lastExten
		notes = append(notes, fmt.Sprintf("[%s](+) (line %d) adds to [%s] of %s line %d.%s", s.Name, s.Line, a.base.s.Name, path.Base(a.base.file), a.base.s.Line, toTemplate(a)))
	}
	return strings.Join(notes, " ")
}

// toTemplate is the sentence for a (+) that adds to a template, no other
// section of its name being read before it: "" otherwise.
func toTemplate(a *familyAdd) string {
	if !a.base.s.IsTemplate {
		return ""
	}
	return fmt.Sprintf(" [%s] is a template: Asterisk before 13.9 adds to it so; 13.9 and later pass templates over, find nothing to add to and refuse the configuration.", a.base.s.Name)
}
