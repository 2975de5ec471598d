-- The case's memory: the analysts' bookmarks and notes, and the audit trail.
--
-- A note bookmarks one item (a subscriber, a record, a pair, a hunt result,
-- a call, an artefact) with a tag and a text. place is where the workbench
-- showed it (JSON: the pane and what the pane needs to find it again), so
-- the Notes view can jump back. Times are Unix seconds, UTC.
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    analyst    TEXT    NOT NULL,
    kind       TEXT    NOT NULL,            -- subscriber, record, pair, hunt, call, artefact, ...
    target     TEXT    NOT NULL,            -- the item: an MSISDN, "ipdr 1234", "A B", a hunt name ...
    label      TEXT    NOT NULL DEFAULT '', -- the item as the pane showed it
    pane       TEXT    NOT NULL DEFAULT '', -- the pane's ID; '' when made on the command line
    place      TEXT    NOT NULL DEFAULT '', -- JSON, see above
    tags       TEXT    NOT NULL DEFAULT '', -- comma-separated
    body       TEXT    NOT NULL DEFAULT ''
);

-- The audit trail, append-only and hash-chained: entry_sha256 is the
-- SHA-256 of the entry's content (seq, at, analyst, action, params,
-- result_sha256, prev_sha256), and prev_sha256 is the entry_sha256 of the
-- entry before (64 zeros for the first), so that a changed, removed or
-- reordered entry breaks the chain (cdrtui audit CASE --verify).
CREATE TABLE audit (
    seq           INTEGER PRIMARY KEY,
    at            TEXT    NOT NULL,          -- RFC 3339, UTC, nanoseconds
    analyst       TEXT    NOT NULL,
    action        TEXT    NOT NULL,          -- import, persona, export, note, report, pane:correlation ...
    params        TEXT    NOT NULL,          -- JSON
    result_sha256 TEXT    NOT NULL,          -- SHA-256 of the result (its JSON, or the file written)
    prev_sha256   TEXT    NOT NULL,
    entry_sha256  TEXT    NOT NULL
);
