package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
)

// Frontend messages, short to write in the transcripts below.
func parse(name, query string, oids ...uint32) *pgproto3.Parse {
	return &pgproto3.Parse{Name: name, Query: query, ParameterOIDs: oids}
}

func bind(portal, stmt string, params ...string) *pgproto3.Bind {
	b := &pgproto3.Bind{DestinationPortal: portal, PreparedStatement: stmt}
	for _, p := range params {
		if p == "NULL" {
			b.Parameters = append(b.Parameters, nil)
		} else {
			b.Parameters = append(b.Parameters, []byte(p))
		}
	}
	return b
}

func binaryBind(portal, stmt string, params ...[]byte) *pgproto3.Bind {
	return &pgproto3.Bind{DestinationPortal: portal, PreparedStatement: stmt, Parameters: params,
		ParameterFormatCodes: []int16{1}, ResultFormatCodes: []int16{1}}
}

func execute(portal string, maxRows uint32) *pgproto3.Execute {
	return &pgproto3.Execute{Portal: portal, MaxRows: maxRows}
}

func describe(kind byte, name string) *pgproto3.Describe {
	return &pgproto3.Describe{ObjectType: kind, Name: name}
}

func closeMsg(kind byte, name string) *pgproto3.Close {
	return &pgproto3.Close{ObjectType: kind, Name: name}
}

var syncMsg = &pgproto3.Sync{}

// protocolCases are sequences of extended-protocol messages, each run on
// Auger and on PostgreSQL; the backend's answers must be the same.
var protocolCases = []struct {
	name string
	msgs []pgproto3.FrontendMessage
}{
	{"unnamed statement, parameter types from the query", []pgproto3.FrontendMessage{
		parse("", `SELECT "UserID", "Username" FROM {T} WHERE "UserID" = $1 AND "Username" <> $2 ORDER BY 1 LIMIT $3`),
		describe('S', ""), bind("", "", "3", "x", "5"), describe('P', ""), execute("", 0), syncMsg}},
	{"named statement run twice, then closed", []pgproto3.FrontendMessage{
		parse("s1", `SELECT $1::int + 1 AS n, upper($2) AS u`), describe('S', "s1"), syncMsg,
		bind("", "s1", "41", "ab"), execute("", 0), bind("", "s1", "NULL", "cd"), execute("", 0), syncMsg,
		closeMsg('S', "s1"), syncMsg, describe('S', "s1"), syncMsg}},
	{"parameters in LIMIT and OFFSET", []pgproto3.FrontendMessage{
		parse("", `SELECT "UserID" FROM {T} ORDER BY 1 LIMIT $1 OFFSET $2`), describe('S', ""),
		bind("", "", "3", "2"), execute("", 0), bind("", "", "NULL", "98"), execute("", 0), syncMsg,
		parse("", `SELECT i FROM generate_series(1, 9) i LIMIT $1::int * 2`), describe('S', ""), bind("", "", "2"), execute("", 0), syncMsg,
		parse("", `SELECT 1 LIMIT $1`), bind("", "", "-1"), execute("", 0), syncMsg}},
	{"parameter types given by the client", []pgproto3.FrontendMessage{
		parse("", `SELECT $1 AS a, $2 AS b, $3 || 'x' AS c`, 20, 0, 25), describe('S', ""), syncMsg}},
	{"parameters in function arguments and arithmetic", []pgproto3.FrontendMessage{
		parse("", `SELECT substr($1, $2), $3 + 1.5, coalesce($4, 'none'), length($5)`), describe('S', ""), syncMsg}},
	{"a parameter where any type fits", []pgproto3.FrontendMessage{
		parse("", `SELECT $1 AS v`), describe('S', ""), bind("", "", "hello"), execute("", 0), syncMsg}},
	{"a parameter the query skips", []pgproto3.FrontendMessage{
		parse("", `SELECT $2::int`), syncMsg}},
	{"portal suspended and resumed", []pgproto3.FrontendMessage{
		parse("big", `SELECT i, i * 2 AS d FROM generate_series(1, 7) i`),
		bind("p", "big"), execute("p", 3), execute("p", 3), syncMsg, execute("p", 3), execute("p", 3), syncMsg,
		closeMsg('P', "p"), syncMsg}},
	{"two portals of one statement interleaved", []pgproto3.FrontendMessage{
		parse("two", `SELECT "UserID" FROM {T} WHERE "UserID" < $1 ORDER BY 1`),
		bind("a", "two", "5"), bind("b", "two", "8"), execute("a", 2), execute("b", 3), execute("a", 2),
		execute("b", 3), execute("b", 0), syncMsg}},
	{"a parse error skips messages until Sync", []pgproto3.FrontendMessage{
		parse("", `SELEC 1`), bind("", ""), describe('P', ""), execute("", 0), syncMsg,
		parse("", `SELECT 2 AS two`), bind("", ""), execute("", 0), syncMsg}},
	{"a run-time error in the middle of a pipeline", []pgproto3.FrontendMessage{
		parse("", `SELECT 1 AS one`), bind("", ""), execute("", 0),
		parse("div", `SELECT 10 / (i - $1::int) AS q FROM generate_series(1, 3) i`), bind("", "div", "1"), execute("", 0),
		parse("", `SELECT 3 AS three`), bind("", ""), execute("", 0), syncMsg,
		bind("", "div", "5"), execute("", 0), syncMsg}},
	{"a run-time error in a suspended portal", []pgproto3.FrontendMessage{
		parse("", `SELECT 10 / (1 - i) AS q FROM generate_series(1, 5) i`), bind("", ""), execute("", 1), execute("", 0),
		syncMsg, parse("", `SELECT 1 AS one`), bind("", ""), execute("", 0), syncMsg}},
	{"unknown statement and portal", []pgproto3.FrontendMessage{
		describe('S', "nope"), syncMsg, describe('P', "nope"), syncMsg, execute("nope", 0), syncMsg,
		parse("", `SELECT 1`), syncMsg}},
	{"binary parameters and results", []pgproto3.FrontendMessage{
		parse("", `SELECT $1::int4 + 1 AS i, $2::int8 AS b, $3::text AS t, $4::bool AS f`),
		binaryBind("", "", []byte{0, 0, 0, 41}, []byte{0, 0, 0, 0, 0, 0, 1, 0}, []byte("zoë"), []byte{1}),
		execute("", 0), syncMsg}},
	{"a statement without rows", []pgproto3.FrontendMessage{
		parse("", `SET statement_timeout = 0`), describe('S', ""), bind("", ""), describe('P', ""), execute("", 0), syncMsg}},
}

