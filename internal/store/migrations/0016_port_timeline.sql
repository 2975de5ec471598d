-- The per-port timeline (issue 20): for each destination port and UTC day
-- (floor(start / 86400)), the start and subscriber of every data record on
-- that port that day, packed in one blob (see timeline.go), so that the
-- contacts of a heavy subscriber decode a few blobs instead of walking
-- ipdr_by_port record by record. Records without a destination port are
-- not in it (no span of the contacts reads them).
CREATE TABLE IF NOT EXISTS port_timeline (
    dest_port INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    records   INTEGER NOT NULL,
    data      BLOB    NOT NULL,
    PRIMARY KEY (dest_port, day)
);

-- The (port, day) pairs whose blob no longer matches the records: every
-- import marks the pairs of the records it adds (and of those the overlap
-- rule removes again), in its own transaction, and the blobs are rebuilt
-- from ipdr_by_port when the file commits with that index in place (or,
-- when an import left the indexes down, once they are built). While any
-- pair is stale the contacts read the index instead: never an answer from
-- an out-of-date timeline. The Go step (backfillTimeline) marks every pair
-- of an existing case and builds the blobs.
CREATE TABLE IF NOT EXISTS port_timeline_stale (
    dest_port INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    PRIMARY KEY (dest_port, day)
) WITHOUT ROWID;
