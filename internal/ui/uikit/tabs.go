package uikit

// SubTab draws one tab of a pane's sub-views. The active one is in
// brackets as well as reversed, so it stays marked without colour or
// attributes (NO_COLOR).
func SubTab(st *Styles, label string, active bool) string {
	if active {
		return st.TabActive.Render("[" + label + "]")
	}
	return st.TabInactive.Render(label)
}
