-- Reverse DNS of destination IPs, looked up only when the analyst asks
-- (persona --rdns, or the key in the persona pane), kept so that the same
-- question never goes to the network twice and the report can say when
-- each name was obtained. status: 'ok' (names found), 'none' (no PTR
-- record), 'error' or 'timeout' (detail says what; asked again next time).
CREATE TABLE rdns (
    ip           TEXT    PRIMARY KEY,
    names        TEXT    NOT NULL DEFAULT '', -- PTR names, space-separated, without the final dot
    status       TEXT    NOT NULL CHECK (status IN ('ok', 'none', 'error', 'timeout')),
    detail       TEXT    NOT NULL DEFAULT '',
    looked_up_at INTEGER NOT NULL             -- Unix seconds (UTC) of the lookup
) WITHOUT ROWID;
