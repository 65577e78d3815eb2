// Command bench measures the gateway against the raw speed of each source,
// side by side in one run: TPC-H Q1 and Q6 over a 6-million-row lineitem
// Parquet file against arrow-go decoding the same columns, a point lookup's
// row groups, the same queries on S3, PostgreSQL queries against running
// them directly, a join across the two, a CREATE TABLE AS from PostgreSQL
// to S3 Parquet against COPY TO STDOUT, the gateway's peak memory and its
// start-up. It writes its data under -data when missing:
//
//	go run ./cmd/bench [-data bench-data] [-scale 1] [-runs 3]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/jackc/pgx/v5"

	"auger/internal/testenv"
)

func main() {
	dataDir := flag.String("data", "bench-data", "folder of the generated data (written when missing) and of gateway.log")
	scale := flag.Float64("scale", 1, "share of the full size: 1 is 6,000,000 lineitem and 2,000,000 orders rows")
	runs := flag.Int("runs", 3, "timed runs of each case, after one warm-up; the median is printed")
	compare := flag.Bool("check", true, "fail when the gateway's answer differs from the direct one")
	flag.Parse()
	err := run(os.Stdout, *dataDir, sizesAt(*scale), *runs, *compare)
	testenv.StopServers()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run prepares the data and the servers, runs every case and prints its
// line to out.
func run(out io.Writer, dataDir string, sz sizes, runs int, compare bool) error {
	ctx := context.Background()
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dataDir, err = filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	file, err := lineitemPath(dataDir, sz)
	if err != nil {
		return err
	}
	pgURL, err := benchDatabase(ctx, fmt.Sprintf("auger_bench_%d", sz.orders))
	if err != nil {
		return err
	}
	if err := loadOrders(ctx, pgURL, sz.orders); err != nil {
		return err
	}
	s3, err := testenv.StartS3()
	if err != nil {
		return err
	}
	defer s3.Stop()
	key := filepath.Base(file)
	if err := uploadLineitem(ctx, s3.Client(), "bench", key, file); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "auger-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	binary := filepath.Join(work, "gateway")
	build := exec.Command("go", "build", "-o", binary, "./cmd/gateway")
	build.Dir, build.Stderr = root, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build the gateway: %w", err)
	}
	config := filepath.Join(work, "storage-plugins.json")
	if err := writeConfig(config, dataDir, pgURL, s3); err != nil {
		return err
	}
	logs, err := os.Create(filepath.Join(dataDir, "gateway.log"))
	if err != nil {
		return err
	}
	defer logs.Close()
	g, _, err := startGateway(binary, config, logs)
	if err != nil {
		return err
	}
	defer g.stop()
	b := &bench{ctx: ctx, runs: runs, sz: sz, file: file, compareAnswers: compare, logs: logs,
		local: "dfs.bench.`" + key + "`", s3: "s3.root.`" + key + "`", orders: "postgresql.public." + ordersTable,
		pointKey: sz.lineitem/linesPerOrder/2 + 1}
	if b.gateway, err = pgx.Connect(ctx, g.url()); err != nil {
		return err
	}
	defer b.gateway.Close(ctx)
	if b.pg, err = pgx.Connect(ctx, pgURL); err != nil {
		return err
	}
	defer b.pg.Close(ctx)
	header(out, sz, runs)
	return runCases(out, b, binary, config, filepath.Join(root, "conf", "storage-plugins.json"))
}

// runCases prints each case's lines as they are measured.
func runCases(out io.Writer, b *bench, binary, config, bundled string) error {
	steps := []func() ([]line, error){
		b.parquetCases,
		b.postgresCases,
		one(b.joinCase),
		one(func() (line, error) { return b.rssCase(binary, config) }),
		func() ([]line, error) { return b.ctasCases(binary, config) },
		one(func() (line, error) { return b.startupCase(binary, bundled) }),
	}
	fmt.Fprintf(out, "%-20s %12s %12s %7s %12s  %s\n", "case", "gateway", "reference", "ratio", "target", "result")
	for _, step := range steps {
		lines, err := step()
		if err != nil {
			return err
		}
		for _, l := range lines {
			printLine(out, l)
		}
	}
	return nil
}

func one(f func() (line, error)) func() ([]line, error) {
	return func() ([]line, error) {
		l, err := f()
		return []line{l}, err
	}
}

func header(out io.Writer, sz sizes, runs int) {
	fmt.Fprintf(out, "auger bench: %d cores, %s, %s/%s\n", runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(out, "lineitem %d rows in %d row groups of %d; orders %d rows; median of %d runs after a warm-up\n",
		sz.lineitem, rowGroups, sz.groupRows, sz.orders, runs)
}

func printLine(out io.Writer, l line) {
	result := "met"
	if !l.met {
		result = "NOT MET"
	}
	ratio := "-"
	if l.ratio != 0 {
		ratio = fmt.Sprintf("%.2f", l.ratio)
	}
	fmt.Fprintf(out, "%-20s %12s %12s %7s %12s  %s\n", l.name, l.gateway, l.reference, ratio, l.target, result)
	if l.note != "" {
		fmt.Fprintf(out, "  %s: %s\n", l.name, l.note)
	}
}

// moduleRoot is the folder of the repository's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("run the benchmark inside the repository")
	}
	return filepath.Dir(mod), nil
}

// benchDatabase is the URL of the database name (one per scale, so that
// runs at different scales never reload each other's tables) on the PostgreSQL
// testenv finds (or starts), created when missing.
func benchDatabase(ctx context.Context, name string) (string, error) {
	base, err := testenv.Postgres()
	if err != nil {
		return "", err
	}
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			return "", err
		}
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}
