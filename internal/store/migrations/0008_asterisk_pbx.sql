-- PBXs as administrators configure them: each call's recipient through a
-- trunk and its direction, both with the reason they were decided from the
-- case's configuration (sip.conf, pjsip.conf, iax.conf, dongle.conf, the
-- dial plan). Re-derived whenever configuration or calls are imported.
ALTER TABLE ast_calls ADD COLUMN dialled TEXT NOT NULL DEFAULT '';          -- number dialled on the trunk, as written
ALTER TABLE ast_calls ADD COLUMN trunk TEXT NOT NULL DEFAULT '';            -- "sip/sipus1", "dongle/dongle0"
ALTER TABLE ast_calls ADD COLUMN recipient_note TEXT NOT NULL DEFAULT '';   -- why the recipient differs from dst
ALTER TABLE ast_calls ADD COLUMN direction_reason TEXT NOT NULL DEFAULT ''; -- which channel, peer and rule decided
CREATE INDEX ast_calls_by_direction ON ast_calls(direction, start);

-- queue_log: one row per event (epoch|callid|queue|agent|event|data...).
CREATE TABLE ast_queue (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line        INTEGER NOT NULL,
    time        INTEGER NOT NULL,
    callid      TEXT    NOT NULL,
    queue       TEXT    NOT NULL,
    agent       TEXT    NOT NULL,
    event       TEXT    NOT NULL,
    data        TEXT    NOT NULL, -- the data fields as written, '|' between them
    wait        INTEGER,          -- seconds the caller waited (CONNECT, ABANDON, EXITWITHTIMEOUT ...)
    talk        INTEGER           -- seconds of talk (COMPLETECALLER, COMPLETEAGENT)
);
CREATE INDEX ast_queue_by_call ON ast_queue(callid);
CREATE INDEX ast_queue_by_source ON ast_queue(source_id, line);

-- Checks of a source against other evidence (the CDR's clock against its
-- uniqueids and the messages log), said on the source and in the pane.
CREATE TABLE ast_checks (
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    topic     TEXT    NOT NULL, -- clock
    verdict   TEXT    NOT NULL, -- agrees, disagrees, unknown
    text      TEXT    NOT NULL
);

DROP VIEW ast_calls_readable;
CREATE VIEW ast_calls_readable AS
SELECT c.id, s.path AS source, s.kind, c.line, datetime(c.start + c.wall_offset, 'unixepoch') AS start_wall, s.tz AS zone,
       c.src, c.recipient, c.recipient_from, c.dst, c.dialled, c.trunk, c.recipient_note, c.direction, c.direction_reason,
       c.dongle, c.channel, c.dstchannel, c.lastapp, c.lastdata, c.duration, c.billsec, c.disposition, c.accountcode, c.clid,
       c.uniqueid, (SELECT count(*) FROM ast_call_copies k WHERE k.call_id = c.id) AS copies
FROM ast_calls c JOIN sources s ON s.id = c.source_id;
