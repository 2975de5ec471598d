package asterisk

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// maxAELDepth bounds the blocks nested in one extension (if in while in
// switch ...); a deeper block is a problem and skipped, not followed.
const maxAELDepth = 64

// MaxAELBytes bounds the extensions.ael read into memory (AEL is parsed
// whole, its blocks spanning lines); a larger file is refused.
const MaxAELBytes = 16 << 20

// ParseAEL reads the dial plan of an AEL file (extensions.ael, read by
// pbx_ael): "context name { ... };" blocks of extensions "100 => Dial(...);"
// or "_9X. => { step; step; };", macros (their steps in a context of the
// macro's name, extension "s"), and the steps inside if/else, switch/case,
// while, for, ifTime and random blocks, in file order. A step is
// "App(args);", "&macro(args);" (a Gosub), "goto ctx,ext,pri;" or
// "jump ext@ctx;" (a Goto), or "var=value;" (a Set); each step's priority
// is its position in its extension, counted from 1. #include lines, comments
// (// and /* */), includes{} and switches{} add no steps (globals{}' NAME=value;
// statements are the dial plan's Globals); a
// macro's "catch name { ... }" block is extension name of the macro. Lines
// AEL would reject come back as problems, never guessed at.
func ParseAEL(r io.Reader) (DialPlan, []Problem, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxAELBytes+1))
	if err != nil {
		return DialPlan{}, nil, err
	}
	if len(b) > MaxAELBytes {
		return DialPlan{}, nil, fmt.Errorf("an AEL file over %d MB is not read", MaxAELBytes>>20)
	}
	p := &aelParser{src: stripAELComments(string(b))}
	p.top()
	return p.dp, p.problems, nil
}

type aelParser struct {
	src      string
	pos      int
	dp       DialPlan
	problems []Problem
	seenCtx  map[string]bool
	seenNum  map[string]bool
	newlines []int // offsets of the '\n's
	depth    int   // blocks open inside the current extension
}

// line is the 1-based line of offset i.
func (p *aelParser) line(i int) int {
	if p.newlines == nil {
		p.newlines = []int{}
		for j := 0; j < len(p.src); j++ {
			if p.src[j] == '\n' {
				p.newlines = append(p.newlines, j)
			}
		}
	}
	return sort.SearchInts(p.newlines, i) + 1
}

// chunk reads up to the next ';', '{' or '}' outside parentheses and
// quotes, returning the text (trimmed), the delimiter (0 at the end) and
// the offset where the text starts.
func (p *aelParser) chunk() (text string, delim byte, at int) {
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
	}
	at = p.pos
	depth, vars, quote := 0, 0, false // vars: open ${ braces
	for ; p.pos < len(p.src); p.pos++ {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src):
			p.pos++
		case c == '"':
			quote = !quote
		case quote:
		case c == '$' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '{':
			vars++
			p.pos++
		case c == '}' && vars > 0:
			vars--
		case c == '(':
			depth++
		case c == ')':
			if depth > 0 {
				depth--
			}
		case depth == 0 && (c == ';' || c == '{' || c == '}'):
			text = strings.TrimSpace(p.src[at:p.pos])
			p.pos++
			return text, c, at
		}
	}
	return strings.TrimSpace(p.src[at:]), 0, at
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipBlock skips to the '}' closing a block already opened.
func (p *aelParser) skipBlock() {
	for depth := 1; depth > 0; {
		_, d, _ := p.chunk()
		switch d {
		case '{':
			depth++
		case '}':
			depth--
		case 0:
			return
		}
	}
}

func (p *aelParser) problem(at int, text, reason string) {
	p.problems = append(p.problems, Problem{Line: p.line(at), Text: text, Reason: reason})
}

func (p *aelParser) top() {
	for {
		text, d, at := p.chunk()
		switch d {
		case 0:
			if text != "" {
				p.problem(at, text, "AEL text after the last block")
			}
			return
		case ';':
			if text != "" && !strings.HasPrefix(text, "#") {
				p.problem(at, text, "AEL statement outside a context")
			}
			continue
		case '}':
			p.problem(at, text+"}", "'}' without a block")
			continue
		}
		// text is the header of a block: context, macro, globals ...
		text = stripIncludes(text)
		f := strings.Fields(text)
		for len(f) > 0 && (f[0] == "abstract" || f[0] == "extend") {
			f = f[1:]
		}
		switch {
		case len(f) >= 2 && f[0] == "context":
			p.context(f[1], "", at)
		case len(f) >= 2 && f[0] == "macro":
			name, _, _ := strings.Cut(strings.Join(f[1:], " "), "(")
			p.context(strings.TrimSpace(name), "s", at)
		case len(f) == 1 && f[0] == "globals":
			p.globals()
		case len(f) == 1 && f[0] == "local":
			p.skipBlock()
		default:
			p.problem(at, text+" {", "AEL block that is neither context, macro nor globals")
			p.skipBlock()
		}
	}
}

