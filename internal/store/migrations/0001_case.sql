-- The case file: what was imported, where each row came from, what could
-- not be read. Times are Unix seconds; wall_offset is what to add to get the
-- wall clock written in the evidence (0 when the file carried no zone and
-- the wall clock was kept as written, see sources.tz).

CREATE TABLE case_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sources (
    id             INTEGER PRIMARY KEY,
    path           TEXT    NOT NULL,            -- as given, or as found under a walked directory
    kind           TEXT    NOT NULL,            -- ipdr, voice, asterisk-...
    format         TEXT    NOT NULL,            -- the layout detected, in words
    sha256         TEXT    NOT NULL UNIQUE,
    size           INTEGER NOT NULL,
    modified_at    INTEGER,                     -- file modification time
    imported_at    INTEGER NOT NULL,
    tz             TEXT    NOT NULL DEFAULT '', -- zone the wall clock was read in; '' = none given, kept as written
    date_order     TEXT    NOT NULL DEFAULT '', -- DMY, MDY, YMD, or '' when dates were unambiguous by layout
    mapping        TEXT    NOT NULL DEFAULT '', -- field=column pairs used
    rows_imported  INTEGER NOT NULL DEFAULT 0,
    rows_rejected  INTEGER NOT NULL DEFAULT 0,
    fields_dropped INTEGER NOT NULL DEFAULT 0,
    notes          TEXT    NOT NULL DEFAULT ''
);

-- severity 'row': the line was not imported; 'field': it was, without the named value.
CREATE TABLE rejects (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    line      INTEGER NOT NULL,
    severity  TEXT    NOT NULL CHECK (severity IN ('row', 'field')),
    reason    TEXT    NOT NULL,
    raw       TEXT    NOT NULL
);
CREATE INDEX rejects_by_source ON rejects(source_id, line);

CREATE TABLE subscribers (
    id            INTEGER PRIMARY KEY,
    msisdn        TEXT    NOT NULL UNIQUE,
    data_records  INTEGER NOT NULL DEFAULT 0,
    voice_records INTEGER NOT NULL DEFAULT 0,
    first_seen    INTEGER,
    first_offset  INTEGER NOT NULL DEFAULT 0,
    last_seen     INTEGER,
    last_offset   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE cells (
    id   INTEGER PRIMARY KEY,
    cell TEXT NOT NULL UNIQUE
);

CREATE TABLE devices (
    id   INTEGER PRIMARY KEY,
    imsi TEXT NOT NULL DEFAULT '',
    imei TEXT NOT NULL DEFAULT '',
    UNIQUE (imsi, imei)
);
CREATE INDEX devices_by_imei ON devices(imei);
CREATE INDEX devices_by_imsi ON devices(imsi);

-- GPRS/IPDR data sessions (Table I of the paper).
CREATE TABLE ipdr (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line          INTEGER NOT NULL,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) DEFERRABLE INITIALLY DEFERRED,
    device_id     INTEGER,               -- devices.id, NULL when neither IMSI nor IMEI was given
    private_ip    TEXT,
    private_port  INTEGER,
    public_ip     TEXT,
    public_port   INTEGER,
    dest_ip       TEXT,
    dest_port     INTEGER,
    start         INTEGER NOT NULL,
    "end"         INTEGER,
    wall_offset   INTEGER NOT NULL DEFAULT 0,
    cell_id       INTEGER,               -- cells.id
    uplink        INTEGER,
    downlink      INTEGER,
    total         INTEGER,
    rat           TEXT,
    domain        TEXT
);
CREATE INDEX ipdr_by_subscriber ON ipdr(subscriber_id, start);
CREATE INDEX ipdr_by_dest ON ipdr(dest_ip, dest_port, start);
CREATE INDEX ipdr_by_port ON ipdr(dest_port, start, subscriber_id);

-- Voice calls and SMS (the CDR of the SIM-box paper).
CREATE TABLE voice (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    line          INTEGER NOT NULL,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) DEFERRABLE INITIALLY DEFERRED,
    device_id     INTEGER,
    other         TEXT,
    call_type     TEXT    NOT NULL,
    start         INTEGER NOT NULL,
    wall_offset   INTEGER NOT NULL DEFAULT 0,
    duration      INTEGER,
    cell_id       INTEGER
);
CREATE INDEX voice_by_subscriber ON voice(subscriber_id, start);
CREATE INDEX voice_by_cell ON voice(cell_id, start);

