package hostimage

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func readHistory(t *testing.T, text string) []HistoryLine {
	t.Helper()
	r := NewHistoryReader(strings.NewReader(text))
	var out []HistoryLine
	for {
		h, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, h)
	}
}

func TestHistory(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []HistoryLine
	}{
		{"plain bash: no times", "apt install asterisk\n\ncd /etc/asterisk\r\n",
			[]HistoryLine{{Line: 1, Command: "apt install asterisk"}, {Line: 3, Command: "cd /etc/asterisk"}}},
		{"HISTTIMEFORMAT lines date the commands after them",
			"#1700000000\nls\n#1700000060\nfor i in 1 2\ndo echo $i; done\n# a comment\n",
			[]HistoryLine{{Line: 2, Command: "ls", Time: 1700000000, TimeLine: 1},
				{Line: 4, Command: "for i in 1 2", Time: 1700000060, TimeLine: 3},
				{Line: 5, Command: "do echo $i; done", Time: 1700000060, TimeLine: 3},
				{Line: 6, Command: "# a comment", Time: 1700000060, TimeLine: 3}}},
		{"zsh extended history", ": 1700000000:0;asterisk -rvvv\n: bad;x\n",
			[]HistoryLine{{Line: 1, Command: "asterisk -rvvv", Time: 1700000000, TimeLine: 1}, {Line: 2, Command: ": bad;x"}}},
		{"bytes that are not UTF-8 stay", "echo \xa5\xa5\n", []HistoryLine{{Line: 1, Command: "echo \xa5\xa5"}}},
		{"a short number is a comment, not a time", "#12345\n", []HistoryLine{{Line: 1, Command: "#12345"}}},
	}
	for _, c := range cases {
		got := readHistory(t, c.text)
		if len(got) != len(c.want) {
			t.Fatalf("%s: %+v", c.name, got)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: line %d = %+v, want %+v", c.name, i, got[i], c.want[i])
			}
		}
	}
}
