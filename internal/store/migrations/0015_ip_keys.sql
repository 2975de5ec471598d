-- Integer keys of the destination addresses (an IPv4 address's value in
-- dest_hi; an IPv6 address's two 64-bit halves in dest_hi and dest_lo):
-- the destination index moves from the text to them. The Go step
-- (backfillIPKeys) keys the records already in the case and builds the
-- index.
ALTER TABLE ipdr ADD COLUMN dest_hi INTEGER;
ALTER TABLE ipdr ADD COLUMN dest_lo INTEGER;
