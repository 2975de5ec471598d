package asterisk

import "strings"

// globals reads a globals { NAME=value; ... } block, already opened, into
// the dial plan's Globals, each with its line: the variables
// extensions.conf's [globals] would set. A statement that is no
// assignment, or a block inside, is a problem.
func (p *aelParser) globals() {
	for {
		text, d, at := p.chunk()
		switch d {
		case 0:
			p.problem(at, text, "globals block not closed")
			return
		case '}':
			if text != "" {
				p.problem(at, text, "globals statement without ';'")
			}
			return
		case '{':
			p.problem(at, text+" {", "a block inside globals")
			p.skipBlock()
			continue
		}
		if text == "" {
			continue
		}
		k, v, ok := strings.Cut(text, "=")
		if k = strings.TrimSpace(k); !ok || k == "" || strings.ContainsAny(k, " \t") {
			p.problem(at, text+";", "globals statement that is no NAME=value")
			continue
		}
		p.dp.Globals = append(p.dp.Globals, Entry{Key: k, Value: strings.TrimSpace(v), Op: "=", Line: p.line(at)})
	}
}
