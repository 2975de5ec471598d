package store

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
	"github.com/cdrtui/cdrtui/internal/evidence/hostimage"
)

// includedKind says what a configuration file with a name of its own is
// when one of the image's extensions.conf, sip.conf, pjsip.conf, iax.conf
// or chan_dahdi.conf (dahdi-channels.conf), or a file its name begins
// with (queues.conf for queues_general_additional.conf, sip_notify.conf
// for sip_notify_additional.conf, as FreePBX names its generated files),
// pulls it in with #include or #tryinclude
// (directly or through another included file): that file's stem, or ""
// when none does. The files are read through the image root (an os.Root), so no
// path or link leads out of the image; an #exec is never run.
func includedKind(abs string) string {
	root, place, ok := hostimage.Locate(abs)
	if !ok || place != hostimage.PlaceConf {
		return ""
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return ""
	}
	target := filepath.ToSlash(rel)
	r, err := os.OpenRoot(root)
	if err != nil {
		return ""
	}
	defer r.Close()
	families := []string{"extensions", "sip", "pjsip", "iax", "chan_dahdi"}
	stem := strings.TrimSuffix(path.Base(target), ".conf")
	for i := range len(stem) { // queues_general_additional: queues, queues_general
		if (stem[i] == '_' || stem[i] == '.') && i > 0 && !contains(families, stem[:i]) {
			families = append(families, stem[:i])
		}
	}
	for _, family := range families {
		if includes(r, "etc/asterisk/"+family+".conf", target, 0, map[string]bool{}) {
			return family
		}
	}
	return ""
}

// includes reports whether the file at name (inside r) includes target,
// following included files up to a few levels.
func includes(r *os.Root, name, target string, depth int, seen map[string]bool) bool {
	if depth > 4 || seen[name] {
		return false
	}
	seen[name] = true
	c, err := rootConfOutline(r, name)
	if err != nil {
		return false
	}
	for _, d := range c.Includes {
		if d.Name != "include" && d.Name != "tryinclude" {
			continue
		}
		arg := strings.TrimSpace(d.Arg)
		var p string
		if strings.HasPrefix(arg, "/") {
			p = strings.TrimPrefix(path.Clean(arg), "/") // /etc/asterisk/x.conf, inside the image
		} else {
			p = path.Clean(path.Join(confDir, arg)) // Asterisk's configuration directory, whatever name's
		}
		if strings.HasPrefix(p, "../") || p == ".." {
			continue
		}
		if m, _ := path.Match(p, target); m || p == target {
			return true
		}
		if !strings.ContainsAny(p, "*?[") && includes(r, p, target, depth+1, seen) {
			return true
		}
	}
	return false
}

// rootConfOutline reads the outline of the configuration file at name
// inside r (parseOutline).
func rootConfOutline(r *os.Root, name string) (*asterisk.Conf, error) {
	f, err := openRootConf(r, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseOutline(f)
}

// parseOutline reads only the outline of a configuration file: its
// section headers and its #include/#exec directives, at their lines (the
// key = value lines blanked before parsing, so that following the
// includes of a FreePBX dial plan of megabytes, for every file whose
// family is sought, costs a scan, not a parse). Lines that may open or
// close a block comment (";--", "--;") are kept, so a directive inside
// one stays commented out. It streams: a line of any length costs a
// buffer, as the parser bounds the lines it keeps.
func parseOutline(rd io.Reader) (*asterisk.Conf, error) {
	return asterisk.ParseConf(&outlineReader{br: bufio.NewReaderSize(rd, 64<<10)})
}

// outlineReader passes on the outline lines of a configuration file and
// a bare newline for every other line, so lines keep their numbers.
type outlineReader struct {
	br      *bufio.Reader
	keep    bool // the line being passed on is kept
	mid     bool // inside a line longer than the buffer
	pending []byte
	err     error
}

var newline = []byte{'\n'}

func (o *outlineReader) Read(p []byte) (int, error) {
	for len(o.pending) == 0 {
		if o.err != nil {
			return 0, o.err
		}
		chunk, err := o.br.ReadSlice('\n')
		if len(chunk) > 0 {
			if !o.mid {
				t := bytes.TrimLeft(chunk, " \t")
				o.keep = len(t) > 0 && (t[0] == '#' || t[0] == '[') || bytes.Contains(chunk, []byte("--"))
			}
			o.mid = chunk[len(chunk)-1] != '\n'
			switch {
			case o.keep:
				o.pending = chunk
			case !o.mid:
				o.pending = newline
			}
		}
		if err != nil && err != bufio.ErrBufferFull {
			o.err = err
		}
	}
	n := copy(p, o.pending)
	o.pending = o.pending[n:]
	return n, nil
}

// missingIncludes names the #include and #tryinclude lines of c (a file at
// abs in an image's configuration tree) whose file is not in the image (a
// link whose target is not there either): what the live configuration
// held there cannot be read. A glob matching nothing is not named.
func missingIncludes(abs string, c *asterisk.Conf) string {
	r, _, ok := confImageRoot(abs)
	if !ok {
		return ""
	}
	defer r.Close()
	var out []string
	for _, d := range c.Includes {
		if d.Name != "include" && d.Name != "tryinclude" || strings.ContainsAny(d.Arg, "*?[") {
			continue
		}
		names := includedPaths(r, "etc/asterisk", d.Arg) // relative to Asterisk's configuration directory
		if len(names) == 0 {
			continue // out of the image: never read
		}
		if _, err := resolveIn(r, names[0], ""); err == nil {
			continue
		}
		out = append(out, fmt.Sprintf("line %d: #%s %s: no such file in the image, so what it held is not read.", d.Line, d.Name, d.Arg))
	}
	return strings.Join(out, " ")
}
