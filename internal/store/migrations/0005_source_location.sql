-- Where each source was when it was imported, as an absolute path: the path
-- as given may be relative to a directory the analyst has since left, and
-- the raw viewer must still find the file (read-only) to show it.
ALTER TABLE sources ADD COLUMN location TEXT NOT NULL DEFAULT '';
