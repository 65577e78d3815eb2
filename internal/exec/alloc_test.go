package exec

import (
	"os"
	"testing"

	"auger/internal/testenv"
)

// TestMain fails the package's tests when an operator keeps Arrow memory.
func TestMain(m *testing.M) {
	os.Exit(testenv.RunCheckingArrowMemory(m))
}
