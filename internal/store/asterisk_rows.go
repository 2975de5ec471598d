package store

import (
	"errors"
	"fmt"
	"io"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// eachRow is the loop every Asterisk reader's import runs: it calls next
// until io.EOF; a *asterisk.RowError is a rejected row (its line, reason
// and raw text); any other error ends the import. Each item goes to take,
// which returns whether it added a row to the caller's batch and the
// rejects it produced (a bad value dropped, a row refused). flush writes
// the batch with the rejects gathered so far: every chunkRows rows and at
// the end.
func eachRow[T any](j *importJob, next func() (T, error), take func(T) (added bool, rejects []reject), flush func([]reject) error) error {
	var rejects []reject
	batched := 0
	for {
		item, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		var rowErr *asterisk.RowError
		if errors.As(err, &rowErr) {
			rejects = append(rejects, reject{line: rowErr.Line, severity: "row", reason: rowErr.Reason, raw: rowErr.Raw})
			j.rejected.Add(1)
			continue
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", j.path, err)
		}
		added, more := take(item)
		rejects = append(rejects, more...)
		if added {
			batched++
		}
		if batched == chunkRows {
			if err := flush(rejects); err != nil {
				return err
			}
			rejects, batched = rejects[:0], 0
		}
	}
	return flush(rejects)
}
