package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// A folder walked with --map naming a column of one of its files: that
// file is a table the analyst is mapping, so when the mapping is not yet
// enough it is an error naming the column, never skipped as "not
// evidence"; the preview says the same. Without --map it stays a skip.
func TestWalkedFolderWithMapIsNotCalledNotEvidence(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ev")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	body := "Mobile No,Peer IP,Peer Port,When\n919800000001,157.240.1.1,443,2024-03-19 10:00:00\n"
	if err := os.WriteFile(filepath.Join(dir, "odd.csv"), []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	opts := ImportOptions{Map: map[evidence.Field]string{evidence.FMSISDN: "Mobile No"}}
	res, err := openTemp(t).Import(ctx, []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var file *FileResult
	for i := range res {
		if strings.HasSuffix(res[i].Path, "odd.csv") {
			file = &res[i]
		}
	}
	if file == nil || file.Skipped != "" || !strings.HasPrefix(file.Error, `--map names its column "Mobile No", but the file is not yet a layout cdrtui reads: `) ||
		strings.Contains(file.Error, "not evidence") {
		t.Fatalf("results %+v", res)
	}
	pre, err := PreviewImport(ctx, []string{dir}, opts, 10)
	if err != nil || len(pre.Entries) != 1 || !strings.HasPrefix(pre.Entries[0].Problem, `--map names its column "Mobile No"`) {
		t.Fatalf("preview %+v %v", pre, err)
	}
	res, err = openTemp(t).Import(ctx, []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res[0].Skipped, "not evidence") || !strings.Contains(res[len(res)-1].Error, "1 file examined") {
		t.Errorf("without --map: %+v", res)
	}
}
