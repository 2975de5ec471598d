-- Identities that operators write differently, matched under a canonical
-- key while every record keeps what was written (see internal/ident).
--
-- subscribers.msisdn is the subscriber's E.164 key (digits, no '+') when
-- the number could be keyed, and msisdn_key says so; a number that could
-- not be keyed without guessing (a national number with no numbering plan,
-- a short code) keeps its digits there and msisdn_key is NULL.
ALTER TABLE subscribers ADD COLUMN msisdn_key TEXT;
CREATE INDEX subscribers_by_key ON subscribers(msisdn_key);

-- The subscriber's number as the record wrote it, when that is not
-- subscribers.msisdn (09714499703, +91 97144 99703); NULL otherwise.
ALTER TABLE ipdr ADD COLUMN msisdn_as TEXT;
ALTER TABLE voice ADD COLUMN msisdn_as TEXT;

-- voice.other is the other party as written; other_key its E.164 key
-- (NULL for an alphanumeric sender, a short code, or a number that could
-- not be keyed).
ALTER TABLE voice ADD COLUMN other_key TEXT;

-- cells.cell is as written; cell_key is MCC-MNC-LAC-CI in decimal ('?' for
-- a LAC the encoding lacks), NULL when the value is no known encoding.
ALTER TABLE cells ADD COLUMN cell_key TEXT;
ALTER TABLE cells ADD COLUMN generation TEXT;
CREATE INDEX cells_by_key ON cells(cell_key);

-- devices.handset: the first 14 digits of the IMEI ('' without one), the
-- same for an IMEI with or without its check digit and an IMEISV.
ALTER TABLE devices ADD COLUMN handset TEXT NOT NULL DEFAULT '';
UPDATE devices SET handset = substr(imei, 1, 14)
 WHERE length(imei) BETWEEN 14 AND 16 AND imei NOT GLOB '*[^0-9]*';
CREATE INDEX devices_by_handset ON devices(handset);

-- The case's numbering plan lives in case_info: 'country' (ISO code) and
-- 'country_source' (how it was decided). Keys of cases made before this
-- migration are computed by the migration's Go step (store/keys_backfill.go).
