package testenv

import (
	"fmt"
	"os"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// RunCheckingArrowMemory runs a package's tests with a checked Arrow
// allocator as the default allocator and fails them when Arrow memory is
// still held afterwards: whatever allocates a buffer must release it.
// It returns the exit code for os.Exit.
func RunCheckingArrowMemory(m *testing.M) int {
	checked := memory.NewCheckedAllocator(memory.NewGoAllocator())
	memory.DefaultAllocator = checked
	code := m.Run()
	if leaked := checked.CurrentAlloc(); code == 0 && leaked != 0 {
		fmt.Fprintf(os.Stderr, "Arrow memory not released after the tests: %d bytes\n", leaked)
		return 1
	}
	return code
}