// TestExtendedProtocolMatchesPostgreSQL sends each case's messages to
// Auger and to PostgreSQL and compares the message sequences they answer.
func TestExtendedProtocolMatchesPostgreSQL(t *testing.T) {
	f := gateway(t)
	for _, c := range protocolCases {
		t.Run(c.name, func(t *testing.T) {
			want := transcript(t, rawConn(t, f.pgURL), c.msgs, directSQL)
			for source := range usersTables {
				got := transcript(t, rawConn(t, f.url()), c.msgs, func(sql string) string { return augerSQL(sql, source) })
				if got != want {
					t.Errorf("%s:\n got %s\nwant %s", source, got, want)
				}
				if !usesTable(c.msgs) {
					break // the same for every source
				}
			}
		})
	}
}

// usesTable reports whether a message parses a query over {T}.
func usesTable(msgs []pgproto3.FrontendMessage) bool {
	for _, m := range msgs {
		if p, ok := m.(*pgproto3.Parse); ok && strings.Contains(p.Query, "{T}") {
			return true
		}
	}
	return false
}

// url is the gateway's connection string.
func (f *fixture) url() string {
	return fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable&timezone=UTC", f.addr)
}

// rawConn opens a connection whose messages the test writes itself.
func rawConn(t *testing.T, url string) *pgconn.PgConn {
	t.Helper()
	conn, err := pgconn.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// transcript sends msgs (with {T} in queries rewritten by table) and
// renders every message the server answers until the ReadyForQuery of
// the last Sync.
func transcript(t *testing.T, conn *pgconn.PgConn, msgs []pgproto3.FrontendMessage, table func(string) string) string {
	t.Helper()
	fe := conn.Frontend()
	syncs := 0
	for _, m := range msgs {
		if p, ok := m.(*pgproto3.Parse); ok {
			c := *p
			c.Query = table(p.Query)
			m = &c
		}
		if _, ok := m.(*pgproto3.Sync); ok {
			syncs++
		}
		fe.Send(m)
	}
	if err := fe.Flush(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out []string
	for syncs > 0 {
		m, err := conn.ReceiveMessage(ctx)
		if err != nil {
			out = append(out, "connection lost: "+err.Error())
			break
		}
		if _, ok := m.(*pgproto3.ReadyForQuery); ok {
			syncs--
		}
		out = append(out, render(m))
	}
	return "\n  " + strings.Join(out, "\n  ")
}

// render names a backend message and the fields a client relies on.
func render(m pgproto3.BackendMessage) string {
	switch m := m.(type) {
	case *pgproto3.ParameterDescription:
		return fmt.Sprintf("ParameterDescription %v", m.ParameterOIDs)
	case *pgproto3.RowDescription:
		var cols []string
		for _, f := range m.Fields {
			cols = append(cols, fmt.Sprintf("%s:%d/%d", f.Name, f.DataTypeOID, f.Format))
		}
		return "RowDescription " + strings.Join(cols, " ")
	case *pgproto3.DataRow:
		var cells []string
		for _, v := range m.Values {
			if v == nil {
				cells = append(cells, "NULL")
			} else {
				cells = append(cells, fmt.Sprintf("%q", v))
			}
		}
		return "DataRow " + strings.Join(cells, " ")
	case *pgproto3.CommandComplete:
		return "CommandComplete " + string(m.CommandTag)
	case *pgproto3.ErrorResponse:
		return "ErrorResponse " + m.Code
	case *pgproto3.ReadyForQuery:
		return "ReadyForQuery " + string(m.TxStatus)
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", m), "*pgproto3.")
}
