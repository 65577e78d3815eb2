package types

import (
	"context"
	"math"
	"math/big"
	"math/rand"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5"

	"auger/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopServers()
	os.Exit(code)
}

func connect(t *testing.T) *pgx.Conn {
	conn, err := pgx.Connect(context.Background(), testenv.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// pgTexts runs a query returning one text column and collects it.
func pgTexts(t *testing.T, conn *pgx.Conn, sql string, args ...any) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

func compare(t *testing.T, what string, arr arrow.Array, want []string, loc *time.Location) {
	t.Helper()
	if arr.Len() != len(want) {
		t.Fatalf("%s: %d values, PostgreSQL gave %d", what, arr.Len(), len(want))
	}
	for i := range want {
		if got := FormatText(arr, i, loc); got != want[i] {
			t.Errorf("%s row %d: got %q, PostgreSQL renders %q", what, i, got, want[i])
		}
	}
}

func TestFloatsMatchPostgreSQL(t *testing.T) {
	conn := connect(t)
	rng := rand.New(rand.NewSource(1))
	f64 := []float64{0, math.Copysign(0, -1), 1, -1.5, 0.1, 1e20, 1.5e-7, 123456789012345, 1234567890123456, 1e15, 1e-4, 1e-5,
		math.MaxFloat64, math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 100, 0.3333333333333333}
	for i := 0; i < 2000; i++ {
		f64 = append(f64, math.Float64frombits(rng.Uint64()&^(0x7ff<<52)|uint64(rng.Intn(0x7fe))<<52))
		f64 = append(f64, rng.NormFloat64()*math.Pow(10, float64(rng.Intn(40)-20)))
	}
	b := array.NewFloat64Builder(memory.DefaultAllocator)
	b.AppendValues(f64, nil)
	compare(t, "float8", b.NewArray(), pgTexts(t, conn, "SELECT x::text FROM unnest($1::float8[]) WITH ORDINALITY AS u(x, i) ORDER BY i", f64), time.UTC)

	f32 := make([]float32, 0, len(f64))
	for _, f := range f64 {
		if v := float32(f); !math.IsInf(float64(v), 0) || math.IsInf(f, 0) {
			f32 = append(f32, v)
		}
	}
	b32 := array.NewFloat32Builder(memory.DefaultAllocator)
	b32.AppendValues(f32, nil)
	compare(t, "float4", b32.NewArray(), pgTexts(t, conn, "SELECT x::text FROM unnest($1::float4[]) WITH ORDINALITY AS u(x, i) ORDER BY i", f32), time.UTC)
}

func TestTemporalMatchPostgreSQL(t *testing.T) {
	conn := connect(t)
	stamps := []time.Time{
		time.Date(2024, 1, 31, 13, 4, 5, 0, time.UTC), time.Date(2024, 1, 31, 13, 4, 5, 500000000, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 123456000, time.UTC), time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-43, 3, 15, 12, 0, 0, 0, time.UTC), time.Date(2024, 6, 30, 18, 30, 0, 10000, time.UTC),
	}
	ts := array.NewTimestampBuilder(memory.DefaultAllocator, &arrow.TimestampType{Unit: arrow.Microsecond})
	tz := array.NewTimestampBuilder(memory.DefaultAllocator, &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"})
	dates := array.NewDate32Builder(memory.DefaultAllocator)
	for _, s := range stamps {
		ts.Append(arrow.Timestamp(s.UnixMicro()))
		tz.Append(arrow.Timestamp(s.UnixMicro()))
		dates.Append(arrow.Date32FromTime(s))
	}
	micros := make([]int64, len(stamps))
	for i, s := range stamps {
		micros[i] = s.UnixMicro()
	}
	const fromMicros = "SELECT (to_timestamp(0) AT TIME ZONE 'UTC' + x * interval '1 microsecond')%s::text FROM unnest($1::int8[]) WITH ORDINALITY AS u(x, i) ORDER BY i"
	compare(t, "timestamp", ts.NewArray(), pgTexts(t, conn, sprintf(fromMicros, ""), micros), time.UTC)
	compare(t, "date", dates.NewArray(), pgTexts(t, conn, sprintf(fromMicros, "::date"), micros), time.UTC)
	tzArr := tz.NewArray()
	for _, zone := range []string{"UTC", "Asia/Kolkata", "America/Sao_Paulo", "Asia/Kathmandu"} {
		if _, err := conn.Exec(context.Background(), "SET TimeZone = '"+zone+"'"); err != nil {
			t.Fatal(err)
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, "timestamptz in "+zone, tzArr, pgTexts(t, conn,
			"SELECT (to_timestamp(0) + x * interval '1 microsecond')::text FROM unnest($1::int8[]) WITH ORDINALITY AS u(x, i) ORDER BY i", micros), loc)
	}
}

func sprintf(format, arg string) string {
	out := ""
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) && format[i+1] == 's' {
			out += arg
			i++
			continue
		}
		out += string(format[i])
	}
	return out
}

