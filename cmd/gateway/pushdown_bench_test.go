package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// benchRowsTable is a 2-million-row PostgreSQL table the pushdown
// benchmark makes when it is missing.
const benchRowsTable = `CREATE TABLE IF NOT EXISTS bench_rows AS
SELECT i AS id, i % 1000 AS grp, (i::bigint * 7919) % 1000003 AS val, ((i % 100000)::numeric / 100)::numeric(12,2) AS amount
FROM generate_series(1, 2000000) AS i`

// BenchmarkPostgresPushdown runs an aggregate and a top-N over a
// 2-million-row PostgreSQL table straight with pgx and through the gateway
// (pushdown on, then off), side by side:
//
//	go test ./cmd/gateway -run '^$' -bench PostgresPushdown -benchtime 5x
func BenchmarkPostgresPushdown(b *testing.B) {
	f := gateway(b)
	ctx := context.Background()
	direct := f.direct(b)
	if _, err := direct.Exec(ctx, benchRowsTable); err != nil {
		b.Fatal(err)
	}
	if _, err := direct.Exec(ctx, "ANALYZE bench_rows"); err != nil {
		b.Fatal(err)
	}
	on, off := f.connect(b), f.connect(b)
	if _, err := off.Exec(ctx, "SET auger.pushdown = off"); err != nil {
		b.Fatal(err)
	}
	queries := []struct{ name, sql string }{
		{"aggregate", `SELECT grp, count(*), sum(val), avg(amount) FROM %s GROUP BY grp HAVING count(*) > 1`},
		{"top-N", `SELECT id, val FROM %s ORDER BY val DESC, id LIMIT 10`},
	}
	conns := []struct {
		name, table string
		conn        *pgx.Conn
	}{
		{"direct", "bench_rows", direct},
		{"gateway", "postgresql.public.bench_rows", on},
		{"gateway pushdown off", "postgresql.public.bench_rows", off},
	}
	for _, q := range queries {
		for _, c := range conns {
			b.Run(q.name+"/"+c.name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					drainQuery(b, c.conn, fmt.Sprintf(q.sql, c.table))
				}
			})
		}
	}
}

// drainQuery reads every row of a query.
func drainQuery(b *testing.B, conn *pgx.Conn, sql string) {
	rows, err := conn.Query(context.Background(), sql)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil || n == 0 {
		b.Fatalf("%s: %d rows, %v", sql, n, err)
	}
}
