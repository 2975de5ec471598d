-- Tower dumps (cdrtui scenes) and co-location (cdrtui colocate) read the
-- records of given cells in a time window: data records by cell, beside
-- voice_by_cell.
CREATE INDEX IF NOT EXISTS ipdr_by_cell ON ipdr(cell_id, start);
