-- Saved server hunts: the query as the analyst's form (JSON, canonical, so
-- that a rerun reads it the same way), when it was saved and last run, and
-- what that run found, so a rerun after more evidence arrives shows what
-- changed. Times are Unix seconds of the analyst's clock (UTC).
CREATE TABLE hunts (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    query       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    ran_at      INTEGER NOT NULL,
    subscribers INTEGER NOT NULL,
    records     INTEGER NOT NULL
);