-- Summaries kept up to date by every import, so that panes answer at once
-- on cases of millions of rows. kind is 'ipdr' or 'voice'.
CREATE TABLE subscriber_devices (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
    device_id     INTEGER NOT NULL REFERENCES devices(id),
    kind          TEXT    NOT NULL,
    records       INTEGER NOT NULL,
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL,
    PRIMARY KEY (subscriber_id, device_id, kind)
) WITHOUT ROWID;
CREATE INDEX subscriber_devices_by_device ON subscriber_devices(device_id);

CREATE TABLE subscriber_cells (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
    cell_id       INTEGER NOT NULL REFERENCES cells(id),
    kind          TEXT    NOT NULL,
    records       INTEGER NOT NULL,
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL,
    PRIMARY KEY (subscriber_id, cell_id, kind)
) WITHOUT ROWID;
CREATE INDEX subscriber_cells_by_cell ON subscriber_cells(cell_id);

-- Data records per subscriber and destination port (-1: none given), with
-- their count in each hour of the wall clock (h00 = 00:00-00:59).
CREATE TABLE activity (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
    dest_port     INTEGER NOT NULL,
    records       INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    h00 INTEGER NOT NULL DEFAULT 0,
    h01 INTEGER NOT NULL DEFAULT 0,
    h02 INTEGER NOT NULL DEFAULT 0,
    h03 INTEGER NOT NULL DEFAULT 0,
    h04 INTEGER NOT NULL DEFAULT 0,
    h05 INTEGER NOT NULL DEFAULT 0,
    h06 INTEGER NOT NULL DEFAULT 0,
    h07 INTEGER NOT NULL DEFAULT 0,
    h08 INTEGER NOT NULL DEFAULT 0,
    h09 INTEGER NOT NULL DEFAULT 0,
    h10 INTEGER NOT NULL DEFAULT 0,
    h11 INTEGER NOT NULL DEFAULT 0,
    h12 INTEGER NOT NULL DEFAULT 0,
    h13 INTEGER NOT NULL DEFAULT 0,
    h14 INTEGER NOT NULL DEFAULT 0,
    h15 INTEGER NOT NULL DEFAULT 0,
    h16 INTEGER NOT NULL DEFAULT 0,
    h17 INTEGER NOT NULL DEFAULT 0,
    h18 INTEGER NOT NULL DEFAULT 0,
    h19 INTEGER NOT NULL DEFAULT 0,
    h20 INTEGER NOT NULL DEFAULT 0,
    h21 INTEGER NOT NULL DEFAULT 0,
    h22 INTEGER NOT NULL DEFAULT 0,
    h23 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subscriber_id, dest_port)
) WITHOUT ROWID;

-- Readable views for analysts opening the case with sqlite3.
CREATE VIEW ipdr_readable AS
SELECT r.id, src.path AS source, r.line, s.msisdn, d.imsi, d.imei,
       r.private_ip, r.private_port, r.public_ip, r.public_port, r.dest_ip, r.dest_port,
       datetime(r.start + r.wall_offset, 'unixepoch') AS start_wall,
       datetime(r."end" + r.wall_offset, 'unixepoch') AS end_wall,
       src.tz AS zone, c.cell, r.uplink, r.downlink, r.total, r.rat, r.domain
FROM ipdr r
JOIN sources src ON src.id = r.source_id
JOIN subscribers s ON s.id = r.subscriber_id
LEFT JOIN devices d ON d.id = r.device_id
LEFT JOIN cells c ON c.id = r.cell_id;

CREATE VIEW voice_readable AS
SELECT v.id, src.path AS source, v.line, s.msisdn, d.imsi, d.imei, v.call_type, v.other,
       datetime(v.start + v.wall_offset, 'unixepoch') AS start_wall, src.tz AS zone,
       v.duration, c.cell
FROM voice v
JOIN sources src ON src.id = v.source_id
JOIN subscribers s ON s.id = v.subscriber_id
LEFT JOIN devices d ON d.id = v.device_id
LEFT JOIN cells c ON c.id = v.cell_id;
