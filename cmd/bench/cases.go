package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// line is one printed result: the case, the gateway's figure, the
// reference's, their ratio and the target.
type line struct {
	name               string
	gateway, reference string
	ratio              float64 // NaN-free: 0 when the case has no ratio
	target             string
	met                bool
	note               string // why the case could not be measured, when it could not
}

// bench holds what every case needs: the connections, the file and table
// names, and how many timed runs to take.
type bench struct {
	ctx            context.Context
	runs           int
	sz             sizes
	file           string    // the local lineitem file
	local, s3      string    // lineitem's name through the gateway, local and on S3
	gateway, pg    *pgx.Conn // the gateway and PostgreSQL directly
	pointKey       int64
	orders         string    // the orders table through the gateway
	compareAnswers bool      // fail when the gateway's answer differs from the direct one
	logs           io.Writer // where the gateways write their logs
}

// Column indexes of lineitem that the queries read.
var (
	q1Columns    = []int{4, 5, 6, 7, 8, 9, 10}
	q6Columns    = []int{4, 5, 6, 10}
	allColumns   = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	joinColumns  = []int{0, 4}
	ordersJoined = "SELECT o_orderkey, o_orderpriority FROM " + ordersTable
)

func q1(table string) string {
	return `SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price,
		sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
		sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
		avg(l_quantity) AS avg_qty, avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc,
		count(*) AS count_order
	FROM ` + table + ` WHERE l_shipdate <= DATE '1998-09-02'
	GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus`
}

func q6(table string) string {
	return `SELECT sum(l_extendedprice * l_discount) AS revenue FROM ` + table + `
	WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1995-01-01'
		AND l_discount BETWEEN 0.05 AND 0.07 AND l_quantity < 24`
}

func point(table string, key int64) string {
	return fmt.Sprintf("SELECT * FROM %s WHERE l_orderkey = %d", table, key)
}

// parquetQuery is one query over lineitem and the columns it needs.
type parquetQuery struct {
	name string
	sql  func(table string) string
	cols []int
	key  int64 // the l_orderkey a point lookup reads, -1 for none
}

func (b *bench) parquetQueries() []parquetQuery {
	return []parquetQuery{
		{"q1", q1, q1Columns, -1},
		{"q6", q6, q6Columns, -1},
		{"point", func(t string) string { return point(t, b.pointKey) }, allColumns, b.pointKey},
	}
}

// runGateway times sql through the gateway.
func (b *bench) runGateway(sql string) (time.Duration, answer, error) {
	return timed(b.runs, func() (answer, error) { return query(b.ctx, b.gateway, sql) })
}

// runDirect times sql on PostgreSQL directly.
func (b *bench) runDirect(sql string) (time.Duration, answer, error) {
	return timed(b.runs, func() (answer, error) { return query(b.ctx, b.pg, sql) })
}

// floor times arrow-go decoding cols of the whole file with the faster of
// its two parallel settings.
func (b *bench) floor(cols []int) (time.Duration, error) {
	byGroups, _, err := timed(b.runs, func() (int64, error) { return decodeRowGroups(b.ctx, b.file, cols) })
	if err != nil {
		return 0, err
	}
	byColumns, _, err := timed(b.runs, func() (int64, error) { return decodeParallelColumns(b.ctx, b.file, cols) })
	return min(byGroups, byColumns), err
}

// same checks that two answers agree.
func (b *bench) same(what string, got, want answer) error {
	if b.compareAnswers && got != want {
		return fmt.Errorf("%s: the gateway answered %d rows (digest %x), directly %d rows (digest %x)",
			what, got.rows, got.digest, want.rows, want.digest)
	}
	return nil
}

