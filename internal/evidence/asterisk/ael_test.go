package asterisk

import (
	"fmt"
	"strings"
	"testing"
)

// AEL as Asterisk's own test dial plans write it (asterisk/asterisk
// pbx/ael/ael-test/ael-test1/extensions.ael: random(n) before a statement,
// random/else blocks, for and while loops whose ${x} braces are not
// blocks, "goto ctx|ext|label" with old '|' separators, a context closed
// by '}' without ';'; "Hangup;" without parentheses; a macro's
// "catch a { ... }" block, as the AEL documentation shows it), values of
// our own.
func TestParseAEL(t *testing.T) {
	src := "context what {\n" + // 1
		"\twho =>\n" + // 2
		"\t{\n" + // 3
		"\t\trandom(51) NoOp(half);\n" + // 4
		"\t\trandom( 60 )\n\t\t{\n\t\t\tDial(SIP/300);\n\t\t}\n" + // 5-8
		"\t\telse\n\t\t{\n\t\t\tgoto other|nomatch|begin;\n\t\t}\n" + // 9-12
		"\t\twhile (${y} >= 0) {\n\t\t\ty=${y}-1;\n\t\t};\n" + // 13-15
		"\t}\n" + // 16
		"}\n" + // 17
		"context other {\n" + // 18
		"\tnomatch => {\n\t\tbegin:\n\t\tNoOp(\"a; b { c }\");\n\t\tHangup;\n\t};\n" + // 19-23
		"\t_0[1-9]XXXXXXXX => jump s@national;\n" + // 24
		"};\n" + // 25
		"macro vm(box) {\n\tVoiceMail(${box}@default);\n\tcatch a {\n\t\tGoto(operator,s,1);\n\t};\n};\n" // 26-31
	dp, problems, err := ParseAEL(strings.NewReader(src))
	if err != nil || len(problems) != 0 {
		t.Fatalf("err %v, problems %+v", err, problems)
	}
	var got []string
	for _, x := range dp.Extensions {
		got = append(got, strings.Join([]string{x.Context, x.Exten, x.Priority, x.App, x.AppData}, " ")+fmt.Sprintf(" @%d", x.Line))
	}
	want := []string{
		"what who 1 NoOp half @4",
		"what who 2 Dial SIP/300 @7",
		"what who 3 Goto other|nomatch|begin @11",
		"what who 4 Set y=${y}-1 @14",
		"other nomatch 1 NoOp \"a; b { c }\" @21",
		"other nomatch 2 Hangup  @22",
		"other _0[1-9]XXXXXXXX 1 Goto national,s,1 @24",
		"vm s 1 VoiceMail ${box}@default @27",
		"vm a 1 Goto operator,s,1 @29",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Join(dp.Contexts, ",") != "what,other,vm" {
		t.Errorf("contexts %v", dp.Contexts)
	}
}

// What AEL would refuse is a problem with its line, never a step: a
// statement outside any context, a line in a context that is no extension,
// an unclosed context, and text that is not a call (hostile text stays
// text).
func TestParseAELProblems(t *testing.T) {
	src := "Dial(SIP/1);\n" +
		"context c {\n" +
		"\tnot an extension;\n" +
		"\t100 => { rm -rf /; };\n" +
		"\t101 => {\n"
	dp, problems, err := ParseAEL(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(dp.Extensions) != 0 {
		t.Errorf("steps %+v", dp.Extensions)
	}
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%02d %s", p.Line, p.Reason))
	}
	want := []string{
		"01 AEL statement outside a context",
		"03 AEL line in context c that is not an extension",
		"04 AEL statement that is neither an application call, a goto nor an assignment",
		"05 block of 101 in c is not closed",
		"02 context c is not closed",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Whatever the bytes, ParseAEL ends, and every step and problem it reports
// names a line of the file.
func FuzzParseAEL(f *testing.F) {
	f.Add([]byte("context c {\n\t_9X. => { Dial(SIP/t/${EXTEN:1}); Hangup; };\n\tincludes { d; };\n};\nmacro m(a) { switch(${a}) { case 1: goto x; default: return; } x: NoOp(); };\n"))
	f.Add([]byte("context { } } ;; => ${ \"\n/* x"))
	f.Add([]byte("globals { a=1; };\ncontext c { 1 => if (${a}) { y=${y}-1; } else &m(1); };"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dp, problems, err := ParseAEL(strings.NewReader(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(b), "\n") + 1
		for _, x := range dp.Extensions {
			if x.Line < 1 || x.Line > lines {
				t.Fatalf("step at line %d of %d", x.Line, lines)
			}
		}
		for _, p := range problems {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem at line %d of %d", p.Line, lines)
			}
		}
	})
}

// Blocks nested past maxAELDepth are one problem and skipped whole, so a
// hostile file of braces cannot exhaust the stack; the steps around them
// are still read.
func TestParseAELDepth(t *testing.T) {
	src := "context c {\n1 => {\nNoOp(before);\n" + strings.Repeat("if (1) {\n", 70) + "Dial(SIP/deep);\n" + strings.Repeat("};\n", 70) + "NoOp(after);\n};\n};\n"
	dp, problems, err := ParseAEL(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range dp.Extensions {
		got = append(got, x.AppData)
	}
	if strings.Join(got, ",") != "before,after" || len(problems) != 1 || problems[0].Line != 67 ||
		problems[0].Reason != "blocks of 1 in c nested deeper than 64: not read" {
		t.Errorf("steps %v, problems %+v", got, problems)
	}
}

// globals { } statements are the dial plan's Globals with their lines
// (values trimmed, a ${...} in a value kept whole); one that is no
// NAME=value is a problem, as pbx_ael refuses it.
func TestParseAELGlobals(t *testing.T) {
	src := "globals {\n\tOUTBOUND-TRUNK=SIP/skynet;\n\tPREFIX = ${CALLERID(num)} ;\n};\ncontext c {\n\t1 => NoOp(x);\n};\n"
	dp, problems, err := ParseAEL(strings.NewReader(src))
	if err != nil || len(problems) != 0 {
		t.Fatalf("err %v, problems %+v", err, problems)
	}
	var got []string
	for _, g := range dp.Globals {
		got = append(got, fmt.Sprintf("%s=%s@%d", g.Key, g.Value, g.Line))
	}
	if strings.Join(got, " ") != "OUTBOUND-TRUNK=SIP/skynet@2 PREFIX=${CALLERID(num)}@3" {
		t.Errorf("globals %v", got)
	}
	_, problems, _ = ParseAEL(strings.NewReader("globals {\n\tA=1;\n\tnonsense;\n};\n"))
	if len(problems) != 1 || problems[0].Line != 3 {
		t.Errorf("problems %+v", problems)
	}
}
