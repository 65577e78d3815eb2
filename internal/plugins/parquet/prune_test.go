package parquet

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
)

// pruneRows and pruneGroupRows shape the file the pruning tests write:
// ten row groups of 100 rows, sorted by id.
const pruneRows, pruneGroupRows = 1000, 100

var (
	tsUTC      = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	dec        = &arrow.Decimal128Type{Precision: 10, Scale: 2}
	pruneBase  = int64(1_700_000_000_000_000) // microseconds
	pruneTable = arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "day", Type: arrow.FixedWidthTypes.Date32},
		{Name: "amount", Type: dec},
		{Name: "key", Type: arrow.BinaryTypes.String},
		{Name: "n", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "f", Type: arrow.PrimitiveTypes.Float64},
		{Name: "cat", Type: arrow.BinaryTypes.String},
		{Name: "at", Type: tsUTC},
		{Name: "small", Type: arrow.PrimitiveTypes.Int16},
	}, nil)
)

// pruneRow describes row id: its values are functions of id, so that a
// test can tell which rows a filter matches.
type pruneRow struct {
	id     int64
	day    int32
	amount int64 // unscaled, scale 2
	key    string
	n      *int32 // NULL in the first five groups and when id%3 == 0
	f      float64
	cat    string // two values per group: g<group>a, g<group>c
	at     int64
	small  int16
}

func rowOf(id int64) pruneRow {
	g := id / pruneGroupRows
	r := pruneRow{id: id, day: int32(19000 + id/10), amount: id*125 - 50000, key: fmt.Sprintf("k%04d", id),
		f: float64(id) / 2, at: pruneBase + id*3_600_000_000, small: int16(id - 500)}
	if g >= 5 && id%3 != 0 {
		v := int32(id)
		r.n = &v
	}
	if g == 9 && id%10 == 0 {
		r.f = math.NaN()
	}
	r.cat = fmt.Sprintf("g%d%c", g, "ac"[id%2])
	return r
}

