-- Numbers of PBX call records under the same canonical keys as the
-- operators' (a number in a seized PBX's CDR and in an operator's CDR meet
-- under one key), the numbering plan each source was keyed by, and
-- readable views that show numbers as written with their keys beside them.

-- src_key: the E.164 key of the caller number (src), recipient_key that of
-- the number called; NULL for an extension, a short code or a number the
-- plan cannot key. Both are kept as written in src and recipient.
ALTER TABLE ast_calls ADD COLUMN src_key TEXT;
ALTER TABLE ast_calls ADD COLUMN recipient_key TEXT;
CREATE INDEX ast_calls_by_src_key ON ast_calls(src_key) WHERE src_key IS NOT NULL;
CREATE INDEX ast_calls_by_recipient_key ON ast_calls(recipient_key) WHERE recipient_key IS NOT NULL;

-- The numbering plan (ISO code) this source's national numbers were keyed
-- under: the case's, or another one named with --country for this file
-- ('' when none: only numbers written with their country code were keyed).
ALTER TABLE sources ADD COLUMN country TEXT NOT NULL DEFAULT '';

-- A session's device identifier that is not an IMEI (a MAC address in
-- DoT's "Source MAC-ID Address/Other device Identification number"), as
-- written; never stored as an IMEI.
ALTER TABLE ipdr ADD COLUMN device_ident TEXT;

-- msisdn is the subscriber's number as the record wrote it; msisdn_key
-- the key the case holds the subscriber under (NULL when it could not be
-- keyed) and subscriber the case's subscriber (its key, or its digits).
DROP VIEW ipdr_readable;
CREATE VIEW ipdr_readable AS
SELECT r.id, src.path AS source, r.line, coalesce(r.msisdn_as, s.msisdn) AS msisdn, s.msisdn_key, s.msisdn AS subscriber,
       d.imsi, d.imei, nullif(d.handset, '') AS handset, r.device_ident,
       r.private_ip, r.private_port, r.public_ip, r.public_port, r.dest_ip, r.dest_port,
       datetime(r.start + r.wall_offset, 'unixepoch') AS start_wall,
       datetime(r."end" + r.wall_offset, 'unixepoch') AS end_wall,
       src.tz AS zone, c.cell, c.cell_key, r.uplink, r.downlink, r.total, r.rat, r.domain
FROM ipdr r
JOIN sources src ON src.id = r.source_id
JOIN subscribers s ON s.id = r.subscriber_id
LEFT JOIN devices d ON d.id = r.device_id
LEFT JOIN cells c ON c.id = r.cell_id;

DROP VIEW voice_readable;
CREATE VIEW voice_readable AS
SELECT v.id, src.path AS source, v.line, coalesce(v.msisdn_as, s.msisdn) AS msisdn, s.msisdn_key, s.msisdn AS subscriber,
       d.imsi, d.imei, nullif(d.handset, '') AS handset, v.call_type, v.other, v.other_key,
       datetime(v.start + v.wall_offset, 'unixepoch') AS start_wall, src.tz AS zone,
       v.duration, c.cell, c.cell_key
FROM voice v
JOIN sources src ON src.id = v.source_id
JOIN subscribers s ON s.id = v.subscriber_id
LEFT JOIN devices d ON d.id = v.device_id
LEFT JOIN cells c ON c.id = v.cell_id;

DROP VIEW ast_calls_readable;
CREATE VIEW ast_calls_readable AS
SELECT c.id, s.path AS source, s.kind, c.line, datetime(c.start + c.wall_offset, 'unixepoch') AS start_wall, s.tz AS zone,
       c.src, c.src_key, c.recipient, c.recipient_key, c.recipient_from, c.dst, c.dialled, c.trunk, c.recipient_note, c.direction, c.direction_reason,
       c.dongle, c.channel, c.dstchannel, c.lastapp, c.lastdata, c.duration, c.billsec, c.disposition, c.accountcode, c.clid,
       c.uniqueid, (SELECT count(*) FROM ast_call_copies k WHERE k.call_id = c.id) AS copies
FROM ast_calls c JOIN sources s ON s.id = c.source_id;
