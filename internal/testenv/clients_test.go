package testenv

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestMissingPackages tells installed Debian packages from absent ones.
func TestMissingPackages(t *testing.T) {
	got := missingPackages([]string{"dpkg", "auger-no-such-package"})
	if !reflect.DeepEqual(got, []string{"auger-no-such-package"}) {
		t.Errorf("missingPackages: %v, want only the absent one", got)
	}
}

// TestLockFileExcludes checks that a second holder of the install lock
// waits until the first releases it.
func TestLockFileExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	unlock, err := lockFile(path)
	if err != nil {
		t.Fatal(err)
	}
	acquired := make(chan time.Time)
	go func() {
		second, err := lockFile(path)
		if err != nil {
			t.Error(err)
		}
		acquired <- time.Now()
		second()
	}()
	time.Sleep(100 * time.Millisecond)
	released := time.Now()
	unlock()
	if at := <-acquired; at.Before(released) {
		t.Errorf("the second lock was taken while the first was held")
	}
}

// TestJavaAndPython compiles and runs a Java program with the JDBC
// driver on its class path, and runs a script with the system Python and
// its Debian drivers.
func TestJavaAndPython(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "Hello.java")
	code := `public class Hello { public static void main(String[] a) throws Exception {
		Class.forName("org.postgresql.Driver"); System.out.println("driver " + a[0]); } }`
	if err := os.WriteFile(src, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := JDBC(t).Compile(t, dir, "Hello", src).Run("", "found")
	if err != nil || out != "driver found\n" {
		t.Errorf("Java: %q, %v", out, err)
	}
	PythonClients(t)
	script := filepath.Join(dir, "hello.py")
	if err := os.WriteFile(script, []byte("import sys, psycopg2, sqlalchemy\nprint(sys.stdin.read().strip(), sys.argv[1])\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = RunPython(script, "drivers\n", "found")
	if err != nil || strings.TrimSpace(out) != "drivers found" {
		t.Errorf("Python: %q, %v", out, err)
	}
}
