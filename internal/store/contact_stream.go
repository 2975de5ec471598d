package store

// ContactAsk is what ranking A's contacts asks of every other subscriber
// of a case too large to hold them all (a case on a cluster), asked at
// once so that the answer can come subscriber by subscriber in id order:
// the ranking then keeps only its top, whatever the case's size.
type ContactAsk struct {
	Exclude int64      // A's subscriber id: not asked
	Spans   []PortSpan // where others' records can match A's (as RecordsInSpans; one port's spans do not overlap)
	// The chance model's products: for each of Ports (the case's ports
	// with one of A's keys), the index of its key among A's keys (KeyOf)
	// and A's data records on that key per wall-clock hour (Hours).
	Ports    []int
	KeyOf    []int
	Hours    [][24]int
	Keys     int   // A's keys: the length of a Products
	From, To int64 // the records' wall clock in [From, To) (0: open)
}

// ContactOther is one subscriber of a ContactAsk's answer.
type ContactOther struct {
	ID     int64
	MSISDN string
	Listed bool // a subscriber with data records (DataSubscribers lists it); false: only records of it were found
	// Products is, per key of A (KeyOf's indexes; Keys long), the sum
	// over the subscriber's records on that key's ports of A's records in
	// the record's wall-clock hour; nil when all are zero.
	Products []int64
	Near     []NearRecord // its records in the spans, by port then start
}

// NearRecord is one record of a ContactOther in the spans.
type NearRecord struct {
	Port  int
	Start int64
}
