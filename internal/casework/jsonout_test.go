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
