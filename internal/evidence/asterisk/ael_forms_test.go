package asterisk

import (
	"fmt"
	"strings"
	"testing"
)

// Valid AEL that a file is now refused whole for if misread: a context
// closed without ';' (as instedd/verboice's etc/asterisk/extensions.ael
// writes it), an argument holding "//" (AGI(agi://host:port), which AEL's
// lexer collects whole: no comment), and a function set by assignment
// (TIMEOUT(digit)=5, as Asterisk's sample extensions.ael writes it). Values
// chosen here; by hand: 4 steps, no problem; _. runs AGI with
// agi://127.0.0.1:4573/route, TIMEOUT(digit)=5 is a Set, the line comment
// after it is dropped.
func TestParseAELValidForms(t *testing.T) {
	src := "context ivr {\n" + // 1
		"    h => NoOp();\n" + // 2
		"    _. => AGI(agi://127.0.0.1:4573/route);\n" + // 3
		"    s => {\n" + // 4
		"        TIMEOUT(digit)=5; // seconds\n" + // 5
		"        CALLERID(num) = 5550100;\n" + // 6
		"    };\n" + // 7
		"}\n" // 8
	dp, problems, err := ParseAEL(strings.NewReader(src))
	if err != nil || len(problems) != 0 {
		t.Fatalf("%v %+v", err, problems)
	}
	var got []string
	for _, x := range dp.Extensions {
		got = append(got, fmt.Sprintf("%d %s %s %s(%s)", x.Line, x.Exten, x.Priority, x.App, x.AppData))
	}
	want := []string{"2 h 1 NoOp()", "3 _. 1 AGI(agi://127.0.0.1:4573/route)", "5 s 1 Set(TIMEOUT(digit)=5)", "6 s 2 Set(CALLERID(num) = 5550100)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// a comparison is no assignment: "FOO(x)==1" stays a problem
	if _, problems, _ := ParseAEL(strings.NewReader("context c {\n 1 => FOO(x)==1;\n};\n")); len(problems) != 1 {
		t.Errorf("FOO(x)==1: %+v", problems)
	}
}