// parquetCases are Q1 and Q6 against the decode floor, the point lookup's
// row groups, and the same on S3 against local, with S3's bytes.
func (b *bench) parquetCases() ([]line, error) {
	var out []line
	for _, q := range b.parquetQueries() {
		local, localAnswer, err := b.runGateway(q.sql(b.local))
		if err != nil {
			return nil, fmt.Errorf("%s local: %w", q.name, err)
		}
		if q.key >= 0 {
			l, err := b.rowGroupLine(q)
			if err != nil {
				return nil, err
			}
			out = append(out, l)
		} else {
			floor, err := b.floor(q.cols)
			if err != nil {
				return nil, fmt.Errorf("%s floor: %w", q.name, err)
			}
			out = append(out, ratioLine(q.name+"-local", local, floor, 1.3))
		}
		remote, remoteAnswer, err := b.runGateway(q.sql(b.s3))
		if err != nil {
			return nil, fmt.Errorf("%s s3: %w", q.name, err)
		}
		if err := b.same(q.name+" on S3 and local", remoteAnswer, localAnswer); err != nil {
			return nil, err
		}
		out = append(out, ratioLine(q.name+"-s3", remote, local, 1.5))
		l, err := b.bytesLine(q)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// rowGroupLine is the row groups a point lookup reads (gateway) of the
// file's rowGroups (reference).
func (b *bench) rowGroupLine(q parquetQuery) (line, error) {
	c, err := analyzeScans(b.ctx, b.gateway, q.sql(b.local))
	if err != nil {
		return line{}, fmt.Errorf("%s row groups: %w", q.name, err)
	}
	read := fmt.Sprintf("%d", c.rowGroups)
	if c.rowGroups == 0 {
		read = "unreported" // the scan reports no row groups read
	}
	return line{name: q.name + "-rowgroups", gateway: read,
		reference: fmt.Sprintf("%d", rowGroups), ratio: float64(c.rowGroups) / rowGroups,
		target: "<= 2", met: c.rowGroups > 0 && c.rowGroups <= 2}, nil
}

// bytesLine is the bytes a query fetches from S3 against the bytes of
// the column chunks it needs.
func (b *bench) bytesLine(q parquetQuery) (line, error) {
	c, err := analyzeScans(b.ctx, b.gateway, q.sql(b.s3))
	if err != nil {
		return line{}, fmt.Errorf("%s S3 bytes: %w", q.name, err)
	}
	need, err := neededBytes(b.file, q.cols, q.key)
	if err != nil {
		return line{}, err
	}
	ratio := float64(c.bytes) / float64(need)
	fetched := mib(c.bytes)
	if c.bytes == 0 {
		fetched = "unreported" // the scan reports no bytes read
	}
	return line{name: q.name + "-s3-bytes", gateway: fetched, reference: mib(need), ratio: ratio,
		target: "<= 1.20", met: c.bytes > 0 && ratio <= 1.2}, nil
}

// postgresCases are an aggregate, a top-N and streaming the whole table,
// each against the same SQL run directly.
func (b *bench) postgresCases() ([]line, error) {
	cases := []struct {
		name   string
		sql    string // over the table name
		target float64
	}{
		{"pg-aggregate", "SELECT o_orderpriority, count(*), sum(o_totalprice), avg(o_totalprice) FROM %s GROUP BY o_orderpriority ORDER BY o_orderpriority", 1.15},
		{"pg-topn", "SELECT o_orderkey, o_custkey, o_totalprice FROM %s ORDER BY o_totalprice DESC, o_orderkey LIMIT 10", 1.15},
		{"pg-stream", "SELECT * FROM %s", 1.5},
	}
	var out []line
	for _, c := range cases {
		through, got, err := b.runGateway(fmt.Sprintf(c.sql, b.orders))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		direct, want, err := b.runDirect(fmt.Sprintf(c.sql, ordersTable))
		if err != nil {
			return nil, fmt.Errorf("%s directly: %w", c.name, err)
		}
		if err := b.same(c.name, got, want); err != nil {
			return nil, err
		}
		out = append(out, ratioLine(c.name, through, direct, c.target))
	}
	return out, nil
}

// joinCase joins orders with lineitem against reading the two inputs
// alone: the orders columns directly from PostgreSQL and the lineitem
// columns decoded by arrow-go.
func (b *bench) joinCase() (line, error) {
	sql := `SELECT o.o_orderpriority, count(*) AS lines, sum(l.l_quantity) AS quantity
	FROM ` + b.orders + ` o JOIN ` + b.local + ` l ON o.o_orderkey = l.l_orderkey
	GROUP BY o.o_orderpriority ORDER BY o.o_orderpriority`
	joined, got, err := b.runGateway(sql)
	if err != nil {
		return line{}, fmt.Errorf("join: %w", err)
	}
	if b.compareAnswers && got.rows != 5 {
		return line{}, fmt.Errorf("join: %d rows, want 5 priorities", got.rows)
	}
	pg, _, err := b.runDirect(ordersJoined)
	if err != nil {
		return line{}, err
	}
	parquet, err := b.floor(joinColumns)
	if err != nil {
		return line{}, err
	}
	return ratioLine("join-pg-parquet", joined, pg+parquet, 1.5), nil
}

func ratioLine(name string, got, reference time.Duration, target float64) line {
	r := float64(got) / float64(reference)
	return line{name: name, gateway: seconds(got), reference: seconds(reference), ratio: r,
		target: fmt.Sprintf("<= %.2f", target), met: r <= target}
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

func mib(n int64) string { return fmt.Sprintf("%.1fMiB", float64(n)/(1<<20)) }

// rssCase is the gateway's peak resident memory while a client streams
// every lineitem row, in a gateway process of its own.
func (b *bench) rssCase(binary, config string) (line, error) {
	g, _, err := startGateway(binary, config, b.logs)
	if err != nil {
		return line{}, err
	}
	defer g.stop()
	conn, err := pgx.Connect(b.ctx, g.url())
	if err != nil {
		return line{}, err
	}
	defer conn.Close(b.ctx)
	got, err := query(b.ctx, conn, "SELECT * FROM "+b.local)
	if err != nil {
		return line{}, fmt.Errorf("stream lineitem: %w", err)
	}
	if got.rows != b.sz.lineitem {
		return line{}, fmt.Errorf("stream lineitem: %d rows, want %d", got.rows, b.sz.lineitem)
	}
	peak, err := g.peakRSS()
	if err != nil {
		return line{}, err
	}
	return line{name: "rss-stream-lineitem", gateway: mib(peak), reference: "-",
		target: "< 300MiB", met: peak < 300<<20}, nil
}

// startupCase is the median time from starting the gateway on the bundled
// configuration to its first accepted connection, over runs starts after
// one to warm the file cache.
func (b *bench) startupCase(binary, bundled string) (line, error) {
	var times []time.Duration
	for i := 0; i <= b.runs; i++ {
		g, took, err := startGateway(binary, bundled, b.logs)
		if err != nil {
			return line{}, err
		}
		g.stop()
		if i > 0 {
			times = append(times, took)
		}
	}
	slices.Sort(times)
	took := times[len(times)/2]
	return line{name: "startup", gateway: fmt.Sprintf("%.1fms", float64(took)/float64(time.Millisecond)),
		reference: "-", target: "< 200ms", met: took < 200*time.Millisecond}, nil
}
