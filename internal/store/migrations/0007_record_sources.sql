-- Overlapping exports: a record that is the same event as one already in
-- the case (same subscriber, start, other party or destination, duration
-- or volumes) is stored once. The record keeps the first source and line
-- that carried it; every further carrier is listed here with its line, so
-- that each figure still traces back to every file that holds it.
CREATE TABLE record_sources (
    kind      TEXT    NOT NULL CHECK (kind IN ('ipdr', 'voice')),
    record_id INTEGER NOT NULL,             -- ipdr.id or voice.id
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line      INTEGER NOT NULL,
    PRIMARY KEY (kind, record_id, source_id, line)
) WITHOUT ROWID;
CREATE INDEX record_sources_by_source ON record_sources(source_id, line);

-- Records of a source that were already in the case (from another source,
-- or earlier in the same file), kept once and listed in record_sources.
ALTER TABLE sources ADD COLUMN rows_already INTEGER NOT NULL DEFAULT 0;

-- A sheet of a spreadsheet workbook is a source of its own: path is the
-- workbook's, sheet names the sheet, sha256 is the SHA-256 of the sheet's
-- text as read (one line per row) and workbook_sha256 that of the
-- workbook file as stored.
ALTER TABLE sources ADD COLUMN sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN workbook_sha256 TEXT NOT NULL DEFAULT '';
