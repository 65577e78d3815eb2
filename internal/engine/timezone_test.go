package engine

import (
	"testing"

	"auger/internal/sqlstate"
)

// TestZoneSetting checks the values SET TIME ZONE accepts and the names
// SHOW gives them.
func TestZoneSetting(t *testing.T) {
	for value, want := range map[string]string{"america/new_york": "America/New_York", "5": "<+05>-05",
		"-3.5": "<-03:30>+03:30", "UTC+5": "UTC+5", "UTC": "UTC"} {
		if z, err := parseZoneSetting(value); err != nil || z.Name != want {
			t.Errorf("parseZoneSetting(%q) = %q, %v; want %q", value, z.Name, err, want)
		}
	}
	for _, value := range []string{"Nowhere", "Z", "PST"} {
		if _, err := parseZoneSetting(value); sqlstate.Code(err) != sqlstate.InvalidParameterValue {
			t.Errorf("parseZoneSetting(%q): %v, want 22023", value, err)
		}
	}
}

// TestSessionZone checks that SET, RESET and the start-up zone move the
// session's zone and that SHOW's values follow.
func TestSessionZone(t *testing.T) {
	s := (&Engine{}).NewSession()
	if v, _ := s.showSetting("TimeZone"); v != "Etc/UTC" {
		t.Errorf("default zone %q", v)
	}
	if !s.StartIn("UTC") || s.StartIn("Nowhere") {
		t.Errorf("StartIn accepts the wrong zones")
	}
	z, _ := parseZoneSetting("Asia/Tokyo")
	s.setZone(z, false)
	if v, _ := s.showSetting("timezone"); v != "Asia/Tokyo" {
		t.Errorf("after SET: %q", v)
	}
	s.setZone(z, true)
	if v, _ := s.showSetting("timezone"); v != "UTC" {
		t.Errorf("after RESET: %q", v)
	}
	for ms, want := range map[int64]string{0: "0", 1500: "1500ms", 90000: "90s", 120000: "2min", 7200000: "2h"} {
		if got := formatTimeout(ms); got != want {
			t.Errorf("formatTimeout(%d) = %q, want %q", ms, got, want)
		}
	}
}
