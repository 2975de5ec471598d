package uikit

import "github.com/cdrtui/cdrtui/internal/casework"

// Locator is the case the location analyses (location, co-location,
// scenes) ask: local or on ClickHouse, both answer them.
func (e *Env) Locator() casework.Locator {
	if loc, ok := e.Case.(casework.Locator); ok {
		return loc
	}
	if e.Store != nil {
		return e.Store
	}
	return nil
}
