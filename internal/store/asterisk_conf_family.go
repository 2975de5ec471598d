package store

import (
	"fmt"
	"os"
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
// from the files of its family (etc/asterisk/KIND.conf and the files it
// includes, in order: sip.conf's [201](phone) finds [phone](!) in the
// sip_templates.conf it includes); the sentence for the notes names them, "" when
// none was needed or found. The files are read through the image root,
// never out of it.
func familyTemplates(abs, kind string, c *asterisk.Conf) string {
	missing := missingTemplates(c)
	if len(missing) == 0 {
		return ""
	}
	r, rel, ok := confImageRoot(abs)
	if !ok {
		return ""
	}
	defer r.Close()
	var family []familySection
	familySections(r, "etc/asterisk/"+kind+".conf", rel, 0, map[string]bool{}, &family)
	var added []asterisk.Section
	var named []string
	for len(missing) > 0 {
		name := missing[0]
		missing = missing[1:]
		found := false
		for _, f := range family {
			if !strings.EqualFold(f.s.Name, name) {
				continue
			}
			s := f.s
			s.IsTemplate = true // a base only: never a peer or a context of this file
			// its lines are another file's: line 0, so that a dial-plan step
			// it gives stands at the line of the section naming it
			s.Line, s.Entries = 0, slices.Clone(s.Entries)
			for k := range s.Entries {
				s.Entries[k].Line = 0
			}
			added = append(added, s)
			if !found {
				named = append(named, fmt.Sprintf("[%s] (%s line %d)", f.s.Name, path.Base(f.file), f.s.Line))
			}
			found = true
			for _, t := range s.Templates {
				if !defines(c, t) && !definesAny(added, t) && !contains(missing, t) {
					missing = append(missing, t)
				}
			}
		}
	}
	if len(added) == 0 {
		return ""
	}
	c.Sections = append(added, c.Sections...)
	return fmt.Sprintf("Templates its sections inherit from, defined in another file of its #include family, applied as Asterisk reads included files inline: %s.", strings.Join(named, ", "))
}

// familySection is a section of a family file, with the file's path; one
// with no section name marks where the file being read is read.
type familySection struct {
	file string
	s    asterisk.Section
}

// familySections gathers the sections of the file at name and the files it
// includes (globs expanded inside the root), in order, leaving out target
// (the file being read, marked where it is read; when it is the family's
// root, the files it includes) and stopping a few levels deep.
func familySections(r *os.Root, name, target string, depth int, seen map[string]bool, out *[]familySection) {
	if name == target && depth > 0 && !seen[name] {
		seen[name] = true
		*out = append(*out, familySection{file: target}) // where the file being read is read: a marker, no section
		return
	}
	if depth > 4 || seen[name] || name == target && depth > 0 {
		return
	}
	seen[name] = true
	f, err := openRootConf(r, name)
	if err != nil {
		return
	}
	c, err := asterisk.ParseConf(f) // streamed: its lines bounded as the import's are
	f.Close()
	if err != nil {
		return
	}
	for _, s := range c.Sections {
		if s.Name != "" && name != target { // the family's root file being read: only what it includes
			*out = append(*out, familySection{file: name, s: s})
		}
	}
	dir := path.Dir(name)
	for _, d := range c.Includes {
		if d.Name != "include" && d.Name != "tryinclude" {
			continue
		}
		names := includedPaths(r, dir, d.Arg)
		for _, n := range names {
			familySections(r, n, target, depth+1, seen, out)
		}
	}
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
func familyObjects(abs, kind string, c *asterisk.Conf) string {
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
	if len(missing) == 0 {
		return ""
	}
	r, rel, ok := confImageRoot(abs)
	if !ok {
		return ""
	}
	defer r.Close()
	var family []familySection
	familySections(r, "etc/asterisk/"+kind+".conf", rel, 0, map[string]bool{}, &family)
	var named []string
	for _, m := range missing {
		for _, f := range family {
			if !f.s.IsTemplate && hasTyped(c, []asterisk.Section{f.s}, m.name, m.typ) {
				named = append(named, fmt.Sprintf("[%s] %s (%s line %d)", f.s.Name, m.typ, path.Base(f.file), f.s.Line))
				break
			}
		}
	}
	if len(named) == 0 {
		return ""
	}
	for _, f := range family {
		if f.s.Name != "" {
			c.Linked = append(c.Linked, f.s)
		}
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
