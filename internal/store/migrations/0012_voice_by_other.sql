-- The link graph (cdrtui graph) walks the calls from a number to everyone
-- in the case who called it or was called by it: voice records by the
-- other party's key, beside voice_by_subscriber for the records of a
-- subscriber.
CREATE INDEX IF NOT EXISTS voice_by_other_key ON voice(other_key, subscriber_id);
