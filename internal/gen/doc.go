// Package gen writes deterministic synthetic cases with planted truth: two
// operators' IPDR exports in different layouts, a voice CDR file, and
// truth.json describing what was planted (talking pairs, a heavy WhatsApp
// decoy, a server hunt with decoys, SIM-box SIMs) and exactly what every
// file holds per subscriber.
//
// The same seed and configuration always give byte-identical files. Data
// records are generated per subscriber in time order and streamed to disk,
// so memory does not grow with the number of records.
package gen
