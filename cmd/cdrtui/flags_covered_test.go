package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The house rule "every flag a user can pass has a CLI test", checked:
// every flag of every command (as its --help lists it, which is every
// flag its FlagSet defines) and every top-level flag of the workbench
// invocation is named in flagTests with the test that exercises it. The
// test named must exist in this package, mention the flag ("--tz",
// "--tz=…" or "-tz"), mention the command (a string literal of its name,
// in its body or in a function of this package it calls) and reach run,
// the CLI's entry point. A flag added without a test, or a test renamed
// or emptied of the flag, fails TestEveryFlagHasACLITest.
//
// topLevel is the key of the workbench invocation (cdrtui, cdrtui CASE.db).
const topLevel = "(workbench)"

// flagSetMethods are the *flag.FlagSet methods that define a flag, with
// the index of the flag's name among their arguments.
var flagSetMethods = map[string]int{
	"Bool": 0, "Duration": 0, "Float64": 0, "Func": 0, "BoolFunc": 0, "Int": 0, "Int64": 0, "String": 0, "Uint": 0, "Uint64": 0,
	"BoolVar": 1, "DurationVar": 1, "Float64Var": 1, "IntVar": 1, "Int64Var": 1, "StringVar": 1, "UintVar": 1, "Uint64Var": 1, "TextVar": 1, "Var": 1,
}

// TestEveryFlagHasACLITest is the check described above.
func TestEveryFlagHasACLITest(t *testing.T) {
	src := parsePackage(t)
	defined := commandFlags(t)
	defined[topLevel] = topLevelFlags(t, src)

	// every flag defined anywhere in the command's source is one a user
	// reaches: listed by some command's --help, or the workbench's
	all := map[string]bool{}
	for _, fl := range defined {
		for _, f := range fl {
			all[f] = true
		}
	}
	for _, name := range src.definedFlags {
		if !all[name] {
			t.Errorf("flag %s is defined in the source but no command's --help lists it (nor the workbench's)", flagText(name))
		}
	}

	cmds := make([]string, 0, len(defined))
	for c := range defined {
		cmds = append(cmds, c)
	}
	sort.Strings(cmds)
	for _, cmd := range cmds {
		for _, f := range defined[cmd] {
			test, ok := flagTests[cmd][f]
			if !ok {
				t.Errorf("%s %s: no CLI test named in flagTests (tests that would do: %v)", cmd, flagText(f), src.mentioning(cmd, f))
				continue
			}
			if why := src.covers(test, cmd, f); why != "" {
				t.Errorf("%s %s: %s %s", cmd, flagText(f), test, why)
			}
		}
	}
	for cmd, fl := range flagTests {
		for f := range fl {
			if !contains(defined[cmd], f) {
				t.Errorf("flagTests names %s %s, which is no flag of it", cmd, flagText(f))
			}
		}
	}
}

