// Package casework joins the case store to the analyses: each function
// reads what one analysis needs from a store.Store and returns the
// analysis result. The panes (in tea.Cmds) and the command-line twins call
// the same functions, so they show the same numbers.
package casework
