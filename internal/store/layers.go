package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/paulmach/orb/geojson"
)

// KindLayer is the kind of a source that is a map base layer (GeoJSON).
const KindLayer = "layer"

// maxLayerBytes bounds a base layer: it is kept whole in the case.
const maxLayerBytes = 64 << 20

// Layer is a base layer the analyst added for the map.
type Layer struct {
	ID       int64
	SourceID int64
	Name     string
	Features *geojson.FeatureCollection
}

// ParseLayer reads GeoJSON: a FeatureCollection, a Feature or a bare
// geometry, as a feature collection.
func ParseLayer(raw []byte) (*geojson.FeatureCollection, error) {
	if fc, err := geojson.UnmarshalFeatureCollection(raw); err == nil && len(fc.Features) > 0 {
		return fc, nil
	}
	if f, err := geojson.UnmarshalFeature(raw); err == nil && f.Geometry != nil {
		fc := geojson.NewFeatureCollection()
		return fc.Append(f), nil
	}
	if g, err := geojson.UnmarshalGeometry(raw); err == nil && g.Geometry() != nil {
		fc := geojson.NewFeatureCollection()
		return fc.Append(geojson.NewFeature(g.Geometry())), nil
	}
	return nil, fmt.Errorf("not GeoJSON with a geometry (a FeatureCollection, a Feature or a geometry)")
}

// ImportLayer keeps a GeoJSON file in the case as a base layer of the
// map: hashed and recorded as a source of kind "layer".
func (s *Store) ImportLayer(ctx context.Context, path string) (FileResult, error) {
	res := FileResult{Path: path, Kind: KindLayer, Format: "GeoJSON base layer"}
	if s.readOnly {
		return res, ErrReadOnly
	}
	f, err := os.Open(path)
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		res.Error = "not a regular file"
		return res, nil
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxLayerBytes+1))
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	if len(raw) > maxLayerBytes {
		res.Error = fmt.Sprintf("larger than %d MB: simplify it (QGIS: Simplify) and add that", maxLayerBytes>>20)
		return res, nil
	}
	sum := sha256.Sum256(raw)
	res.SHA256 = hex.EncodeToString(sum[:])
	fc, err := ParseLayer(raw)
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	var dup int64
	if s.db.QueryRowContext(ctx, "SELECT id FROM sources WHERE sha256 = ?", res.SHA256).Scan(&dup) == nil {
		res.Skipped = fmt.Sprintf("already in the case as source %d: same SHA-256", dup)
		res.inCase = true
		return res, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	r, err := tx.ExecContext(ctx, `INSERT INTO sources(path, location, kind, format, sha256, size, modified_at, imported_at, rows_imported)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, path, location(path), KindLayer, res.Format, res.SHA256, info.Size(), info.ModTime().Unix(), time.Now().Unix(), len(fc.Features))
	if err != nil {
		return res, err
	}
	res.SourceID, _ = r.LastInsertId()
	if _, err := tx.ExecContext(ctx, "INSERT INTO map_layers(source_id, name, geojson) VALUES (?, ?, ?)", res.SourceID, filepath.Base(path), string(raw)); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, err
	}
	res.Rows = int64(len(fc.Features))
	return res, nil
}

// Layers returns the base layers kept in the case.
func (s *Store) Layers(ctx context.Context) ([]Layer, error) {
	type row struct {
		id, src   int64
		name, raw string
	}
	rows, err := queryAll(ctx, s.db, func(r *row) []any { return []any{&r.id, &r.src, &r.name, &r.raw} },
		"SELECT id, source_id, name, geojson FROM map_layers ORDER BY id")
	if err != nil {
		return nil, err
	}
	out := make([]Layer, 0, len(rows))
	for _, r := range rows {
		fc, err := ParseLayer([]byte(r.raw))
		if err != nil {
			continue
		}
		out = append(out, Layer{ID: r.id, SourceID: r.src, Name: r.name, Features: fc})
	}
	return out, nil
}
