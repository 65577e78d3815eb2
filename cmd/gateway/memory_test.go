package main

import "testing"

func TestParseMemoryLimit(t *testing.T) {
	const machine = 8 << 30
	for value, want := range map[string]int64{
		"4GB": 4 << 30, "512MiB": 512 << 20, "512mb": 512 << 20, "1048576": 1 << 20,
		"50%": 4 << 30, "0": 0, "1.5GB": 3 << 29, "64kB": 64 << 10,
	} {
		got, err := parseMemoryLimit(value, machine)
		if err != nil || got != want {
			t.Errorf("parseMemoryLimit(%q) = %d, %v; want %d", value, got, err, want)
		}
	}
	for _, bad := range []string{"lots", "4XB", "-1GB", "150%", "0%"} {
		if _, err := parseMemoryLimit(bad, machine); err == nil {
			t.Errorf("parseMemoryLimit(%q) accepted", bad)
		}
	}
	if machineMemory() <= 0 {
		t.Error("machineMemory found no memory")
	}
}
