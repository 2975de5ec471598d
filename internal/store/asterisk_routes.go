package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// PBXRoute is an outbound route of a seized PBX's dial plan.
type PBXRoute = asterisk.Route

// PBXRoutes lists the outbound routes of the case's dial plans
// (asterisk.Topology.OutboundRoutes): each pattern step passing the number
// dialled out through a trunk, with how many digits it takes off and
// where it is written (path:line), in import order. The trunk numbers of
// FreePBX's Macro(dialout-trunk,N,…) are named from [globals]' OUT_N, and
// a trunk a variable names (Dial(SIP/${TRUNK}/…)) is given as written and
// resolved, with where the variable is set.
func (s *Store) PBXRoutes(ctx context.Context) ([]PBXRoute, error) {
	topo, err := loadTopology(ctx, s.db)
	if err != nil {
		return nil, err
	}
	globals, err := pbxGlobals(ctx, s.db)
	if err != nil {
		return nil, err
	}
	var steps []asterisk.Extension
	var where []string
	rows, err := s.db.QueryContext(ctx, `SELECT d.context, d.exten, d.app, d.appdata, d.line, s.path FROM ast_dialplan d JOIN sources s ON s.id = d.source_id
		WHERE d.exten LIKE '\_%' ESCAPE '\' AND d.appdata LIKE '%${EXTEN%' AND lower(d.app) IN ('dial', 'macro') ORDER BY d.source_id, d.line`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var x asterisk.Extension
		var path string
		if err := rows.Scan(&x.Context, &x.Exten, &x.App, &x.AppData, &x.Line, &path); err != nil {
			rows.Close()
			return nil, err
		}
		steps, where = append(steps, x), append(where, fmt.Sprintf("%s:%d", path, x.Line))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return topo.OutboundRoutes(steps, func(i int) string { return where[i] }, globals), nil
}

// pbxGlobals are the dial plans' [globals] (extensions.conf's, the files
// included in it such as FreePBX's globals_custom.conf, an AEL globals
// block), each with where it is set (path:line). Of two settings of one
// name the later as Asterisk reads them wins, placed by the #include lines
// the case holds: each file at the line of the #include naming it in the
// file that includes it (extensions_additional.conf's [globals] ends with
// #include globals_custom.conf, whose values come after its own). Settings
// no include places against the one kept (files no file of the case
// includes, a glob) are named beside it, never dropped.
func pbxGlobals(ctx context.Context, db *sql.DB) (map[string]asterisk.Global, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.key, c.value, c.line, c.source_id, s.path FROM ast_conf c JOIN sources s ON s.id = c.source_id
		WHERE c.file_kind = 'extensions' AND (lower(c.section) = 'globals' AND c.op <> '#' OR c.op = '#' AND c.key IN ('#include', '#tryinclude'))
		ORDER BY c.source_id, c.line`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type setting struct {
		key, value, path string
		line, src        int64
	}
	var sets []setting
	paths := map[int64]string{}
	type include struct {
		src, line int64
		arg       string
	}
	var includes []include
	for rows.Next() {
		var x setting
		if err := rows.Scan(&x.key, &x.value, &x.line, &x.src, &x.path); err != nil {
			return nil, err
		}
		paths[x.src] = x.path
		if strings.HasPrefix(x.key, "#") {
			includes = append(includes, include{x.src, x.line, filepath.Base(strings.TrimSpace(x.value))})
			continue
		}
		x.key, x.value = strings.TrimSpace(x.key), strings.TrimSpace(x.value)
		sets = append(sets, x)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// where each file is read: the lines of the #include lines leading to
	// it from a file no other includes (its root)
	type place struct {
		root int64
		at   []int64
	}
	placeOf := map[int64]place{}
	var locate func(src int64, seen map[int64]bool) place
	locate = func(src int64, seen map[int64]bool) place {
		if p, ok := placeOf[src]; ok {
			return p
		}
		p := place{root: src}
		seen[src] = true
		for _, in := range includes {
			if in.arg == filepath.Base(paths[src]) && in.src != src && !seen[in.src] {
				up := locate(in.src, seen)
				p = place{root: up.root, at: append(append([]int64(nil), up.at...), in.line)}
				break
			}
		}
		placeOf[src] = p
		return p
	}
	// later says b is read after a; ok false when no include orders them
	later := func(a, b setting) (bool, bool) {
		pa, pb := locate(a.src, map[int64]bool{}), locate(b.src, map[int64]bool{})
		if pa.root != pb.root {
			return false, false
		}
		return slices.Compare(append(slices.Clone(pa.at), a.line), append(slices.Clone(pb.at), b.line)) < 0, true
	}
	var order []string
	byKey := map[string][]setting{}
	for _, x := range sets {
		if _, ok := byKey[x.key]; !ok {
			order = append(order, x.key)
		}
		byKey[x.key] = append(byKey[x.key], x)
	}
	globals := map[string]asterisk.Global{}
	for _, k := range order {
		all := byKey[k]
		win := all[0]
		for _, x := range all[1:] {
			if l, ok := later(win, x); ok && l {
				win = x
			}
		}
		g := asterisk.Global{Value: win.value, Where: fmt.Sprintf("%s:%d", win.path, win.line)}
		for _, x := range all {
			if _, ok := later(win, x); !ok && x.value != win.value {
				g.Also = append(g.Also, fmt.Sprintf("%s (%s:%d)", x.value, x.path, x.line))
			}
		}
		globals[k] = g
	}
	return globals, nil
}
