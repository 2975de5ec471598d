package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path"
	"strings"
)

// Asterisk loads a family's configuration from its top file only
// (chan_sip reads sip.conf, res_pjsip pjsip.conf, chan_iax2 iax.conf,
// pbx_config extensions.conf) and the files that one pulls in with
// #include or #tryinclude, directly or through an included file; a glob
// (#include sip_*.conf) is expanded (config.c's glob with GLOB_NOMAGIC |
// GLOB_BRACE), each file it matches read. A file named like the family
// that no such chain reaches (a leftover sip_custom_old.conf,
// extensions_old.conf) was never read by Asterisk: its peers and contexts
// are evidence of an old configuration, not the PBX's parties.

// notLoadedMark begins the mark of a file confLoaded finds not loaded, in
// its source's format and on each of its peers.
const notLoadedMark = "not loaded by Asterisk"

// NotLoaded says the source is a PBX configuration file Asterisk never
// loaded (no #include chain from its family's top file reaches it).
func (s Source) NotLoaded() bool {
	return s.Kind == KindAsteriskConf && strings.Contains(s.Format, "), "+notLoadedMark+":")
}

// ownTopFiles are files named like a family that a module loads by
// themselves, with no #include (res_pjsip_config_wizard's
// pjsip_wizard.conf).
var ownTopFiles = map[string]bool{"pjsip_wizard.conf": true}

// confLoaded decides whether Asterisk loads the configuration file at abs
// (of kind sip, pjsip, iax or extensions): notLoaded is the mark of a
// file no #include chain from the family's top file reaches ("not loaded
// by Asterisk: no #include from sip.conf reaches this file"); undecided
// says why it cannot be told (no top file in the image, an #include whose
// file is not there, an #exec); both "" when it is loaded, or is no file
// of an image's configuration tree.
func confLoaded(abs, kind string) (notLoaded, undecided string) {
	switch kind {
	case "sip", "pjsip", "iax", "extensions":
	default:
		return "", ""
	}
	r, rel, ok := confImageRoot(abs)
	if !ok {
		return "", ""
	}
	defer r.Close()
	if ownTopFiles[path.Base(rel)] {
		return "", ""
	}
	top := confDir + "/" + kind + ".conf"
	target, err := resolveIn(r, rel, "")
	if err != nil {
		return "", ""
	}
	found, unsure, hasTop := familyReaches(r, top, target)
	switch {
	case found:
		return "", ""
	case !hasTop:
		return "", fmt.Sprintf("Whether Asterisk loads this file is not decided: no %s.conf in the image, the file whose #include chain would say.", kind)
	case len(unsure) > 0:
		return "", fmt.Sprintf("Whether Asterisk loads this file is not decided: no #include from %s.conf in the image reaches it, but what these held is not in the image: %s.", kind, strings.Join(unsure, ", "))
	}
	return fmt.Sprintf(notLoadedMark+": no #include from %s.conf reaches this file", kind), ""
}

// familyReaches follows the #include and #tryinclude chains from top
// inside r and says whether one reaches target (a resolved path under r),
// links followed as the seized system would; unsure names the directives
// whose text is not in the image (a file not there, an #exec, a path out
// of the image) and a family past maxFamilyFiles; hasTop is false when top
// is not in the image.
func familyReaches(r *os.Root, top, target string) (found bool, unsure []string, hasTop bool) {
	queue, seen := []string{top}, map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		real, err := resolveIn(r, name, "")
		if err != nil {
			if name == top {
				return false, nil, false
			}
			continue // named in unsure where it is included
		}
		if real == target {
			return true, nil, true
		}
		if seen[real] {
			continue
		}
		if seen[real] = true; len(seen) > maxFamilyFiles {
			return false, append(unsure, fmt.Sprintf("more than %d files in the family", maxFamilyFiles)), true
		}
		c, err := rootConfOutline(r, name)
		if err != nil {
			if name == top {
				return false, nil, false
			}
			unsure = append(unsure, fmt.Sprintf("%s (not readable)", path.Base(name)))
			continue
		}
		for _, d := range c.Includes {
			where := fmt.Sprintf("%s line %d: #%s %s", path.Base(name), d.Line, d.Name, strings.TrimSpace(d.Arg))
			switch d.Name {
			case "exec", "tryexec":
				unsure = append(unsure, where)
				continue
			case "include", "tryinclude":
			default:
				continue
			}
			var names []string
			for _, arg := range braceExpand(strings.TrimSpace(d.Arg)) {
				if ps := includedPaths(r, confDir, arg); len(ps) > 0 {
					names = append(names, ps...)
				} else if !strings.ContainsAny(arg, "*?[") {
					unsure = append(unsure, where+" (out of the image)")
				}
			}
			for _, n := range names {
				if _, err := resolveIn(r, n, ""); err != nil {
					if !strings.ContainsAny(d.Arg, "*?[{") { // a glob lists only files there
						unsure = append(unsure, where+" (not in the image)")
					}
					continue
				}
				queue = append(queue, n)
			}
		}
	}
	return false, unsure, true
}

// braceExpand expands the first {a,b,…} of pattern, and those after it,
// as glob(3)'s GLOB_BRACE does; a pattern without one is itself.
func braceExpand(pattern string) []string {
	open := strings.IndexByte(pattern, '{')
	if open < 0 {
		return []string{pattern}
	}
	end := strings.IndexByte(pattern[open:], '}')
	if end < 0 {
		return []string{pattern}
	}
	end += open
	var out []string
	for _, alt := range strings.Split(pattern[open+1:end], ",") {
		for _, rest := range braceExpand(pattern[end+1:]) {
			out = append(out, pattern[:open]+alt+rest)
		}
	}
	return out
}

// notLoadedNote is the sentence for the notes of a file confLoaded found
// not loaded, mark the one its peers bear.
func notLoadedNote(mark, kind string) string {
	head := fmt.Sprintf("Not loaded by Asterisk: no #include from %s.conf (followed through the files it includes, globs expanded) reaches this file, so Asterisk never read it;", kind)
	if kind == "extensions" {
		return head + " its contexts are kept as evidence of an old configuration."
	}
	return fmt.Sprintf("%s its parties are kept as evidence of an old configuration, each marked \"%s\", and decide no call's direction.", head, mark)
}

// addPeersNotLoaded adds ast_peers.not_loaded (migration 0021) when the
// table lacks it: "" for the parties of a case read before it, whose
// files were not looked at.
func addPeersNotLoaded(ctx context.Context, conn *sql.Conn) error {
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info('ast_peers') WHERE name = 'not_loaded'").Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := conn.ExecContext(ctx, "ALTER TABLE ast_peers ADD COLUMN not_loaded TEXT NOT NULL DEFAULT ''")
	return err
}
