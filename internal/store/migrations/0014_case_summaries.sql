-- Whole-case summaries every import keeps (issue 20), so that questions
-- about the whole case read a few thousand rows instead of every record.
-- Each is built here once from the records of an existing case; from then
-- on every import adds its records to them in its own transaction (an
-- interrupted import adds nothing), and a record the overlap rule drops is
-- subtracted again. wall_hour counts hours of the wall clock the evidence
-- wrote: floor((start + wall_offset) / 3600); it gives the date, weekday and
-- hour of the day.

-- Data records per destination port (-1: none given) and wall hour: the
-- trends of an application over the whole case (an application is a set of
-- ports in the port dictionary, which the analyst may change; the summary
-- keeps the port).
CREATE TABLE port_hours (
    dest_port INTEGER NOT NULL,
    wall_hour INTEGER NOT NULL,
    records   INTEGER NOT NULL,
    PRIMARY KEY (dest_port, wall_hour)
) WITHOUT ROWID;
INSERT INTO port_hours(dest_port, wall_hour, records)
SELECT coalesce(dest_port, -1), ((start + wall_offset) - (((start + wall_offset) % 3600) + 3600) % 3600) / 3600, count(*)
FROM ipdr GROUP BY 1, 2;

-- Voice features of each SIM (subscriber) for the SIM-box detector: calls
-- and SMS by direction, records, and the durations of outgoing calls.
CREATE TABLE sim_voice (
    subscriber_id  INTEGER PRIMARY KEY REFERENCES subscribers(id),
    voice_out      INTEGER NOT NULL,
    voice_in       INTEGER NOT NULL,
    sms_out        INTEGER NOT NULL,
    sms_in         INTEGER NOT NULL,
    records        INTEGER NOT NULL,
    duration_sum   INTEGER NOT NULL,
    duration_calls INTEGER NOT NULL
);
INSERT INTO sim_voice
SELECT subscriber_id, sum(call_type = 'VOICE_OUT'), sum(call_type = 'VOICE_IN'), sum(call_type = 'SMS_OUT'), sum(call_type = 'SMS_IN'),
    count(*), coalesce(sum(CASE WHEN call_type = 'VOICE_OUT' THEN duration END), 0), count(CASE WHEN call_type = 'VOICE_OUT' THEN duration END)
FROM voice GROUP BY subscriber_id;

-- Outgoing calls of each SIM per number called (its key when it has one;
-- '' for calls that name none), by hour of the wall-clock day (h00 =
-- 00:00-00:59): the numbers called, and those called in a night window.
CREATE TABLE sim_called (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
    other         TEXT    NOT NULL,
    calls         INTEGER NOT NULL,
    h00 INTEGER NOT NULL DEFAULT 0, h01 INTEGER NOT NULL DEFAULT 0, h02 INTEGER NOT NULL DEFAULT 0, h03 INTEGER NOT NULL DEFAULT 0,
    h04 INTEGER NOT NULL DEFAULT 0, h05 INTEGER NOT NULL DEFAULT 0, h06 INTEGER NOT NULL DEFAULT 0, h07 INTEGER NOT NULL DEFAULT 0,
    h08 INTEGER NOT NULL DEFAULT 0, h09 INTEGER NOT NULL DEFAULT 0, h10 INTEGER NOT NULL DEFAULT 0, h11 INTEGER NOT NULL DEFAULT 0,
    h12 INTEGER NOT NULL DEFAULT 0, h13 INTEGER NOT NULL DEFAULT 0, h14 INTEGER NOT NULL DEFAULT 0, h15 INTEGER NOT NULL DEFAULT 0,
    h16 INTEGER NOT NULL DEFAULT 0, h17 INTEGER NOT NULL DEFAULT 0, h18 INTEGER NOT NULL DEFAULT 0, h19 INTEGER NOT NULL DEFAULT 0,
    h20 INTEGER NOT NULL DEFAULT 0, h21 INTEGER NOT NULL DEFAULT 0, h22 INTEGER NOT NULL DEFAULT 0, h23 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subscriber_id, other)
) WITHOUT ROWID;
INSERT INTO sim_called
SELECT subscriber_id, CASE WHEN other <> '' THEN coalesce(other_key, other) ELSE '' END, count(*),
    sum(h = 0), sum(h = 1), sum(h = 2), sum(h = 3), sum(h = 4), sum(h = 5), sum(h = 6), sum(h = 7),
    sum(h = 8), sum(h = 9), sum(h = 10), sum(h = 11), sum(h = 12), sum(h = 13), sum(h = 14), sum(h = 15),
    sum(h = 16), sum(h = 17), sum(h = 18), sum(h = 19), sum(h = 20), sum(h = 21), sum(h = 22), sum(h = 23)
FROM (SELECT subscriber_id, other, other_key, ((start + wall_offset + 34560000000) % 86400) / 3600 AS h FROM voice WHERE call_type = 'VOICE_OUT')
GROUP BY 1, 2;

-- Voice records of each SIM per wall-clock day (days since 1970-01-01 of
-- the wall clock): the days it was active.
CREATE TABLE sim_days (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
    wall_day      INTEGER NOT NULL,
    records       INTEGER NOT NULL,
    PRIMARY KEY (subscriber_id, wall_day)
) WITHOUT ROWID;
INSERT INTO sim_days
SELECT subscriber_id, (start + wall_offset + 34560000000) / 86400 - 400000, count(*) FROM voice GROUP BY 1, 2;
