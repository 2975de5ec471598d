package evidence

import (
	"bytes"
	"strings"
)

// aggregateCountWords are the columns of a table of activity counts per
// area and interval: Telecom Italia's Big Data Challenge grid (Milan,
// Trentino: square id, time interval, country code, sms-in, sms-out,
// call-in, call-out, internet), and the datasets derived from it. Each row
// is how much traffic a square of the grid saw in ten minutes or an hour,
// as a fraction of a normalised total: no subscriber, no party, no call.
var aggregateCountWords = []string{"smsin", "smsout", "callin", "callout"}

// aggregateCountsError names a header of activity counts (all of sms-in,
// sms-out, call-in and call-out, however punctuated), which a word rule
// could otherwise read as a start time and a cell of records; nil for any
// other header.
func aggregateCountsError(header []string) error {
	seen := map[string]bool{}
	for _, h := range header {
		n := normalizeHeader(h)
		seen[n] = true
		seen[strings.TrimSuffix(n, "activity")] = true // "SMS-in activity", as the dataset's description names them
	}
	for _, w := range aggregateCountWords {
		if !seen[w] {
			return nil
		}
	}
	return &LayoutError{
		Reason: "the columns sms-in, sms-out, call-in and call-out are counts of activity per area and interval " +
			"(a telecom activity grid such as Telecom Italia's Milan and Trentino dataset), not records: " +
			"no subscriber, other party or call is in a row, and none can be made from it",
		Found: header,
	}
}

// aggregateHeadError is aggregateCountsError for a head in which no row
// names two known fields: its first line split at each delimiter tried.
func aggregateHeadError(records []record) error {
	for _, r := range records {
		if len(bytes.TrimSpace(r.text)) == 0 {
			continue
		}
		for _, d := range candidateDelimiters {
			if err := aggregateCountsError(splitStrings(r.text, d)); err != nil {
				return err
			}
		}
		return nil
	}
	return nil
}

// oneUserFileError names a research toolkit's per-user records file
// (bandicoot: interaction, direction, correspondent_id, datetime,
// call_duration, antenna_id): each file holds one user's records, the
// user named only by the file's name, so no column gives the subscriber
// and --map cannot name one; nil for any other header or when a column
// gives the subscriber.
func oneUserFileError(l *Layout) error {
	if l.Has(FMSISDN) || l.Has(FAParty) {
		return nil
	}
	seen := map[string]bool{}
	for _, h := range l.Header {
		seen[normalizeHeader(h)] = true
	}
	if !seen["interaction"] || !seen["correspondentid"] {
		return nil
	}
	return &LayoutError{
		Reason: "one user's records (interaction, direction, correspondent_id: a research toolkit's per-user file, the user named only by the file's name): " +
			"no column gives the subscriber whose records they are, and the correspondents are the other parties",
		Found: l.Header,
	}
}
