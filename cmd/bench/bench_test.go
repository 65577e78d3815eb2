package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"auger/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopServers()
	os.Exit(code)
}

// TestBenchRunsEveryCase runs the whole program at a small scale: it must
// finish (the gateway's answers equal the direct ones, or it fails) and
// print its header and one well-formed line per case. Timings are not
// asserted.
func TestBenchRunsEveryCase(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, t.TempDir(), sizesAt(0.001), 1, true); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	text := out.String()
	if !regexp.MustCompile(`^auger bench: \d+ cores, go\S+, `).MatchString(text) ||
		!strings.Contains(text, "lineitem 6000 rows in 12 row groups of 500; orders 2000 rows") {
		t.Errorf("header:\n%s", text)
	}
	cases := []string{"q1-local", "q1-s3", "q1-s3-bytes", "q6-local", "q6-s3", "q6-s3-bytes",
		"point-rowgroups", "point-s3", "point-s3-bytes", "pg-aggregate", "pg-topn", "pg-stream",
		"join-pg-parquet", "rss-stream-lineitem", "ctas-pg-s3", "rss-ctas-s3", "startup"}
	for _, c := range cases {
		l := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(c) + `\s+\S+\s+\S+\s+(\d+\.\d\d|-)\s+[<=]+ \S+  (met|NOT MET)$`)
		if !l.MatchString(text) {
			t.Errorf("no well-formed line for %s in\n%s", c, text)
		}
	}
}
