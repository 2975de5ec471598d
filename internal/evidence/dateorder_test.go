package evidence

import "testing"

// Year-first dates read the same in every order: they neither decide nor
// contradict the order of the day-or-month-first dates beside them.
func TestDecideDateOrderWithYearFirstDates(t *testing.T) {
	tests := []struct {
		name   string
		starts []string
		want   DateOrder
		open   bool // left for ResolveDateOrder
	}{
		{"only ISO", []string{"2024-03-18 10:00:00", "2024-03-19T08:00:00+05:30"}, YMD, false},
		{"ISO beside day-first", []string{"2024-03-18T22:01:10.123+05:30", "18/03/2024 10:15:02", "19/03/2024 08:00:00"}, DMY, false},
		{"epoch beside month-first", []string{"1710756000", "3/18/2024 10:15:02"}, MDY, false},
		{"ISO beside undecided", []string{"2024-03-18 10:00:00", "05/06/2024 10:00:00"}, "", true},
	}
	for _, tc := range tests {
		l := &Layout{Columns: map[Field]int{FStart: 0}}
		if err := decideDateOrder(l, map[Field][]string{FStart: tc.starts}, ""); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if l.DateOrder != tc.want || l.NeedsDateOrder() != tc.open {
			t.Errorf("%s: order %q, open %v; want %q, %v", tc.name, l.DateOrder, l.NeedsDateOrder(), tc.want, tc.open)
		}
	}
}