func pruneFileBytes(t *testing.T) []byte {
	t.Helper()
	mem := memory.NewGoAllocator()
	b := array.NewRecordBuilder(mem, pruneTable)
	defer b.Release()
	for id := int64(0); id < pruneRows; id++ {
		r := rowOf(id)
		b.Field(0).(*array.Int64Builder).Append(r.id)
		b.Field(1).(*array.Date32Builder).Append(arrow.Date32(r.day))
		b.Field(2).(*array.Decimal128Builder).Append(decimal128.FromI64(r.amount))
		b.Field(3).(*array.StringBuilder).Append(r.key)
		if r.n == nil {
			b.Field(4).AppendNull()
		} else {
			b.Field(4).(*array.Int32Builder).Append(*r.n)
		}
		b.Field(5).(*array.Float64Builder).Append(r.f)
		b.Field(6).(*array.StringBuilder).Append(r.cat)
		b.Field(7).(*array.TimestampBuilder).Append(arrow.Timestamp(r.at))
		b.Field(8).(*array.Int16Builder).Append(r.small)
	}
	batch := b.NewRecordBatch()
	defer batch.Release()
	var buf bytes.Buffer
	checked := memory.DefaultAllocator
	memory.DefaultAllocator = memory.NewGoAllocator()
	defer func() { memory.DefaultAllocator = checked }()
	w, err := pqarrow.NewFileWriter(pruneTable, &buf,
		parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(pruneGroupRows), parquet.WithDictionaryDefault(false),
			parquet.WithDictionaryFor("cat", true)),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(batch); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func col(i int) *expr.Column {
	f := pruneTable.Field(i)
	return &expr.Column{Index: i, Name: f.Name, Typ: f.Type}
}

func lit(s scalar.Scalar) *expr.Literal { return &expr.Literal{Value: s} }

func cmpExpr(l expr.Expr, op expr.CompareOp, r expr.Expr) *expr.Compare {
	return &expr.Compare{Op: op, Left: l, Right: r}
}

func i64(v int64) *expr.Literal { return lit(scalar.NewInt64Scalar(v)) }

func str(s string) *expr.Literal { return lit(scalar.NewStringScalar(s)) }

// pruneCase is one filter, the row groups it must read, and which rows
// it matches (nil: the filter is not usable and every group is read).
type pruneCase struct {
	name   string
	filter expr.Expr
	groups []int
	byDict int
	match  func(pruneRow) bool
}

func pruneCases() []pruneCase {
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	day := func(d int32) *expr.Literal { return lit(scalar.NewDate32Scalar(arrow.Date32(d))) }
	amount := func(u int64) *expr.Literal { return lit(scalar.NewDecimal128Scalar(decimal128.FromI64(u), dec)) }
	f64 := func(v float64) *expr.Literal { return lit(scalar.NewFloat64Scalar(v)) }
	at := func(v int64) *expr.Literal { return lit(scalar.NewTimestampScalar(arrow.Timestamp(v), tsUTC)) }
	return []pruneCase{
		{"point", cmpExpr(col(0), expr.Eq, i64(437)), []int{4}, 0, func(r pruneRow) bool { return r.id == 437 }},
		{"literal left", cmpExpr(i64(437), expr.Lt, col(0)), []int{4, 5, 6, 7, 8, 9}, 0, func(r pruneRow) bool { return 437 < r.id }},
		{"range", &expr.And{Args: []expr.Expr{cmpExpr(col(0), expr.Ge, i64(250)), cmpExpr(col(0), expr.Le, i64(300))}},
			[]int{2, 3}, 0, func(r pruneRow) bool { return r.id >= 250 && r.id <= 300 }},
		{"lt edge", cmpExpr(col(0), expr.Lt, i64(100)), []int{0}, 0, func(r pruneRow) bool { return r.id < 100 }},
		{"le edge", cmpExpr(col(0), expr.Le, i64(100)), []int{0, 1}, 0, func(r pruneRow) bool { return r.id <= 100 }},
		{"gt edge", cmpExpr(col(0), expr.Gt, i64(899)), []int{9}, 0, func(r pruneRow) bool { return r.id > 899 }},
		{"ne", cmpExpr(col(0), expr.Ne, i64(5)), all, 0, func(r pruneRow) bool { return r.id != 5 }},
		{"outside", cmpExpr(col(0), expr.Gt, i64(5000)), []int{}, 0, func(pruneRow) bool { return false }},
		{"in list", &expr.InList{Arg: col(0), List: []expr.Expr{i64(3), i64(950), i64(5000)}}, []int{0, 9}, 0,
			func(r pruneRow) bool { return r.id == 3 || r.id == 950 }},
		{"or", &expr.Or{Args: []expr.Expr{cmpExpr(col(0), expr.Lt, i64(50)), cmpExpr(col(3), expr.Eq, str("k0777"))}},
			[]int{0, 7}, 0, func(r pruneRow) bool { return r.id < 50 || r.key == "k0777" }},
		{"date", cmpExpr(col(1), expr.Ge, day(19095)), []int{9}, 0, func(r pruneRow) bool { return r.day >= 19095 }},
		{"decimal", cmpExpr(col(2), expr.Lt, amount(-50000+125*150)), []int{0, 1}, 0,
			func(r pruneRow) bool { return r.amount < -50000+125*150 }},
		{"string", cmpExpr(col(3), expr.Ge, str("k0555")), []int{5, 6, 7, 8, 9}, 0, func(r pruneRow) bool { return r.key >= "k0555" }},
		{"string prefix order", cmpExpr(col(3), expr.Lt, str("k01")), []int{0}, 0, func(r pruneRow) bool { return r.key < "k01" }},
		{"is null", &expr.IsNull{Arg: col(4)}, all, 0, func(r pruneRow) bool { return r.n == nil }},
		{"is not null", &expr.IsNull{Arg: col(4), Negated: true}, []int{5, 6, 7, 8, 9}, 0, func(r pruneRow) bool { return r.n != nil }},
		{"all-null groups", cmpExpr(col(4), expr.Ge, lit(scalar.NewInt32Scalar(0))), []int{5, 6, 7, 8, 9}, 0,
			func(r pruneRow) bool { return r.n != nil }},
		{"is null of required", &expr.IsNull{Arg: col(0)}, []int{}, 0, func(pruneRow) bool { return false }},
		{"float eq", cmpExpr(col(5), expr.Eq, f64(10)), []int{0}, 0, func(r pruneRow) bool { return r.f == 10 }},
		{"float lt", cmpExpr(col(5), expr.Lt, f64(60)), []int{0, 1}, 0, func(r pruneRow) bool { return r.f < 60 }},
		{"float gt keeps NaN groups", cmpExpr(col(5), expr.Gt, f64(1e9)), all, 0,
			func(r pruneRow) bool { return math.IsNaN(r.f) }},
		{"float NaN literal", cmpExpr(col(5), expr.Eq, f64(math.NaN())), all, 0, func(r pruneRow) bool { return math.IsNaN(r.f) }},
		{"dictionary", cmpExpr(col(6), expr.Eq, str("g3b")), []int{}, 1, func(pruneRow) bool { return false }},
		{"dictionary hit", cmpExpr(col(6), expr.Eq, str("g3c")), []int{3}, 0, func(r pruneRow) bool { return r.cat == "g3c" }},
		{"dictionary in", &expr.InList{Arg: col(6), List: []expr.Expr{str("g3b"), str("g4a")}}, []int{4}, 1,
			func(r pruneRow) bool { return r.cat == "g4a" }},
		{"timestamp", cmpExpr(col(7), expr.Lt, at(pruneBase+150*3_600_000_000)), []int{0, 1}, 0,
			func(r pruneRow) bool { return r.at < pruneBase+150*3_600_000_000 }},
		{"widened int", cmpExpr(&expr.Cast{Arg: col(8), To: arrow.PrimitiveTypes.Int64}, expr.Eq, i64(-390)), []int{1}, 0,
			func(r pruneRow) bool { return int64(r.small) == -390 }},
	}
}

func pruneFile(t *testing.T) (catalog.Table, *parquetFile) {
	t.Helper()
	dir := t.TempDir()
	writeLocal(t, filepath.Join(dir, "p.parquet"), pruneFileBytes(t))
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	tab, err := p.Table(context.Background(), "ws", "p.parquet")
	if err != nil {
		t.Fatal(err)
	}
	pt := tab.(*table)
	pf, err := pt.openFooter(context.Background(), pt.files[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pf.release)
	return tab, pf
}

func TestRowGroupsChosenByStatisticsAndDictionaries(t *testing.T) {
	table, pf := pruneFile(t)
	for _, c := range pruneCases() {
		if v := table.SupportsFilters([]expr.Expr{c.filter}); v[0] != catalog.Inexact {
			t.Errorf("%s: verdict %s", c.name, v[0])
		}
		choice := chooseRowGroups(pf, []expr.Expr{c.filter})
		if !reflect.DeepEqual(choice.groups, c.groups) || choice.byDicts != c.byDict ||
			choice.byStats+choice.byDicts+len(choice.groups) != 10 {
			t.Errorf("%s: groups %v (by stats %d, by dictionary %d), want %v (by dictionary %d)",
				c.name, choice.groups, choice.byStats, choice.byDicts, c.groups, c.byDict)
		}
		// Every matching row lies in a chosen group, and the scan with the
		// filter yields every matching row.
		read := map[int64]bool{}
		for _, g := range choice.groups {
			read[int64(g)] = true
		}
		want := 0
		for id := int64(0); id < pruneRows; id++ {
			if c.match(rowOf(id)) {
				want++
				if !read[id/pruneGroupRows] {
					t.Errorf("%s: row %d matches but its group is skipped", c.name, id)
				}
			}
		}
		n, ids := scanAll(t, table, catalog.ScanRequest{Columns: []int{0}, Filters: []expr.Expr{c.filter}, Limit: -1})
		got := 0
		for _, s := range ids {
			id, _ := strconv.ParseInt(s, 10, 64)
			if c.match(rowOf(id)) {
				got++
			}
		}
		if got != want || n != int64(len(choice.groups)*pruneGroupRows) {
			t.Errorf("%s: scan read %d rows, %d of %d matching", c.name, n, got, want)
		}
	}
}

func TestFiltersPruningCannotUseAreUnsupported(t *testing.T) {
	table, _ := pruneFile(t)
	cases := []struct {
		name   string
		filter expr.Expr
	}{
		{"two columns", cmpExpr(col(0), expr.Eq, col(4))},
		{"other literal type", cmpExpr(col(4), expr.Eq, i64(5))},
		{"narrowing cast", cmpExpr(&expr.Cast{Arg: col(0), To: arrow.PrimitiveTypes.Int16}, expr.Eq, lit(scalar.NewInt16Scalar(5)))},
		{"not in", &expr.InList{Arg: col(0), List: []expr.Expr{i64(1)}, Negated: true}},
		{"not", &expr.Not{Arg: cmpExpr(col(0), expr.Eq, i64(1))}},
		{"or with an unusable side", &expr.Or{Args: []expr.Expr{cmpExpr(col(0), expr.Eq, i64(1)), &expr.Not{Arg: &expr.IsNull{Arg: col(0)}}}}},
		{"like", &expr.Like{Arg: col(3), Pattern: str("k%")}},
	}
	for _, c := range cases {
		if v := table.SupportsFilters([]expr.Expr{c.filter}); v[0] != catalog.Unsupported {
			t.Errorf("%s: verdict %s", c.name, v[0])
		}
	}
}

func TestExplainAndStatsShowTheChoice(t *testing.T) {
	table, _ := pruneFile(t)
	ctx := context.Background()
	req := catalog.ScanRequest{Columns: []int{0}, Limit: -1,
		Filters: []expr.Expr{cmpExpr(col(0), expr.Eq, i64(437))}}
	lines, err := table.(catalog.ScanExplainer).ExplainScan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`files=1 row_groups=1/10 (pruned by statistics: 9, by dictionary: 0)`, `pruning filters: ("id" = 437)`}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("explain %q", lines)
	}
	r, err := table.Scan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	for {
		b, err := r.Next(ctx)
		if err != nil {
			break
		}
		b.Release()
	}
	r.Close()
	got := r.(catalog.StatsReporter).ScanStats()
	read := got.BytesRead
	got.BytesRead = 0
	if read <= 0 || got != (catalog.ScanStats{Files: 1, RowGroups: 1, RowGroupsSkipped: 9}) {
		t.Errorf("stats %+v", got)
	}
}

