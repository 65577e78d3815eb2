package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// ctasCase archives the orders table to Parquet on S3 with CREATE TABLE
// AS through a gateway of its own (so that its peak memory is the
// statement's), against PostgreSQL writing the same rows with COPY ... TO
// STDOUT; each copy is read back and counted. The target is at least half
// COPY's speed in under 300 MiB.
func (b *bench) ctasCase(binary, config string) ([]line, error) {
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
	var tables []string
	took, _, err := timed(b.runs, func() (int64, error) {
		table := "s3.archive.orders_" + strconv.Itoa(len(tables))
		tables = append(tables, table)
		tag, err := conn.Exec(b.ctx, "CREATE TABLE "+table+" AS SELECT * FROM "+b.orders)
		if err == nil && tag.RowsAffected() != b.sz.orders {
			err = fmt.Errorf("%s: tag %q, want %d rows", table, tag, b.sz.orders)
		}
		return tag.RowsAffected(), err
	})
	if err != nil {
		return nil, err
	}
	for _, table := range tables {
		if err := b.checkArchive(conn, table); err != nil {
			return nil, err
		}
	}
	direct, _, err := timed(b.runs, func() (int64, error) {
		tag, err := b.pg.PgConn().CopyTo(b.ctx, io.Discard, "COPY (SELECT * FROM "+ordersTable+") TO STDOUT")
		return tag.RowsAffected(), err
	})
	if err != nil {
		return nil, err
	}
	peak, err := g.peakRSS()
	if err != nil {
		return nil, err
	}
	ratio := took.Seconds() / direct.Seconds()
	return []line{
		{name: "ctas-orders-to-s3", gateway: seconds(took), reference: seconds(direct), ratio: ratio,
			target: "<= 2.00", met: ratio <= 2},
		{name: "rss-ctas-orders", gateway: mib(peak), reference: "-", target: "< 300MiB", met: peak < 300<<20},
	}, nil
}

// checkArchive counts an archived table's rows read back from S3 and
// drops it.
func (b *bench) checkArchive(conn *pgx.Conn, table string) error {
	var n int64
	if err := conn.QueryRow(b.ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	if n != b.sz.orders {
		return fmt.Errorf("%s: %d rows read back, want %d", table, n, b.sz.orders)
	}
	_, err := conn.Exec(b.ctx, "DROP TABLE "+table)
	return err
}