// flagText is a flag as a user writes it: -h, --tz.
func flagText(f string) string {
	if len(f) == 1 {
		return "-" + f
	}
	return "--" + f
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// commandFlags is every command's flags, as its --help lists them.
func commandFlags(t *testing.T) map[string][]string {
	line := regexp.MustCompile(`(?m)^  --([a-z0-9][a-z0-9-]*)`)
	out := map[string][]string{}
	for _, c := range commands() {
		var stdout, stderr bytes.Buffer
		if code := run([]string{c.name, "--help"}, &stdout, &stderr); code != 0 {
			t.Fatalf("cdrtui %s --help: exit %d: %s", c.name, code, stderr.String())
		}
		out[c.name] = []string{}
		for _, m := range line.FindAllStringSubmatch(stdout.String(), -1) {
			out[c.name] = append(out[c.name], m[1])
		}
	}
	return out
}

// topLevelFlags is what run answers itself before a command (-h, --help)
// and any flag runWorkbench defines.
func topLevelFlags(t *testing.T, src *testSource) []string {
	var flags []string
	for _, f := range src.topLevel {
		flags = append(flags, strings.TrimLeft(f, "-"))
	}
	return append(flags, src.workbenchFlags...)
}

// testSource is this package parsed: its functions, each with the string
// literals of its body and the package functions it calls.
type testSource struct {
	funcs          map[string]*funcInfo
	definedFlags   []string // every flag name a non-test file defines
	workbenchFlags []string // those runWorkbench defines
	topLevel       []string // the flag-like cases of run's switch
}

type funcInfo struct {
	test    bool
	strings []string
	calls   []string
}

func parsePackage(t *testing.T) *testSource {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no source here: %v", err)
	}
	src := &testSource{funcs: map[string]*funcInfo{}}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		isTest := strings.HasSuffix(name, "_test.go")
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Recv != nil && isTest {
				continue
			}
			info := &funcInfo{test: isTest}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BasicLit:
					if n.Kind == token.STRING {
						if s, err := strconv.Unquote(n.Value); err == nil {
							info.strings = append(info.strings, s)
						}
					}
				case *ast.CallExpr:
					if id, ok := n.Fun.(*ast.Ident); ok {
						info.calls = append(info.calls, id.Name)
					}
					if !isTest {
						if name := definedFlag(n); name != "" {
							src.definedFlags = append(src.definedFlags, name)
							if fd.Name.Name == "runWorkbench" {
								src.workbenchFlags = append(src.workbenchFlags, name)
							}
						}
					}
				case *ast.CaseClause:
					if !isTest && fd.Name.Name == "run" && fd.Recv == nil {
						for _, e := range n.List {
							if l, ok := e.(*ast.BasicLit); ok && l.Kind == token.STRING {
								if s, _ := strconv.Unquote(l.Value); strings.HasPrefix(s, "-") {
									src.topLevel = append(src.topLevel, s)
								}
							}
						}
					}
				}
				return true
			})
			if !isTest && fd.Recv != nil {
				continue // methods are not called by name from tests
			}
			src.funcs[fd.Name.Name] = info
		}
	}
	return src
}

// definedFlag is the name of the flag a call such as fs.String("tz", …)
// or fs.Var(&maps, "map", …) defines, or "".
func definedFlag(call *ast.CallExpr) string {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	i, ok := flagSetMethods[sel.Sel.Name]
	if !ok || len(call.Args) < i+3 {
		return "" // a flag definition has a name, a value and a usage
	}
	l, ok := call.Args[i].(*ast.BasicLit)
	if !ok || l.Kind != token.STRING {
		return ""
	}
	s, _ := strconv.Unquote(l.Value)
	if x, ok := sel.X.(*ast.Ident); !ok || x.Name == "flag" {
		return "" // the package's own flag.String etc. are not a command's
	}
	return s
}

// mentionsFlag reports whether a function's literals pass flag f.
func (fi *funcInfo) mentionsFlag(f string) bool {
	for _, s := range fi.strings {
		if s == "--"+f || s == "-"+f || strings.HasPrefix(s, "--"+f+"=") {
			return true
		}
	}
	return false
}

// reaches reports whether function name, or a package function it calls
// (transitively), satisfies ok.
func (src *testSource) reaches(name string, ok func(string, *funcInfo) bool) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(n string) bool {
		fi := src.funcs[n]
		if fi == nil || seen[n] {
			return false
		}
		seen[n] = true
		if ok(n, fi) {
			return true
		}
		for _, c := range fi.calls {
			if src.funcs[c] != nil && src.funcs[c].test && walk(c) {
				return true
			}
		}
		return false
	}
	return walk(name)
}

// covers says why test does not cover cmd --f, or "".
func (src *testSource) covers(test, cmd, f string) string {
	fi := src.funcs[test]
	switch {
	case fi == nil || !fi.test || !strings.HasPrefix(test, "Test"):
		return "is no test function of this package"
	case !fi.mentionsFlag(f):
		return "does not pass " + flagText(f)
	case cmd != topLevel && !src.reaches(test, func(_ string, fi *funcInfo) bool { return contains(fi.strings, cmd) }):
		return "does not name the command " + strconv.Quote(cmd)
	case !src.reaches(test, func(_ string, fi *funcInfo) bool { return contains(fi.calls, "run") }):
		return "does not reach run"
	}
	return ""
}

// mentioning is the tests that would cover cmd --f, to suggest.
func (src *testSource) mentioning(cmd, f string) []string {
	var l []string
	for name, fi := range src.funcs {
		if fi.test && strings.HasPrefix(name, "Test") && src.covers(name, cmd, f) == "" {
			l = append(l, name)
		}
	}
	sort.Strings(l)
	return l
}
