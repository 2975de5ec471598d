-- Artefacts of a seized Asterisk PBX and its host. Every row keeps its
-- source and line. Times follow the case's rule: Unix seconds, and
-- wall_offset added gives the wall clock the file wrote (0 when no zone
-- was known: the wall clock kept as written, see sources.tz).

-- Call records (cdr_csv, cdr_custom; FreeSWITCH mod_cdr_csv files are kept
-- too, their sources.kind says so and disposition holds hangup causes).
-- A call is kept once: the same CDR in Master.csv and a per-account file
-- (100.csv), or a row repeated in one file, is one row here and one row of
-- ast_call_copies per further occurrence.
CREATE TABLE ast_calls (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line           INTEGER NOT NULL,
    accountcode    TEXT    NOT NULL,
    src            TEXT    NOT NULL,
    dst            TEXT    NOT NULL,
    dcontext       TEXT    NOT NULL,
    clid           TEXT    NOT NULL, -- bytes as written, UTF-8 or not
    channel        TEXT    NOT NULL,
    dstchannel     TEXT    NOT NULL,
    lastapp        TEXT    NOT NULL,
    lastdata       TEXT    NOT NULL,
    start_text     TEXT    NOT NULL, -- start, answer, end as written
    answer_text    TEXT    NOT NULL,
    end_text       TEXT    NOT NULL,
    start          INTEGER NOT NULL,
    answer         INTEGER,          -- NULL when the call was not answered
    "end"          INTEGER,
    wall_offset    INTEGER NOT NULL DEFAULT 0,
    duration       INTEGER NOT NULL,
    billsec        INTEGER NOT NULL,
    disposition    TEXT    NOT NULL,
    amaflags       TEXT    NOT NULL,
    uniqueid       TEXT    NOT NULL,
    userfield      TEXT    NOT NULL,
    peeraccount    TEXT    NOT NULL,
    linkedid       TEXT    NOT NULL,
    sequence       INTEGER,          -- NULL when the file has no sequence column
    recipient      TEXT    NOT NULL, -- the number called ('' when none)
    recipient_from TEXT    NOT NULL, -- dst, lastdata or dst-without-src
    direction      TEXT    NOT NULL, -- outbound, inbound, internal, unknown
    dongle         TEXT    NOT NULL, -- chan_dongle device of channel or dstchannel
    dedup_key      TEXT    NOT NULL UNIQUE -- SHA-256 of the call's identity (uniqueid, times, parties)
);
CREATE INDEX ast_calls_by_start ON ast_calls(start);
CREATE INDEX ast_calls_by_dongle ON ast_calls(dongle, start);
CREATE INDEX ast_calls_by_recipient ON ast_calls(recipient, start);
CREATE INDEX ast_calls_by_source ON ast_calls(source_id, line);

CREATE TABLE ast_call_copies (
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line      INTEGER NOT NULL,
    call_id   INTEGER NOT NULL REFERENCES ast_calls(id),
    PRIMARY KEY (source_id, line)
) WITHOUT ROWID;
CREATE INDEX ast_call_copies_by_call ON ast_call_copies(call_id);

-- Daemon log entries (var/log/asterisk/messages*, full), continuation
-- lines joined. year_source: 'written' (the stamp had a year), 'placed'
-- (a year-less stamp dated from the other artefacts; sources.notes says
-- how), '' (no stamp: a comment or stray line, time NULL).
CREATE TABLE ast_log (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line        INTEGER NOT NULL,
    end_line    INTEGER NOT NULL,
    stamp       TEXT    NOT NULL, -- as written
    year        INTEGER NOT NULL,
    year_source TEXT    NOT NULL,
    time        INTEGER,
    wall_offset INTEGER NOT NULL DEFAULT 0,
    level       TEXT    NOT NULL,
    thread      TEXT    NOT NULL,
    call_id     TEXT    NOT NULL,
    file        TEXT    NOT NULL,
    function    TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    host        TEXT    NOT NULL,
    program     TEXT    NOT NULL,
    pid         TEXT    NOT NULL
);
CREATE INDEX ast_log_by_time ON ast_log(time);
CREATE INDEX ast_log_by_source ON ast_log(source_id, line);

