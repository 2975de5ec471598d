package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// PBXRoute is an outbound route of a seized PBX's dial plan.
type PBXRoute = asterisk.Route

// PBXRoutes lists the outbound routes of the case's dial plans
// (asterisk.Topology.OutboundRoutes): each pattern step passing the number
// dialled out through a trunk, with how many digits it takes off and
// where it is written (path:line), in import order. The trunk numbers of
// FreePBX's Macro(dialout-trunk,N,…) are named from [globals]' OUT_N.
func (s *Store) PBXRoutes(ctx context.Context) ([]PBXRoute, error) {
	topo, err := loadTopology(ctx, s.db)
	if err != nil {
		return nil, err
	}
	globals := map[string]string{}
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM ast_conf WHERE file_kind = 'extensions' AND lower(section) = 'globals' AND op <> '#'
		ORDER BY source_id, line`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return nil, err
		}
		globals[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var steps []asterisk.Extension
	var where []string
	rows, err = s.db.QueryContext(ctx, `SELECT d.context, d.exten, d.app, d.appdata, d.line, s.path FROM ast_dialplan d JOIN sources s ON s.id = d.source_id
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
