package importer

// pickerView draws the picker's list of the folder's entries. bubbles'
// filepicker asks each entry for its details as it draws it and uses the
// answer unchecked, so an entry removed since the folder was read (another
// program's temporary file, evidence being copied in or out) panicked the
// whole workbench. Such a draw is caught: the list is shown as a note and
// the folder is read again on the next message (Update).
func (m *Model) pickerView() (s string) {
	defer func() {
		if recover() != nil {
			m.stale = true
			s = m.env.Styles.Muted.Render("this folder changed while it was shown (an entry is gone): any key reads it again")
		}
	}()
	return m.picker.View()
}