// stripIncludes drops #include lines before a block header.
func stripIncludes(text string) string {
	var keep []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			keep = append(keep, l)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}

// context reads a context's (or, with exten "s", a macro's) body, opened
// at offset open.
func (p *aelParser) context(name, exten string, open int) {
	if p.seenCtx == nil {
		p.seenCtx, p.seenNum = map[string]bool{}, map[string]bool{}
	}
	if l := strings.ToLower(name); !p.seenCtx[l] {
		p.seenCtx[l] = true
		p.dp.Contexts = append(p.dp.Contexts, name)
	}
	if exten != "" {
		n := 0
		p.steps(name, exten, &n, open)
		return
	}
	for {
		text, d, at := p.chunk()
		switch d {
		case 0:
			p.problem(open, text, "context "+name+" is not closed")
			return
		case '}':
			return
		}
		head, body, arrow := strings.Cut(text, "=>")
		head = strings.TrimSpace(head)
		if !arrow {
			if d == '{' && strings.EqualFold(text, "includes") {
				p.includes(name)
			} else if d == '{' { // switches { }, eswitches { }
				p.skipBlock()
			} else if text != "" {
				p.problem(at, text, "AEL line in context "+name+" that is not an extension")
			}
			continue
		}
		ext := extenOf(head)
		if strings.EqualFold(head, "ignorepat") {
			continue
		}
		n := 0
		if d == '{' {
			if body = strings.TrimSpace(body); body != "" {
				p.problem(at, text, "text between => and {")
			}
			p.steps(name, ext, &n, at)
			continue
		}
		p.step(name, ext, &n, body, at+strings.Index(text, "=>")+2)
	}
}

// extenOf is the extension of an "hint(SIP/100) 100" or "regexten 100" head.
func extenOf(head string) string {
	for {
		head = strings.TrimSpace(head)
		switch {
		case strings.HasPrefix(head, "regexten"):
			head = head[len("regexten"):]
		case strings.HasPrefix(head, "hint") && strings.IndexByte(head, ')') > 0:
			head = head[strings.IndexByte(head, ')')+1:]
		default:
			return head
		}
	}
}

// steps reads the statements of a block, opened at offset open, until its
// '}'.
func (p *aelParser) steps(ctx, exten string, n *int, open int) {
	if p.depth >= maxAELDepth {
		p.problem(open, "", fmt.Sprintf("blocks of %s in %s nested deeper than %d: not read", exten, ctx, maxAELDepth))
		p.skipBlock()
		return
	}
	p.depth++
	defer func() { p.depth-- }()
	for {
		text, d, at := p.chunk()
		switch d {
		case 0:
			p.problem(open, text, "block of "+exten+" in "+ctx+" is not closed")
			return
		case '}':
			if text != "" {
				p.step(ctx, exten, n, text, at)
			}
			return
		case '{': // if (...) {, else {, switch (...) {, while (...) {
			if f := strings.Fields(text); len(f) == 2 && f[0] == "catch" {
				// a macro's catch block is the extension it names
				m := 0
				p.steps(ctx, f[1], &m, at)
				continue
			}
			if rest := controlPrefix(text); rest != "" {
				p.step(ctx, exten, n, text, at)
			}
			p.steps(ctx, exten, n, at)
		case ';':
			p.step(ctx, exten, n, text, at)
		}
	}
}

// controlPrefix strips if/else/while/for/switch/ifTime/random heads, case
// and default labels and "label:" from a statement, returning what is
// left to run ("" for none).
func controlPrefix(s string) string {
	for {
		s = strings.TrimSpace(s)
		word := s
		if i := strings.IndexAny(s, " \t\n\r(:"); i >= 0 {
			word = s[:i]
		}
		switch word {
		case "if", "while", "for", "switch", "ifTime", "iftime", "random", "IfTime":
			rest := strings.TrimSpace(s[len(word):])
			if !strings.HasPrefix(rest, "(") {
				return s
			}
			depth := 0
			end := -1
			for i := 0; i < len(rest) && end < 0; i++ {
				switch rest[i] {
				case '(':
					depth++
				case ')':
					if depth--; depth == 0 {
						end = i
					}
				}
			}
			if end < 0 {
				return s
			}
			s = rest[end+1:]
		case "else":
			s = s[len(word):]
		case "case", "pattern", "default":
			i := strings.IndexByte(s, ':')
			if i < 0 {
				return s
			}
			s = s[i+1:]
		default:
			// a label: "name:" before a statement (not "::" nor inside a call)
			if i := strings.IndexByte(s, ':'); i > 0 && isLabel(s[:i]) {
				s = s[i+1:]
				continue
			}
			return s
		}
	}
}

