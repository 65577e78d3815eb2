package server

import (
	"os"
	"testing"

	"auger/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopServers()
	os.Exit(code)
}
