package inert

import (
	"encoding/json"
	"testing"
)

func TestText(t *testing.T) {
	in := "msisdn,cell\n9198,\x1b[2J\u202eabc\tx\n"
	want := "msisdn,cell\n9198,\\x1b[2J\\u202eabc\tx\n"
	if got := Text(in); got != want {
		t.Errorf("Text(%q) = %q, want %q", in, got, want)
	}
}

// JSON keeps the text (it decodes to the same string) but no C1 control,
// bidi override or other format character is left raw in the bytes.
func TestJSON(t *testing.T) {
	s := "a\u009b31mb \u202eevil\u2066 \U000E0041 ok Привет 👍"
	enc, _ := json.Marshal(s)
	got := JSON(enc)
	want := `"a\u009b31mb \u202eevil\u2066 \udb40\udc41 ok Привет 👍"`
	if string(got) != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
	var back string
	if err := json.Unmarshal(got, &back); err != nil || back != s {
		t.Errorf("decodes to %q (%v), want %q", back, err, s)
	}
}
