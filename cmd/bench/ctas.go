package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// ctasTable is the table the CTAS case writes, in the writable S3
// workspace of the benchmark's configuration.
const ctasTable = "s3ws.orders_copy"

// ctasCases write the orders table to S3 Parquet with CREATE TABLE AS,
// against COPY ... TO STDOUT of the same rows from PostgreSQL, and report
// the peak resident memory of a gateway process that did only that. A
// gateway that cannot run the CTAS yields lines that are not met, with its
// error.
func (b *bench) ctasCases(binary, config string) ([]line, error) {
	direct, _, err := timed(b.runs, func() (struct{}, error) {
		_, err := b.pg.PgConn().CopyTo(b.ctx, io.Discard, "COPY (SELECT * FROM "+ordersTable+") TO STDOUT")
		return struct{}{}, err
	})
	if err != nil {
		return nil, fmt.Errorf("copy orders to stdout: %w", err)
	}
	g, _, err := startGateway(binary, config, b.logs)
	if err != nil {
		return nil, err
	}
	defer g.stop()
	conn, err := pgx.Connect(b.ctx, g.url())
	if err != nil {
		return nil, err
	}
	defer conn.Close(b.ctx)
	written, err := b.ctasMedian(conn)
	if err != nil {
		failed := fmt.Sprintf("cannot measure CREATE TABLE %s AS SELECT: %v", ctasTable, err)
		return []line{{name: "ctas-pg-s3", gateway: "error", reference: seconds(direct), target: "<= 2.00", note: failed},
			{name: "rss-ctas-s3", gateway: "error", reference: "-", target: "< 300MiB", note: failed}}, nil
	}
	peak, err := g.peakRSS()
	if err != nil {
		return nil, err
	}
	return []line{ratioLine("ctas-pg-s3", written, direct, 2),
		{name: "rss-ctas-s3", gateway: mib(peak), reference: "-", target: "< 300MiB", met: peak < 300<<20}}, nil
}

// ctasMedian is the median time of the CTAS over runs after one to warm
// up; each run first drops the copy and then checks it.
func (b *bench) ctasMedian(conn *pgx.Conn) (time.Duration, error) {
	var times []time.Duration
	for i := 0; i <= b.runs; i++ {
		took, err := b.ctas(conn)
		if err != nil {
			return 0, err
		}
		if i > 0 {
			times = append(times, took)
		}
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

// ctas drops the copy, writes it again, timing only the CREATE TABLE AS,
// and checks its row count.
func (b *bench) ctas(conn *pgx.Conn) (time.Duration, error) {
	if _, err := conn.Exec(b.ctx, "DROP TABLE IF EXISTS "+ctasTable, pgx.QueryExecModeSimpleProtocol); err != nil {
		return 0, fmt.Errorf("drop: %w", err)
	}
	start := time.Now()
	if _, err := conn.Exec(b.ctx, "CREATE TABLE "+ctasTable+" AS SELECT * FROM "+b.orders, pgx.QueryExecModeSimpleProtocol); err != nil {
		return 0, err
	}
	took := time.Since(start)
	var rows int64
	if err := conn.QueryRow(b.ctx, "SELECT count(*) FROM "+ctasTable, pgx.QueryExecModeSimpleProtocol).Scan(&rows); err != nil {
		return 0, fmt.Errorf("count the copy: %w", err)
	}
	if rows != b.sz.orders {
		return 0, fmt.Errorf("the copy has %d rows, want %d", rows, b.sz.orders)
	}
	return took, nil
}
