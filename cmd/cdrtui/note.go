package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

const noteUsage = "note CASE.db|clickhouse://HOST:9000/DB [--cluster NAME] add KIND TARGET [TEXT...] [--tag T]... [--analyst NAME] [--json] | note CASE.db list [--tag T] [--json] | note CASE.db remove ID [--analyst NAME]"

func runNote(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("note", flag.ContinueOnError)
	var tags multiFlag
	fs.Var(&tags, "tag", "a tag (repeatable, or comma-separated); with list, keep the notes carrying it")
	analyst := fs.String("analyst", "", "who writes the note (default: $"+casework.AnalystEnv+", else the OS user)")
	asJSON := fs.Bool("json", false, "print JSON")
	cluster := fs.String("cluster", "", "the ClickHouse cluster of a clickhouse:// case")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return fmt.Errorf("%w: need a case file and add, list or remove", errUsage)
	}
	ctx := context.Background()
	var st casework.Case
	if isClusterCase(pos[0]) || *cluster != "" {
		if st, _, err = openCase(pos[0], *cluster, stderr); err != nil {
			return err
		}
	} else {
		local, err := openExisting(pos[0], stderr)
		if err != nil {
			return err
		}
		st = local
	}
	defer st.Close()
	switch pos[1] {
	case "add":
		if len(pos) < 4 {
			return fmt.Errorf("%w: note add needs a kind (subscriber, record, pair, hunt, call, artefact ...) and the item", errUsage)
		}
		n, err := casework.AddNote(ctx, st, store.Note{Analyst: *analyst, Kind: pos[2], Target: pos[3], Label: pos[3],
			Tags: tags, Body: strings.Join(pos[4:], " ")}, time.Now())
		if err != nil {
			if errors.Is(err, store.ErrReadOnly) {
				return fmt.Errorf("the case is read-only: notes are kept in the case, copy it to a writable place first")
			}
			return err
		}
		if *asJSON {
			return writeJSON(stdout, n)
		}
		fmt.Fprintf(stdout, "note #%d kept in the case\n", n.ID)
		return nil
	case "list", "ls":
		tag := ""
		if len(tags) > 0 {
			tag = tags[0]
		}
		ns, err := st.Notes(ctx, tag)
		if err != nil {
			return err
		}
		if *asJSON {
			if ns == nil {
				ns = []store.Note{}
			}
			return writeJSON(stdout, ns)
		}
		if len(ns) == 0 {
			fmt.Fprintln(stdout, "no notes")
		}
		for _, n := range ns {
			fmt.Fprintf(stdout, "#%-4d %s  %-12s %-10s %s  [%s]\n      %s\n", n.ID, time.Unix(n.CreatedAt, 0).UTC().Format("2006-01-02 15:04Z"),
				inert.String(n.Analyst), inert.String(n.Kind), inert.String(n.Target), inert.String(strings.Join(n.Tags, ", ")), inert.String(n.Body))
		}
		return nil
	case "remove", "rm":
		if len(pos) != 3 {
			return fmt.Errorf("%w: note remove needs the note's number", errUsage)
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(pos[2], "#"), 10, 64)
		if err != nil {
			return fmt.Errorf("%w: %q is not a note number", errUsage, pos[2])
		}
		if err := casework.RemoveNote(ctx, st, id, *analyst); err != nil {
			return fmt.Errorf("note #%d: %w", id, err)
		}
		fmt.Fprintf(stdout, "note #%d removed\n", id)
		return nil
	}
	return fmt.Errorf("%w: %q: use add, list or remove", errUsage, pos[1])
}