func TestFilesPrunedWhole(t *testing.T) {
	p := localPlugin(t) // dir holds ids 100-149 and 150-199 in two files
	ctx := context.Background()
	table, err := p.Table(ctx, "ws", "dir")
	if err != nil {
		t.Fatal(err)
	}
	id := &expr.Column{Index: 0, Name: "id", Typ: arrow.PrimitiveTypes.Int64}
	req := catalog.ScanRequest{Columns: []int{0}, Limit: -1, Filters: []expr.Expr{cmpExpr(id, expr.Ge, i64(175))}}
	lines, err := table.(catalog.ScanExplainer).ExplainScan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if lines[0] != "files=1/2 (pruned whole: 1) row_groups=2/6 (pruned by statistics: 4, by dictionary: 0)" {
		t.Errorf("explain %q", lines)
	}
	r, err := table.Scan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	rows := int64(0)
	for {
		b, err := r.Next(ctx)
		if err != nil {
			break
		}
		rows += b.NumRows()
		b.Release()
	}
	r.Close()
	got := r.(catalog.StatsReporter).ScanStats()
	read := got.BytesRead
	got.BytesRead = 0
	if rows != 30 || read <= 0 || got != (catalog.ScanStats{Files: 1, FilesSkipped: 1, RowGroups: 2, RowGroupsSkipped: 4}) {
		t.Errorf("%d rows, stats %+v", rows, got)
	}
}