-- Every key of every .conf file as Asterisk reads it (op '=', '=>', '+=';
-- '#' for #include/#exec lines, key = the directive).
CREATE TABLE ast_conf (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    file_kind    TEXT    NOT NULL, -- dongle, extensions, sip, pjsip, or the file's stem
    section      TEXT    NOT NULL,
    section_line INTEGER NOT NULL,
    section_opts TEXT    NOT NULL, -- "(!)", "(+)", "(tmpl1,tmpl2)" as declared
    key          TEXT    NOT NULL,
    value        TEXT    NOT NULL,
    op           TEXT    NOT NULL,
    line         INTEGER NOT NULL
);
CREATE INDEX ast_conf_by_source ON ast_conf(source_id, line);

-- What the .conf files say, derived at import with templates and
-- [defaults] applied: the modems of dongle.conf, the SIP/PJSIP parties of
-- sip.conf and pjsip.conf, the steps and numbers of extensions.conf.
CREATE TABLE ast_dongles (
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    name      TEXT    NOT NULL,
    imei      TEXT    NOT NULL,
    imsi      TEXT    NOT NULL,
    exten     TEXT    NOT NULL,
    context   TEXT    NOT NULL,
    audio     TEXT    NOT NULL,
    data      TEXT    NOT NULL,
    grp       TEXT    NOT NULL,
    line      INTEGER NOT NULL,
    notes     TEXT    NOT NULL
);
CREATE INDEX ast_dongles_by_name ON ast_dongles(name);
CREATE INDEX ast_dongles_by_imei ON ast_dongles(imei);

CREATE TABLE ast_peers (
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    conf      TEXT    NOT NULL, -- sip or pjsip
    name      TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    host      TEXT    NOT NULL,
    port      TEXT    NOT NULL,
    username  TEXT    NOT NULL,
    context   TEXT    NOT NULL,
    line      INTEGER NOT NULL,
    detail    TEXT    NOT NULL
);

CREATE TABLE ast_dialplan (
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    context   TEXT    NOT NULL,
    exten     TEXT    NOT NULL,
    priority  TEXT    NOT NULL,
    app       TEXT    NOT NULL,
    appdata   TEXT    NOT NULL,
    line      INTEGER NOT NULL
);

CREATE TABLE ast_dialplan_numbers (
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    number    TEXT    NOT NULL,
    line      INTEGER NOT NULL -- first line naming it
);

-- The zone a host's clocks ran in, per image root, as read from
-- etc/timezone or etc/localtime (a symbolic link's text, never followed,
-- or TZif bytes).
CREATE TABLE ast_zones (
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    root      TEXT    NOT NULL,
    zone      TEXT    NOT NULL,
    how       TEXT    NOT NULL
);

-- Shell history: one row per command line, with the time the shell wrote
-- for it when HISTTIMEFORMAT (or zsh's extended history) was on.
CREATE TABLE shell_history (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line      INTEGER NOT NULL,
    user      TEXT    NOT NULL,
    command   TEXT    NOT NULL,
    time      INTEGER,
    time_line INTEGER
);
CREATE INDEX shell_history_by_source ON shell_history(source_id, line);

-- Readable views for analysts opening the case with sqlite3.
CREATE VIEW ast_calls_readable AS
SELECT c.id, s.path AS source, s.kind, c.line, datetime(c.start + c.wall_offset, 'unixepoch') AS start_wall, s.tz AS zone,
       c.src, c.recipient, c.recipient_from, c.dst, c.direction, c.dongle, c.channel, c.dstchannel,
       c.lastapp, c.lastdata, c.duration, c.billsec, c.disposition, c.accountcode, c.clid, c.uniqueid,
       (SELECT count(*) FROM ast_call_copies k WHERE k.call_id = c.id) AS copies
FROM ast_calls c JOIN sources s ON s.id = c.source_id;

CREATE VIEW ast_call_copies_readable AS
SELECT s.path AS source, k.line, k.call_id, o.path AS kept_in, c.line AS kept_line
FROM ast_call_copies k
JOIN sources s ON s.id = k.source_id
JOIN ast_calls c ON c.id = k.call_id
JOIN sources o ON o.id = c.source_id;
