package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// aptLock is the file every test process locks around its package
// installs, so that test packages running in parallel do not race for
// dpkg's own lock.
const aptLock = "/tmp/auger-testenv-apt.lock"

var debianMu sync.Mutex

// DebianPackages makes sure the named Debian packages are installed:
// missing ones are installed with `apt-get install -y` (as root, or
// through sudo), running `apt-get update` first only when the install
// fails. The test fails with apt's output when they cannot be installed.
func DebianPackages(t testing.TB, names ...string) {
	t.Helper()
	debianMu.Lock()
	defer debianMu.Unlock()
	if len(missingPackages(names)) == 0 {
		return
	}
	unlock, err := lockFile(aptLock)
	if err != nil {
		t.Fatalf("lock %s: %v", aptLock, err)
	}
	defer unlock()
	missing := missingPackages(names)
	if len(missing) == 0 {
		return
	}
	if err := aptInstall(missing); err != nil {
		t.Fatalf("installing %s: %v", strings.Join(missing, " "), err)
	}
}

// missingPackages are those of names that dpkg does not report installed.
func missingPackages(names []string) []string {
	var missing []string
	for _, name := range names {
		out, err := exec.Command("dpkg-query", "-W", "-f=${Status}", name).Output()
		if err != nil || !strings.HasSuffix(strings.TrimSpace(string(out)), " installed") {
			missing = append(missing, name)
		}
	}
	return missing
}

// aptInstall installs packages, updating the package lists and trying
// again when the first attempt fails.
func aptInstall(names []string) error {
	install := append([]string{"apt-get", "install", "-y", "-qq"}, names...)
	out, err := runAsRoot(install...)
	if err == nil {
		return nil
	}
	if upd, err := runAsRoot("apt-get", "update", "-qq"); err != nil {
		return fmt.Errorf("apt-get update: %v\n%s", err, upd)
	}
	if out, err = runAsRoot(install...); err != nil {
		return fmt.Errorf("%v\n%s", err, out)
	}
	return nil
}

// runAsRoot runs a command as root: directly when the tests are root,
// else through sudo without a password prompt.
func runAsRoot(args ...string) ([]byte, error) {
	if os.Geteuid() != 0 {
		args = append([]string{"sudo", "-n"}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	return cmd.CombinedOutput()
}

// lockFile takes an exclusive lock on path, creating it, and returns the
// function that releases it.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
