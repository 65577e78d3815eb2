package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// gatewayProcess is the gateway binary running as a process of its own, so
// its memory and start-up are its alone.
type gatewayProcess struct {
	cmd  *exec.Cmd
	addr string
}

// startGateway runs the binary on config, its output going to logs, and
// waits for its first accepted connection; it returns the time that took.
func startGateway(binary, config string, logs io.Writer) (*gatewayProcess, time.Duration, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, 0, err
	}
	cmd := exec.Command(binary, "--config", config, "--listen", addr, "--log-level", "error")
	cmd.Stdout, cmd.Stderr = logs, logs
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	g := &gatewayProcess{cmd: cmd, addr: addr}
	for deadline := start.Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return g, time.Since(start), nil
		}
	}
	g.stop()
	return nil, 0, fmt.Errorf("gateway on %s did not accept a connection in 30s", addr)
}

func (g *gatewayProcess) stop() {
	g.cmd.Process.Kill()
	g.cmd.Wait()
}

func (g *gatewayProcess) url() string {
	return "postgres://bench@" + g.addr + "/bench?sslmode=disable"
}

// peakRSS is the process's high-water resident memory (VmHWM), in bytes.
func (g *gatewayProcess) peakRSS() (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", g.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// answer is what a query returned: its row count and a digest of every
// value's text, to compare the gateway with the direct run.
type answer struct {
	rows   int64
	digest uint64
}

// query runs sql to its end over the simple protocol (text values).
func query(ctx context.Context, conn *pgx.Conn, sql string) (answer, error) {
	rows, err := conn.Query(ctx, sql, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		return answer{}, err
	}
	defer rows.Close()
	h := fnv.New64a()
	var a answer
	for rows.Next() {
		a.rows++
		for _, v := range rows.RawValues() {
			h.Write(v)
			h.Write([]byte{0})
		}
	}
	a.digest = h.Sum64()
	return a, rows.Err()
}

// timed runs f once to warm up, then runs more times and returns the
// median time and the last answer.
func timed[T any](runs int, f func() (T, error)) (time.Duration, T, error) {
	var out T
	var times []time.Duration
	for i := 0; i <= runs; i++ {
		start := time.Now()
		v, err := f()
		if err != nil {
			return 0, out, err
		}
		if i > 0 {
			times = append(times, time.Since(start))
		}
		out = v
	}
	slices.Sort(times)
	return times[len(times)/2], out, nil
}

// scanCounts are the counts one scan line of EXPLAIN ANALYZE reports.
type scanCounts struct {
	rowGroups, bytes, requests int64
}

var readLine = regexp.MustCompile(`^\s*Read: (.*)$`)

// analyzeScans runs EXPLAIN ANALYZE and sums the Read lines of its scans.
func analyzeScans(ctx context.Context, conn *pgx.Conn, sql string) (scanCounts, error) {
	rows, err := conn.Query(ctx, "EXPLAIN ANALYZE "+sql, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		return scanCounts{}, err
	}
	defer rows.Close()
	var c scanCounts
	for rows.Next() {
		m := readLine.FindStringSubmatch(string(rows.RawValues()[0]))
		if m == nil {
			continue
		}
		for _, kv := range strings.Fields(m[1]) {
			k, v, _ := strings.Cut(kv, "=")
			n, _ := strconv.ParseInt(v, 10, 64)
			switch k {
			case "row_groups":
				c.rowGroups += n
			case "bytes":
				c.bytes += n
			case "requests":
				c.requests += n
			}
		}
	}
	return c, rows.Err()
}
