package testenv

import (
	"os"
	"os/exec"
	"sync"
	"testing"
)

var (
	psqlOnce sync.Once
	psqlPath string
	psqlErr  error
)

// Psql returns the path of the psql client, installing Debian's
// postgresql-client first when it is missing and the tests run as root.
func Psql(t testing.TB) string {
	t.Helper()
	psqlOnce.Do(func() {
		if psqlPath, psqlErr = exec.LookPath("psql"); psqlErr == nil || os.Geteuid() != 0 {
			return
		}
		install := exec.Command("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client")
		if out, err := install.CombinedOutput(); err != nil {
			t.Logf("installing postgresql-client: %v\n%s", err, out)
		}
		psqlPath, psqlErr = exec.LookPath("psql")
	})
	if psqlErr != nil {
		t.Fatalf("psql is needed and could not be installed: %v", psqlErr)
	}
	return psqlPath
}
