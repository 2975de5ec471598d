// Package analysis holds the analyses of cdrtui as pure functions on plain
// types: the port dictionary, persona, correlation and its chance model,
// trends, SIM-box scoring. Nothing here touches SQL, files or terminals, so
// every figure can be checked by hand in a table-driven test, and the pane
// and its command-line twin compute it the same way.
package analysis