func isLabel(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return s != ""
}

// step records one statement as a dial-plan step.
func (p *aelParser) step(ctx, exten string, n *int, text string, at int) {
	s := controlPrefix(text)
	if s == "" {
		return
	}
	var app, data string
	fields := strings.Fields(s)
	switch first := strings.ToLower(fields[0]); {
	case first == "return" || first == "break" || first == "continue" || first == "catch":
		return
	case first == "goto" || first == "jump":
		app, data = "Goto", strings.TrimSpace(s[len(fields[0]):])
		if first == "jump" { // jump ext@ctx -> Goto(ctx,ext,1)
			e, c, ok := strings.Cut(data, "@")
			if ok {
				data = strings.TrimSpace(c) + "," + strings.TrimSpace(e) + ",1"
			}
		}
	case strings.HasPrefix(s, "&"):
		name, args := splitApp(s[1:])
		app, data = "Gosub", name+",s,1("+args+")"
	default:
		open := strings.IndexByte(s, '(')
		eq := strings.IndexByte(s, '=')
		if eq > 0 && (open < 0 || eq < open) || isFuncAssignment(s) {
			app, data = "Set", strings.TrimSpace(s)
			break
		}
		if len(fields) == 1 && isLabel(s) { // "Hangup;": an application without arguments
			app = s
			break
		}
		if open <= 0 || !strings.HasSuffix(s, ")") {
			p.problem(at, text, "AEL statement that is neither an application call, a goto nor an assignment")
			return
		}
		app, data = splitApp(s)
	}
	*n++
	at += strings.LastIndex(text, s) // the line of the step, not of a case or label before it
	x := Extension{Context: ctx, Exten: exten, Priority: strconv.Itoa(*n), App: app, AppData: data, Line: p.line(at)}
	p.dp.Extensions = append(p.dp.Extensions, x)
	for _, num := range stepNumbers(x) {
		if !p.seenNum[num] {
			p.seenNum[num] = true
			p.dp.Numbers = append(p.dp.Numbers, num)
		}
	}
}

// isFuncAssignment reports whether s sets a dial-plan function,
// "TIMEOUT(digit)=5" or "CALLERID(num) = 100" (a Set, as AEL compiles it).
func isFuncAssignment(s string) bool {
	open := strings.IndexByte(s, '(')
	if open <= 0 || !isLabel(s[:open]) {
		return false
	}
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				rest := strings.TrimSpace(s[i+1:])
				return strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==")
			}
		}
	}
	return false
}

// stripAELComments blanks // and /* */ comments (outside quotes and
// parentheses: AEL's lexer collects an application's arguments whole, so
// AGI(agi://localhost:4573) keeps its "//"), keeping the newlines so
// offsets still give lines.
func stripAELComments(s string) string {
	b := []byte(s)
	quote, parens := false, 0
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\\' && i+1 < len(b):
			i++
		case b[i] == '"':
			quote = !quote
		case b[i] == '\n':
			quote = false // a quote does not span lines
		case quote:
		case b[i] == '(':
			parens++
		case b[i] == ')':
			parens = max(0, parens-1)
		case parens > 0:
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			for ; i < len(b) && !(b[i] == '*' && i+1 < len(b) && b[i+1] == '/'); i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			if i+1 < len(b) {
				b[i], b[i+1] = ' ', ' '
				i++
			}
		}
	}
	return string(b)
}

// includes reads an includes { } block of context ctx: one context a
// statement, "name;" or "name|times;" (a time-restricted include).
func (p *aelParser) includes(ctx string) {
	for {
		text, d, at := p.chunk()
		if text != "" && d != '{' {
			p.dp.Includes = append(p.dp.Includes, Include{Context: ctx, Target: includeTarget(text), Window: includeWindowSpec(text), Line: p.line(at)})
		}
		switch d {
		case '{':
			p.skipBlock()
		case '}', 0:
			return
		}
	}
}
