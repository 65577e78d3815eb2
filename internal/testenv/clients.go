package testenv

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// jdbcJar is where Debian's libpostgresql-jdbc-java puts the driver.
const jdbcJar = "/usr/share/java/postgresql.jar"

// Python is the system interpreter, the one Debian's python3-psycopg2
// and python3-sqlalchemy install into.
const Python = "/usr/bin/python3"

// clientRunLimit bounds one run of a client program.
const clientRunLimit = 3 * time.Minute

// Java is a JDK with PostgreSQL's JDBC driver, for running client
// programs against a gateway.
type Java struct {
	javac, java string
	classPath   string // the driver's jar
}

// JDBC returns a JDK and the JDBC driver, installing Debian's
// default-jdk-headless and libpostgresql-jdbc-java when missing.
func JDBC(t testing.TB) *Java {
	t.Helper()
	DebianPackages(t, "libpostgresql-jdbc-java")
	javac, err := findJDKTool("javac")
	if err != nil {
		DebianPackages(t, "default-jdk-headless")
		if javac, err = findJDKTool("javac"); err != nil {
			t.Fatalf("no JDK: %v", err)
		}
	}
	java := filepath.Join(filepath.Dir(javac), "java")
	if _, err := os.Stat(jdbcJar); err != nil {
		t.Fatalf("JDBC driver: %v", err)
	}
	return &Java{javac: javac, java: java, classPath: jdbcJar}
}

// findJDKTool looks for a JDK program on PATH, then under /usr/lib/jvm.
func findJDKTool(name string) (string, error) {
	if path, err := exec.LookPath(name); err == nil {
		return filepath.EvalSymlinks(path)
	}
	found, _ := filepath.Glob(filepath.Join("/usr/lib/jvm", "*", "bin", name))
	sort.Strings(found)
	if len(found) == 0 {
		return "", fmt.Errorf("%s is not on PATH nor under /usr/lib/jvm", name)
	}
	return found[len(found)-1], nil
}

// Compile compiles Java sources into the folder dir and returns a
// program whose main class is mainClass.
func (j *Java) Compile(t testing.TB, dir, mainClass string, sources ...string) *JavaProgram {
	t.Helper()
	args := append([]string{"-d", dir, "-cp", j.classPath, "-encoding", "UTF-8"}, sources...)
	if out, err := exec.Command(j.javac, args...).CombinedOutput(); err != nil {
		t.Fatalf("javac %s: %v\n%s", strings.Join(sources, " "), err, out)
	}
	return &JavaProgram{java: j.java, classPath: dir + string(os.PathListSeparator) + j.classPath, main: mainClass}
}

// JavaProgram is a compiled Java client.
type JavaProgram struct {
	java, classPath, main string
}

// Run runs the program with args and stdin as its standard input, and
// returns its standard output; stderr is returned with the error.
func (p *JavaProgram) Run(stdin string, args ...string) (string, error) {
	cmdArgs := append([]string{"-cp", p.classPath, p.main}, args...)
	return runClient(exec.Command(p.java, cmdArgs...), stdin)
}

// PythonClients makes sure the system Python has psycopg2 and SQLAlchemy
// (Debian's python3-psycopg2 and python3-sqlalchemy) and returns the
// interpreter's path.
func PythonClients(t testing.TB) string {
	t.Helper()
	DebianPackages(t, "python3-psycopg2", "python3-sqlalchemy")
	return Python
}

// RunPython runs a Python script with args and stdin, returning its
// standard output; stderr is returned with the error.
func RunPython(script, stdin string, args ...string) (string, error) {
	return runClient(exec.Command(Python, append([]string{script}, args...)...), stdin)
}

// runClient runs a client program to its end or clientRunLimit.
func runClient(cmd *exec.Cmd, stdin string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	KillWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return "", err
	}
	timer := time.AfterFunc(clientRunLimit, func() { cmd.Process.Kill() })
	defer timer.Stop()
	if err := cmd.Wait(); err != nil {
		return stdout.String(), fmt.Errorf("%s: %v\n%s", filepath.Base(cmd.Path), err, stderr.String())
	}
	return stdout.String(), nil
}
