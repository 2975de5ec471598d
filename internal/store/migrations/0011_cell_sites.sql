-- Where the case's cells are: cell-site reference data (OpenCellID / Mozilla
-- Location Service exports, operators' cell-site lists, positions written
-- inside CDRs), each row kept with its source and line. A cell may have
-- several rows: every source's position is kept, and a query says when they
-- disagree (internal/store/cellsites.go). Sources of cell sites are rows of
-- sources with kind 'cells' (hashed like evidence; their records are here,
-- not in ipdr or voice).
--
-- cell_key is the canonical key of internal/ident (MCC-MNC-LAC-CI, '?' for
-- a LAC the source did not give). alt_key is the other key the same cell is
-- written under: MCC-MNC-?-ECI for a 4G/5G cell (an ECI or NCI is unique in
-- its network, so an ECGI without its TAC finds it), or MCC-MNC-LAC-CI with
-- the 16-bit CI of a UMTS cell given with its RNC (OpenCellID writes the
-- 28-bit UTRAN cell id). Angles are degrees (azimuth from true north,
-- clockwise), range_m metres; NULL when not given.
CREATE TABLE cell_sites (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line      INTEGER NOT NULL,
    cell_key  TEXT    NOT NULL,
    alt_key   TEXT,
    cell      TEXT    NOT NULL,            -- as written (or composed from the source's columns)
    radio     TEXT    NOT NULL DEFAULT '', -- GSM, UMTS, LTE, NR ... as the source says
    lat       REAL    NOT NULL,
    lon       REAL    NOT NULL,
    azimuth   REAL,
    beam      REAL,
    range_m   REAL,
    samples   INTEGER,
    address   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX cell_sites_by_key ON cell_sites(cell_key);
CREATE INDEX cell_sites_by_alt ON cell_sites(alt_key) WHERE alt_key IS NOT NULL;
CREATE INDEX cell_sites_by_source ON cell_sites(source_id, line);

-- Base layers the analyst adds for the map (district boundaries, roads
-- exported from OpenStreetMap): GeoJSON as read, drawn as outlines.
CREATE TABLE map_layers (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    name      TEXT    NOT NULL,
    geojson   TEXT    NOT NULL
);
