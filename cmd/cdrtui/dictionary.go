package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
)

// openWithPorts opens an existing case and the port dictionary an analysis
// runs with: the analyst's --ports files laid over the defaults when there
// are any (kept in the case, or used for this run only with a warning on
// stderr when the case is read-only), else the dictionary the case holds.
// The case is closed again when the dictionary cannot be had.
//
// The case is opened read-only (nothing written) unless port files are
// given or write says the command writes into it.
func openWithPorts(ctx context.Context, casePath string, portFiles []string, write bool, stderr io.Writer) (*store.Store, *analysis.Dictionary, casework.DictionaryInfo, error) {
	open := openReading
	if write || len(portFiles) > 0 {
		open = openExisting
	}
	st, err := open(casePath, stderr)
	if err != nil {
		return nil, nil, casework.DictionaryInfo{}, err
	}
	dict, info, err := casework.DictionaryFor(ctx, st, portFiles)
	if err != nil {
		st.Close()
		return nil, nil, casework.DictionaryInfo{}, err
	}
	if len(portFiles) > 0 && !info.Stored {
		fmt.Fprintln(stderr, "cdrtui: the case is read-only: the port dictionary is used for this run but not kept in the case")
	}
	return st, dict, info, nil
}