func TestAggregatesFromFooters(t *testing.T) {
	table, _ := pruneFile(t)
	agg := table.(catalog.MetadataAggregator)
	nonNull := 0
	for id := int64(0); id < pruneRows; id++ {
		if rowOf(id).n != nil {
			nonNull++
		}
	}
	cases := []struct {
		aggs []catalog.MetadataAggregate
		want string // "" when the footers cannot answer exactly
	}{
		{[]catalog.MetadataAggregate{{Func: "count", Column: -1}, {Func: "count", Column: 4}, {Func: "min", Column: 0}, {Func: "max", Column: 0}},
			fmt.Sprintf("1000 %d 0 999", nonNull)},
		{[]catalog.MetadataAggregate{{Func: "min", Column: 3}, {Func: "max", Column: 3}, {Func: "min", Column: 2}, {Func: "max", Column: 1}},
			"k0000 k0999 -500 " + arrow.Date32(19099).FormattedString()},
		{[]catalog.MetadataAggregate{{Func: "min", Column: 4}, {Func: "max", Column: 8}}, "500 499"},
		{[]catalog.MetadataAggregate{{Func: "count", Column: -1}, {Func: "max", Column: 5}}, ""},
	}
	for _, c := range cases {
		values, ok, err := agg.AggregateFromMetadata(context.Background(), c.aggs)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range values {
			if d, isDec := v.(*scalar.Decimal128); isDec && d.Value != decimal128.FromI64(-50000) {
				t.Errorf("decimal min %v", d.Value)
			}
			got = append(got, v.String())
		}
		if text := fmt.Sprint(strings.Join(got, " ")); ok != (c.want != "") || text != c.want {
			t.Errorf("%v: ok=%v %q, want %q", c.aggs, ok, text, c.want)
		}
	}
}
