package gen

// tally counts what is written for one data subscriber, for truth.json.
type tally struct {
	records     int
	byPort      map[int]int
	imeis       []string
	imsis       []string
	cells       map[int32]struct{}
	first, last int64
	waBins      [8]int
	waWeekday   [7]int
	waRecords   int
	waBytes     int64
}

func newTally() *tally {
	return &tally{byPort: map[int]int{}, cells: map[int32]struct{}{}}
}

// add counts one written record.
func (t *tally) add(w *world, x *rec, cell int32, imsi, imei string) {
	if t.records == 0 {
		t.first = x.t
	}
	t.records++
	t.last = x.t
	t.byPort[int(x.port)]++
	t.cells[cell] = struct{}{}
	if len(t.imsis) == 0 || t.imsis[len(t.imsis)-1] != imsi {
		t.imsis = append(t.imsis, imsi)
	}
	if len(t.imeis) == 0 || t.imeis[len(t.imeis)-1] != imei {
		t.imeis = append(t.imeis, imei)
	}
	if IsWhatsAppPort(int(x.port)) {
		t.waRecords++
		t.waBytes += x.up + x.down
		t.waBins[(x.t%daySeconds)/hourSeconds/3]++
		t.waWeekday[w.weekday[w.day(x.t)]]++
	}
}

// truth renders the tally.
func (t *tally) truth(w *world, s *dataSub) SubscriberTruth {
	st := SubscriberTruth{
		MSISDN:          s.msisdn,
		Operator:        string(s.operator),
		Records:         t.records,
		ByPort:          t.byPort,
		IMEIs:           t.imeis,
		IMSIs:           t.imsis,
		Cells:           len(t.cells),
		WhatsAppBins3h:  t.waBins,
		WhatsAppWeekday: t.waWeekday,
	}
	if t.records > 0 {
		st.First, st.Last = w.wall(t.first), w.wall(t.last)
	}
	if st.IMEIs == nil {
		st.IMEIs, st.IMSIs = []string{}, []string{}
	}
	return st
}
