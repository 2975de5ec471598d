-- Channel Event Logging (CEL): one row per event of one channel, as the
-- PBX wrote it (cel_custom's cel-custom/*.csv, a cel table of cel_odbc,
-- cel_pgsql or cel_sqlite3_custom), each with its line (a table's rowid).
-- A call is the events that share a linkedid; the CDR of the same call
-- carries that linkedid, or the uniqueid of one of its channels.
CREATE TABLE IF NOT EXISTS ast_cel (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line        INTEGER NOT NULL,
    time        INTEGER NOT NULL, -- Unix seconds
    usec        INTEGER NOT NULL, -- microseconds within time (0 when none written)
    time_text   TEXT    NOT NULL, -- the event time as written
    event       TEXT    NOT NULL, -- CHAN_START, ANSWER, HANGUP ... or a user event's name
    userdeftype TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    uniqueid    TEXT    NOT NULL,
    linkedid    TEXT    NOT NULL,
    cid_name    TEXT    NOT NULL,
    cid_num     TEXT    NOT NULL,
    cid_ani     TEXT    NOT NULL,
    cid_dnid    TEXT    NOT NULL,
    exten       TEXT    NOT NULL,
    context     TEXT    NOT NULL,
    app         TEXT    NOT NULL,
    appdata     TEXT    NOT NULL,
    accountcode TEXT    NOT NULL,
    peer        TEXT    NOT NULL,
    extra       TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ast_cel_by_linkedid ON ast_cel(linkedid, time, usec);
CREATE INDEX IF NOT EXISTS ast_cel_by_uniqueid ON ast_cel(uniqueid);
CREATE INDEX IF NOT EXISTS ast_cel_by_source ON ast_cel(source_id, line);
