package store

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
	"github.com/cdrtui/cdrtui/internal/evidence/hostimage"
)

// Asterisk reads an #include'd file inline, where the directive stands: an
// administrator who writes
//
//	[phones]
//	#include extensions_routes.conf
//
// gives [phones] the exten lines that extensions_routes.conf holds before
// any section header of its own. Read alone, those lines have no context.
// FreePBX writes sip.conf as [general] then #include
// sip_general_additional.conf, sip_nat.conf, sip_registrations.conf …,
// each a list of headerless key=value lines of [general]; chan_dahdi.conf's
// [channels] includes dahdi-channels.conf the same way.

// enclosingContext names the lines of c before its first section header
// (its section "", when it holds any; c of any kind: the dial plan, sip,
// chan_dahdi, queues …) after the section open where the file of its
// family that #includes it does so (through nested includes, the nearest
// section open), so they are kept and read in that section;
// it returns the sentence for the notes, "" when the lines stay without a
// context (no such lines, no including file, or the #include stands before
// any section).
func enclosingContext(abs, kind string, c *asterisk.Conf) string {
	if len(c.Sections) == 0 || c.Sections[0].Name != "" || len(c.Sections[0].Entries) == 0 {
		return ""
	}
	r, rel, ok := confImageRoot(abs)
	if !ok {
		return ""
	}
	defer r.Close()
	name, where := includingSection(r, "etc/asterisk/"+kind+".conf", rel, "", 0, map[string]bool{})
	if name == "" {
		return ""
	}
	c.Sections[0].Name, c.Sections[0].Append = name, true
	return fmt.Sprintf("Its %s before any [section] are read in [%s], the section open where %s #includes it, as Asterisk reads an included file inline.",
		plural(len(c.Sections[0].Entries), "line", "lines"), name, where)
}

// includingSection finds the #include of target in the file at name or
// the files it includes, and returns the section open at that directive
// (open: the section open where name itself was included, for lines
// before name's first header) with the directive's file and line.
func includingSection(r *os.Root, name, target, open string, depth int, seen map[string]bool) (string, string) {
	if depth > 4 || seen[name] || name == target {
		return "", ""
	}
	seen[name] = true
	c, err := rootConfOutline(r, name)
	if err != nil {
		return "", ""
	}
	for _, d := range c.Includes {
		if d.Name != "include" && d.Name != "tryinclude" {
			continue
		}
		at := open
		for _, s := range c.Sections {
			if s.Name != "" && s.Line < d.Line {
				at = s.Name
			}
		}
		for _, n := range includedPaths(r, confDir, d.Arg) {
			if n == target {
				if at == "" {
					return "", ""
				}
				return at, fmt.Sprintf("%s line %d", path.Base(name), d.Line)
			}
			if s, w := includingSection(r, n, target, at, depth+1, seen); s != "" {
				return s, w
			}
		}
	}
	return "", ""
}

// includedPaths are the files (inside r) an #include argument names from a
// file in dir: the path, or the files its glob matches; none when it
// leads out of the image.
func includedPaths(r *os.Root, dir, arg string) []string {
	arg = strings.TrimSpace(arg)
	p := path.Clean(path.Join(dir, arg))
	if strings.HasPrefix(arg, "/") {
		p = strings.TrimPrefix(path.Clean(arg), "/")
	}
	if strings.HasPrefix(p, "../") || p == ".." {
		return nil
	}
	if !strings.ContainsAny(p, "*?[") {
		return []string{p}
	}
	names, _ := fs.Glob(r.FS(), p)
	return names
}

// confImageRoot opens the root of the disk image a PBX configuration file
// at abs lies in (its etc/asterisk), with the file's path under it;
// ok is false when the file is not in an image's configuration tree.
func confImageRoot(abs string) (r *os.Root, rel string, ok bool) {
	root, place, found := hostimage.Locate(abs)
	if !found || place != hostimage.PlaceConf {
		return nil, "", false
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return nil, "", false
	}
	if r, err = os.OpenRoot(root); err != nil {
		return nil, "", false
	}
	return r, filepath.ToSlash(rel), true
}
