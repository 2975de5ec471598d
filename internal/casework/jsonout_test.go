package casework

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
)

// WriteJSONText writes what JSONText makes, and its digest is ResultHash's.
func TestWriteJSONTextIsJSONText(t *testing.T) {
	v := map[string]any{
		"plain":   "abc",
		"hostile": "x\u202ey\u0085z\U000E0041 é 日本",
		"list":    []int{1, 2, 3},
	}
	want, err := JSONText(v)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(want, mustMarshalPlain(t, v)) {
		t.Fatal("the value has nothing inert escapes: the test would not see a difference")
	}
	var got bytes.Buffer
	d, err := WriteJSONText(&got, v)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("WriteJSONText:\n%s\nwant JSONText's:\n%s", got.Bytes(), want)
	}
	sum := sha256.Sum256(want)
	if string(d) != hex.EncodeToString(sum[:]) || string(d) != ResultHash(v) {
		t.Fatalf("digest %s, want %s (ResultHash %s)", d, hex.EncodeToString(sum[:]), ResultHash(v))
	}
}

// A rune split between two writes is escaped as a whole.
func TestInertWriterJoinsSplitRunes(t *testing.T) {
	text := []byte("\"a\u202eb\U000E0041c é\"")
	want, err := JSONText("a\u202eb\U000E0041c é")
	if err != nil {
		t.Fatal(err)
	}
	want = bytes.TrimSuffix(want, []byte("\n"))
	for size := 1; size <= 5; size++ {
		var out bytes.Buffer
		iw := &inertWriter{w: &out}
		for i := 0; i < len(text); i += size {
			if _, err := iw.Write(text[i:min(i+size, len(text))]); err != nil {
				t.Fatal(err)
			}
		}
		if err := iw.flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("written %d bytes at a time: %q, want %q", size, out.Bytes(), want)
		}
	}
}

func mustMarshalPlain(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := jsonEncoder(&b)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jsonEncoder(b *bytes.Buffer) *json.Encoder {
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	return enc
}

// WriteJSONTextList writes what JSONText makes of the whole value, the
// list written an item at a time in the place of its null.
func TestWriteJSONTextListIsJSONText(t *testing.T) {
	type item struct {
		Name  string         `json:"name"`
		Score float64        `json:"score"`
		Tags  []string       `json:"tags"`
		Empty []int          `json:"empty"`
		Per   map[string]int `json:"per,omitempty"`
	}
	type inner struct {
		Before string `json:"before"`
		Items  []item `json:"items"`
		After  []item `json:"after"`
	}
	type outer struct {
		*inner
		Scope string `json:"scope"`
	}
	lists := map[string][]item{
		"several": {
			{Name: "a<b>&c", Score: 1.5, Tags: []string{"x", "y\u202e"}, Empty: []int{}, Per: map[string]int{"k": 1, "j": 2}},
			{Name: "\u0085hostile", Score: 0, Tags: nil},
			{Name: "日本", Score: -3e-9, Tags: []string{}},
		},
		"one":   {{Name: "only"}},
		"empty": {},
		"nil":   nil,
	}
	for name, items := range lists {
		t.Run(name, func(t *testing.T) {
			full := outer{&inner{Before: "b\u202e", Items: items, After: []item{{Name: "after"}}}, "s"}
			want, err := JSONText(full)
			if err != nil {
				t.Fatal(err)
			}
			head := outer{&inner{Before: "b\u202e", After: []item{{Name: "after"}}}, "s"}
			var got bytes.Buffer
			d, err := WriteJSONTextList(&got, head, "items", items)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("WriteJSONTextList:\n%s\nwant JSONText's:\n%s", got.Bytes(), want)
			}
			if string(d) != ResultHash(full) {
				t.Fatalf("digest %s, want ResultHash %s", d, ResultHash(full))
			}
		})
	}
	var b bytes.Buffer
	if _, err := WriteJSONTextList(&b, map[string]any{"other": nil}, "items", []int{1}); err == nil {
		t.Fatal("no null member to put the list in: no error")
	}
}