func TestOtherTypesMatchPostgreSQL(t *testing.T) {
	conn := connect(t)
	dec := array.NewDecimal128Builder(memory.DefaultAllocator, &arrow.Decimal128Type{Precision: 12, Scale: 3})
	for _, v := range []int64{0, 1, -1, 12300, -999999999, 123456789012} {
		dec.Append(decimal128.FromI64(v))
	}
	compare(t, "numeric(12,3)", dec.NewArray(), pgTexts(t, conn,
		"SELECT (x::numeric / 1000)::numeric(12,3)::text FROM unnest(ARRAY[0, 1, -1, 12300, -999999999, 123456789012]::int8[]) WITH ORDINALITY AS u(x, i) ORDER BY i"), time.UTC)

	// boolout's text, which a cast to text does not show.
	bools := array.NewBooleanBuilder(memory.DefaultAllocator)
	bools.AppendValues([]bool{true, false}, nil)
	compare(t, "boolean", bools.NewArray(), []string{"t", "f"}, time.UTC)

	bin := array.NewBinaryBuilder(memory.DefaultAllocator, arrow.BinaryTypes.Binary)
	bin.AppendValues([][]byte{{}, {0, 1, 0xfe, 0xff}, []byte("abc")}, nil)
	compare(t, "bytea", bin.NewArray(), pgTexts(t, conn, `SELECT x::text FROM unnest(ARRAY['\x'::bytea, '\x0001feff', 'abc']) WITH ORDINALITY AS u(x, i) ORDER BY i`), time.UTC)

	iv := array.NewMonthDayNanoIntervalBuilder(memory.DefaultAllocator)
	iv.AppendValues([]arrow.MonthDayNanoInterval{
		{Months: 14, Days: 3, Nanoseconds: (4*3600+5*60+6)*1e9 + 5e8}, {}, {Days: -1}, {Months: -13},
		{Nanoseconds: -90 * 1e9}, {Months: 1, Days: 1, Nanoseconds: 1000},
		{Months: -1, Days: 2}, {Days: -3, Nanoseconds: 3600 * 1e9}, {Months: -14, Days: 5, Nanoseconds: -60 * 1e9},
	}, nil)
	compare(t, "interval", iv.NewArray(), pgTexts(t, conn, `SELECT x::text FROM unnest(ARRAY['1 year 2 mons 3 days 04:05:06.5', '0', '-1 day', '-1 year -1 mon', '-00:01:30', '1 mon 1 day 00:00:00.000001', '-1 mon +2 days', '-3 days +01:00:00', '-1 year -2 mons +5 days -00:01:00']::interval[]) WITH ORDINALITY AS u(x, i) ORDER BY i`), time.UTC)
}

// TestNumericDivideMatchesPostgreSQL checks the result scale and rounding
// of numeric division (used for avg) against PostgreSQL's own.
func TestNumericDivideMatchesPostgreSQL(t *testing.T) {
	conn := connect(t)
	cases := []struct {
		a      int64
		aScale int32
		b      int64
	}{
		{101, 0, 2}, {1, 0, 3}, {-29, 0, 86}, {2, 0, 3}, {10000, 0, 1}, {99999999, 0, 7}, {484254, 2, 86},
		{5, 3, 2}, {-5, 1, 2}, {0, 0, 5}, {123456789012345678, 0, 3}, {1, 0, 10001}, {9999, 0, 10000}, {15, 1, 1},
	}
	for _, c := range cases {
		direct := pgTexts(t, conn, "SELECT (($1::text)::numeric / ($2::text)::numeric)::text",
			decimalText(c.a, c.aScale), strconv.FormatInt(c.b, 10))[0]
		if got := NumericDivide(big.NewInt(c.a), c.aScale, big.NewInt(c.b), 0); got != direct {
			t.Errorf("%s / %d = %s, PostgreSQL says %s", decimalText(c.a, c.aScale), c.b, got, direct)
		}
	}
}

func decimalText(unscaled int64, scale int32) string {
	r := new(big.Rat).SetFrac(big.NewInt(unscaled), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
	return r.FloatString(int(scale))
}
