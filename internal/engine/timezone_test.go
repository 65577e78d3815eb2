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
	if err := s.Start(Connection{Options: map[string]string{"TimeZone": "UTC"}}); err != nil {
		t.Fatal(err)
	}
	if err := (&Engine{}).NewSession().Start(Connection{Options: map[string]string{"timezone": "Nowhere"}}); err == nil {
		t.Errorf("Start accepts an unknown zone")
	}
	if _, err := s.setConfig("timezone", "asia/tokyo", false); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.showSetting("timezone"); v != "Asia/Tokyo" || s.Zone().Name != "Asia/Tokyo" {
		t.Errorf("after SET: %q, zone %q", v, s.Zone().Name)
	}
	d, _ := lookupSetting("TimeZone")
	s.mu.Lock()
	s.settings.set(d, s.settings.resetValue(d), false)
	s.mu.Unlock()
	if v, _ := s.showSetting("timezone"); v != "UTC" {
		t.Errorf("after RESET: %q", v)
	}
	st, _ := lookupSetting("statement_timeout")
	for ms, want := range map[string]string{"0": "0", "1500": "1500ms", "90000": "90s", "120000": "2min", "7200000": "2h"} {
		if got := st.show(ms); got != want {
			t.Errorf("show(%s) = %q, want %q", ms, got, want)
		}
	}
}
