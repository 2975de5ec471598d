package store

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// A file that sip.conf (pjsip.conf, iax.conf, extensions.conf) pulls in
// with #include is read by Asterisk as part of it, so its sections inherit
// from templates the including file defines before the #include
// ("[phone](!)" in sip.conf, "[201](phone)" in sip_phones.conf;
// "[outbound-tmpl](!)" in extensions.conf, "[office](outbound-tmpl)" in
// extensions_custom.conf). Read alone, such a section would lose its type,
// host and context, or its steps.

// familyTemplates adds to c, ahead of its own sections and as templates,
// the sections its sections inherit from that it does not define, taken
// from its family as Asterisk reads it (fr: etc/asterisk/KIND.conf and
// the files it includes, inline, c's own includes among them: sip.conf's
// [201](phone) finds [phone](!) in the sip_templates.conf it includes),
// and the templates those name in turn, across files, each once (a chain
// that comes back to a name is not followed again). A template is the
// first section of its name read, as Asterisk's category_get finds it; its
// lines hold the lines (+) sections added to it. The sentence for the
// notes names them, "" when none was needed or found.
func familyTemplates(fr *familyRead, rel string, c *asterisk.Conf) string {
	missing := missingTemplates(c)
	if len(missing) == 0 || fr == nil {
		return ""
	}
	var added []asterisk.Section
	var named []string
	seen := map[string]bool{}
	for len(missing) > 0 {
		name := missing[0]
		missing = missing[1:]
		if seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		cat := fr.find(name)
		if cat == nil {
			continue
		}
		s := cat.section()
		s.IsTemplate = true // a base only: never a peer or a context of this file
		// its lines are another file's (or this file's at another place):
		// line 0, so that a dial-plan step it gives stands at the line of
		// the section naming it; File says where they are written
		s.Line = 0
		for k := range s.Entries {
			if s.Entries[k].File == "" && cat.file != rel {
				s.Entries[k].File = cat.file
			}
			s.Entries[k].Line = 0
		}
		added = append(added, s)
		named = append(named, fmt.Sprintf("[%s] (%s line %d)", cat.s.Name, path.Base(cat.file), cat.s.Line))
		for _, t := range s.Templates {
			if !defines(c, t) && !seen[strings.ToLower(t)] {
				missing = append(missing, t)
			}
		}
	}
	if len(added) == 0 {
		return ""
	}
	c.Sections = append(added, c.Sections...)
	return fmt.Sprintf("Templates its sections inherit from, defined in another file of its #include family, applied as Asterisk reads included files inline: %s.", strings.Join(named, ", "))
}

// missingTemplates are the templates c's sections name that c does not
// define, in first-named order.
func missingTemplates(c *asterisk.Conf) []string {
	var out []string
	for _, s := range c.Sections {
		for _, t := range s.Templates {
			if !defines(c, t) && !contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// defines says c has a section named name.
func defines(c *asterisk.Conf, name string) bool {
	return definesAny(c.Sections, name)
}

// definesAny says one of secs is named name.
func definesAny(secs []asterisk.Section, name string) bool {
	for _, s := range secs {
		if strings.EqualFold(s.Name, name) {
			return true
		}
	}
	return false
}

// contains says names holds name, case aside.
func contains(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// familyObjects gives a pjsip file the sections of the other files of its
// #include family (c.Linked), so that an endpoint of pjsip.endpoint.conf
// finds the aor of pjsip.aor.conf and the auth of pjsip.auth.conf it
// names, as res_pjsip does with the files FreePBX splits pjsip.conf into;
// the sentence for the notes names the objects found there, "" when its
// endpoints and registrations named none outside it.
func familyObjects(fr *familyRead, rel string, c *asterisk.Conf) string {
	type ref struct{ name, typ string }
	var refs []ref
	for i := range c.Sections {
		s := &c.Sections[i]
		if s.IsTemplate || s.Name == "" {
			continue
		}
		get := func(k string) string { v, _ := c.SectionGet(s, k); return v }
		switch strings.ToLower(get("type")) {
		case "endpoint":
			refs = append(refs, ref{firstItem(get("aors")), "aor"}, ref{firstItem(get("outbound_auth")), "auth"}, ref{firstItem(get("auth")), "auth"})
		case "registration":
			refs = append(refs, ref{firstItem(get("outbound_auth")), "auth"})
		}
	}
	var missing []ref
	for _, r := range refs {
		if r.name != "" && !hasTyped(c, c.Sections, r.name, r.typ) && !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	if len(missing) == 0 || fr == nil {
		return ""
	}
	// the sections of the other files, with the lines Asterisk holds in
	// them, and the templates they name in turn (c.Linked is searched for
	// a name c does not define)
	var from []*familyCat // the file of each of c.Linked
	for _, cat := range fr.cats {
		if cat.file != rel {
			c.Linked, from = append(c.Linked, cat.section()), append(from, cat)
		}
	}
	var named []string
	for _, m := range missing {
		for i := range c.Linked {
			if l := &c.Linked[i]; !l.IsTemplate && hasTyped(c, c.Linked[i:i+1], m.name, m.typ) {
				named = append(named, fmt.Sprintf("[%s] %s (%s line %d)", l.Name, m.typ, path.Base(from[i].file), l.Line))
				break
			}
		}
	}
	if len(named) == 0 {
		c.Linked = nil
		return ""
	}
	return fmt.Sprintf("Objects its endpoints and registrations name, defined in other files of its #include family and read with them as res_pjsip does: %s.", strings.Join(named, ", "))
}

// hasTyped says one of secs is called name with type= typ.
func hasTyped(c *asterisk.Conf, secs []asterisk.Section, name, typ string) bool {
	for i := range secs {
		if strings.EqualFold(secs[i].Name, name) {
			if t, _ := c.SectionGet(&secs[i], "type"); strings.EqualFold(t, typ) {
				return true
			}
		}
	}
	return false
}

// firstItem is the first item of a comma-separated list, trimmed.
func firstItem(s string) string {
	first, _, _ := strings.Cut(s, ",")
	return strings.TrimSpace(first)
}
