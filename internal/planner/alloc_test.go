package planner

import (
	"os"
	"testing"

	"auger/internal/testenv"
)

// TestMain fails the package's tests when a plan they run keeps Arrow
// memory.
func TestMain(m *testing.M) {
	os.Exit(testenv.RunCheckingArrowMemory(m))
}
