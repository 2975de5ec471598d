-- A CEL event is kept once, as a call is (ast_calls, ast_call_copies): the
-- same event in two sources (cel-custom/Master.csv and master.db's cel
-- table of one image, two copies of a CSV with different bytes) or a row
-- repeated in one file is one row of ast_cel and one row of
-- ast_cel_copies per further occurrence, with its source and line, so
-- that a call's events, and every count of them, are counted once and
-- every copy stays findable.
--
-- The event's identity is every field the PBX wrote of it: the parsed
-- time (Unix seconds and microseconds, never time_text, which a CSV and a
-- sqlite table may format differently: "1709283600.000100" and
-- "2024-03-01 09:00:00.000100" are the same instant), the event type and
-- userdeftype, channel, uniqueid, linkedid, the caller id (name, number,
-- ani, dnid), exten, context, app, appdata, accountcode, peer and extra.
-- Nothing less: two events of one channel in the same microsecond differ
-- in their type; two of the same type and time on different channels of
-- one call (a parallel Dial's legs) differ in channel and uniqueid; two
-- events differing only in usec are two events. A field one source wrote
-- and another left out (a cel_custom mapping without peer, say) makes
-- them two rows, never one: events are merged only when nothing tells
-- them apart, so a merge never hides an event.
CREATE TABLE IF NOT EXISTS ast_cel_copies (
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line      INTEGER NOT NULL,
    cel_id    INTEGER NOT NULL REFERENCES ast_cel(id),
    PRIMARY KEY (source_id, line)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ast_cel_copies_by_cel ON ast_cel_copies(cel_id);

-- A case made before this migration may hold an event twice: its first
-- row (the lowest id) is kept, the others become its copies.
CREATE TEMP TABLE ast_cel_dups AS SELECT id, source_id, line, keep FROM (
    SELECT id, source_id, line, min(id) OVER (PARTITION BY time, usec, event, userdeftype, channel, uniqueid, linkedid,
        cid_name, cid_num, cid_ani, cid_dnid, exten, context, app, appdata, accountcode, peer, extra) AS keep
    FROM ast_cel) WHERE id <> keep;
INSERT OR IGNORE INTO ast_cel_copies(source_id, line, cel_id) SELECT source_id, line, keep FROM ast_cel_dups;
DELETE FROM ast_cel WHERE id IN (SELECT id FROM ast_cel_dups);
DROP TABLE ast_cel_dups;

CREATE UNIQUE INDEX IF NOT EXISTS ast_cel_identity ON ast_cel(time, usec, event, userdeftype, channel, uniqueid, linkedid,
    cid_name, cid_num, cid_ani, cid_dnid, exten, context, app, appdata, accountcode, peer, extra);
