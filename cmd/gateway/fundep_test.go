package main

import (
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestParquetHasNoPrimaryKey checks that the Parquet copies of the users
// table, which have no primary key, refuse what the PostgreSQL table's key
// allows (testdata/reference_fundep.sql), as PostgreSQL refuses it on a
// table without a key.
func TestParquetHasNoPrimaryKey(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	const want = `column "u.Username" must appear in the GROUP BY clause or be used in an aggregate function`
	for source := range usersTables {
		if source == "postgresql" {
			continue
		}
		sql := augerSQL(`SELECT u."UserID", u."Username", count(*) FROM {T} u GROUP BY u."UserID"`, source)
		_, err := textQuery(t, conn, sql)
		if got, ok := err.(*pgconn.PgError); !ok || got.Code != "42803" || got.Message != want {
			t.Errorf("%s: %s\n got %v, want 42803: %s", source, sql, err, want)
		}
	}
}
