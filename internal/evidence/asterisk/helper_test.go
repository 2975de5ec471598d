package asterisk

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// corpusBytes reads a real file from the shared corpus.
func corpusBytes(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(testkit.Corpus(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readAllCalls reads every call of data in format f, collecting row errors.
func readAllCalls(t testing.TB, data []byte, f Format) ([]Call, []*RowError) {
	t.Helper()
	r := NewReader(bytes.NewReader(data), f)
	var calls []Call
	var rejects []*RowError
	for {
		c, err := r.Next()
		if err == io.EOF {
			return calls, rejects
		}
		var re *RowError
		if errors.As(err, &re) {
			rejects = append(rejects, re)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		calls = append(calls, c)
	}
}

// tally counts the values key gives for each call.
func tally(calls []Call, key func(Call) string) map[string]int {
	m := map[string]int{}
	for _, c := range calls {
		m[key(c)]++
	}
	return m
}

// sameCounts compares two tallies.
func sameCounts(got, want map[string]int) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}
