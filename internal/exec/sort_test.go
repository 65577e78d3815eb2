package exec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/uuid"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/types"
)

// mixedRow is one generated row; nil pointers are NULLs.
type mixedRow struct {
	id    int64
	i     *int32
	f     *float64
	s     *string
	num   *string // an exact numeric's text
	dec   *int64  // numeric(12,2) in cents
	ts    *int64  // timestamp in microseconds
	b     *bool
	iv    *arrow.MonthDayNanoInterval
	token *uuid.UUID
}

var mixedSchema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64},
	{Name: "i", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "f", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "num", Type: types.Numeric, Nullable: true},
	{Name: "dec", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
	{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Microsecond}, Nullable: true},
	{Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "iv", Type: arrow.FixedWidthTypes.MonthDayNanoInterval, Nullable: true},
	{Name: "token", Type: extensions.NewUUIDType(), Nullable: true},
}, nil)

func mixedColumn(name string) *expr.Column {
	i := mixedSchema.FieldIndices(name)[0]
	return &expr.Column{Index: i, Name: name, Typ: mixedSchema.Field(i).Type}
}

var (
	mixedTexts    = []string{"", "a", "B", "b", "zoë", "日本語", "O'Brien", "a\x00b", "Émile"}
	mixedFloats   = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, -1.5, 1e20, 1.5e-7}
	mixedNumerics = []string{"10", "9.5", "-2", "100.01", "0.001", "-0.5", "12345678901234567890.5"}
)

// mixedRows generates n rows with many ties and NULLs in every column but id.
func mixedRows(n int, seed uint64) []mixedRow {
	r := rand.New(rand.NewPCG(seed, 7))
	some := func() bool { return r.IntN(6) != 0 }
	rows := make([]mixedRow, n)
	for k := range rows {
		row := mixedRow{id: int64(k)}
		if some() {
			row.i = ptrTo(int32(r.IntN(20) - 10))
		}
		if some() {
			row.f = ptrTo(mixedFloats[r.IntN(len(mixedFloats))])
		}
		if some() {
			row.s = ptrTo(mixedTexts[r.IntN(len(mixedTexts))] + strings.Repeat("x", r.IntN(3)))
		}
		if some() {
			row.num = ptrTo(mixedNumerics[r.IntN(len(mixedNumerics))])
		}
		if some() {
			row.dec = ptrTo(int64(r.IntN(2000) - 1000))
		}
		if some() {
			row.ts = ptrTo(int64(r.IntN(50)) * 3600e6)
		}
		if some() {
			row.b = ptrTo(r.IntN(2) == 0)
		}
		if some() {
			row.iv = &arrow.MonthDayNanoInterval{Months: int32(r.IntN(3)), Days: int32(r.IntN(61) - 30), Nanoseconds: int64(r.IntN(5)) * 3600e9}
		}
		if some() {
			u := uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(r.IntN(8))})
			row.token = &u
		}
		rows[k] = row
	}
	return rows
}

func ptrTo[T any](v T) *T { return &v }

func appendOr[T any](v *T, appendFn func(T), null func()) {
	if v == nil {
		null()
		return
	}
	appendFn(*v)
}

// mixedBatch builds a batch of rows.
func mixedBatch(rows []mixedRow) arrow.RecordBatch {
	b := array.NewRecordBuilder(memory.DefaultAllocator, mixedSchema)
	defer b.Release()
	f := b.Fields()
	for _, row := range rows {
		f[0].(*array.Int64Builder).Append(row.id)
		appendOr(row.i, f[1].(*array.Int32Builder).Append, f[1].AppendNull)
		appendOr(row.f, f[2].(*array.Float64Builder).Append, f[2].AppendNull)
		appendOr(row.s, f[3].(*array.StringBuilder).Append, f[3].AppendNull)
		num := f[4].(*array.ExtensionBuilder).StorageBuilder().(*array.StringBuilder)
		appendOr(row.num, num.Append, f[4].AppendNull)
		appendOr(row.dec, func(v int64) { f[5].(*array.Decimal128Builder).Append(decimal128.FromI64(v)) }, f[5].AppendNull)
		appendOr(row.ts, func(v int64) { f[6].(*array.TimestampBuilder).Append(arrow.Timestamp(v)) }, f[6].AppendNull)
		appendOr(row.b, f[7].(*array.BooleanBuilder).Append, f[7].AppendNull)
		appendOr(row.iv, f[8].(*array.MonthDayNanoIntervalBuilder).Append, f[8].AppendNull)
		appendOr(row.token, f[9].(*extensions.UUIDBuilder).Append, f[9].AppendNull)
	}
	return b.NewRecordBatch()
}

// mixedInput yields rows in batches of batchRows.
func mixedInput(rows []mixedRow, batchRows int) Operator {
	var batches []arrow.RecordBatch
	for start := 0; start < len(rows); start += batchRows {
		batches = append(batches, mixedBatch(rows[start:min(start+batchRows, len(rows))]))
	}
	if len(batches) == 0 {
		batches = append(batches, mixedBatch(nil))
	}
	return catalog.NewSliceReader(batches...)
}

// queryContext is a query's context with a budget of limit bytes and a
// spill space in a fresh folder.
func queryContext(t *testing.T, limit int64) (context.Context, *Budget, *SpillSpace) {
	budget, space := NewBudget(limit), NewSpillSpace(t.TempDir())
	return WithSpillSpace(WithBudget(context.Background(), budget), space), budget, space
}

// runOperator drains an operator and renders its rows, one string each.
func runOperator(ctx context.Context, op Operator) ([]string, error) {
	defer op.Close()
	var rows []string
	for {
		b, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		for r := 0; r < int(b.NumRows()); r++ {
			var cells []string
			for _, c := range b.Columns() {
				cell := "NULL"
				if c.IsValid(r) {
					cell = types.FormatText(c, r, time.UTC)
				}
				cells = append(cells, cell)
			}
			rows = append(rows, strings.Join(cells, "|"))
		}
		b.Release()
	}
}

// idsOf is the id column (the first) of rendered rows.
func idsOf(rows []string) []string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i], _, _ = strings.Cut(r, "|")
	}
	return ids
}

// expectedIDs orders rows with an ordering written independently of the
// operator's comparators, stably.
func expectedIDs(rows []mixedRow, less func(a, b mixedRow) int) []string {
	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, less)
	ids := make([]string, len(sorted))
	for i, r := range sorted {
		ids[i] = fmt.Sprint(r.id)
	}
	return ids
}

// nullsLast orders two optional values, NULLs after all others.
func nullsLast[T any](a, b *T, order func(x, y T) int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return order(*a, *b)
}

func byText(x, y string) int { return strings.Compare(x, y) }

func byFloat(x, y float64) int {
	switch {
	case math.IsNaN(x) && math.IsNaN(y):
		return 0
	case math.IsNaN(x):
		return 1
	case math.IsNaN(y):
		return -1
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func byInt[T int32 | int64](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// orderings are sort keys with the same order written out by hand.
var orderings = []struct {
	name string
	keys []SortKey
	less func(a, b mixedRow) int
}{
	{"integer, NULLs last", []SortKey{{Expr: mixedColumn("i")}},
		func(a, b mixedRow) int { return nullsLast(a.i, b.i, byInt[int32]) }},
	{"text descending, NULLs first, in byte order", []SortKey{{Expr: mixedColumn("s"), Desc: true, NullsFirst: true}},
		func(a, b mixedRow) int { return -nullsLast(a.s, b.s, byText) }},
	{"float with NaN above infinity, then decimal descending", []SortKey{{Expr: mixedColumn("f")}, {Expr: mixedColumn("dec"), Desc: true}},
		func(a, b mixedRow) int {
			if c := nullsLast(a.f, b.f, byFloat); c != 0 {
				return c
			}
			return nullsLast(a.dec, b.dec, func(x, y int64) int { return byInt(y, x) })
		}},
}

func TestExternalSortMatchesInMemorySort(t *testing.T) {
	rows := mixedRows(5000, 1)
	for _, o := range orderings {
		want := expectedIDs(rows, o.less)
		for _, limit := range []int64{0, 64 << 10, 1} {
			ctx, budget, space := queryContext(t, limit)
			got, err := runOperator(ctx, NewSort(mixedInput(rows, 300), o.keys))
			if err != nil {
				t.Fatalf("%s, limit %d: %v", o.name, limit, err)
			}
			if ids := idsOf(got); !slices.Equal(ids, want) {
				t.Errorf("%s, limit %d: order differs at %d", o.name, limit, firstDifference(ids, want))
			}
			if limit > 0 && space.Written() == 0 {
				t.Errorf("%s, limit %d: the sort did not spill", o.name, limit)
			}
			if limit == 0 && space.Written() != 0 {
				t.Errorf("%s: an unlimited sort spilled", o.name)
			}
			assertReleased(t, budget, space)
		}
	}
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// assertReleased checks that an operator gave back its memory and left no
// file behind.
func assertReleased(t *testing.T, budget *Budget, space *SpillSpace) {
	t.Helper()
	if budget.Used() != 0 {
		t.Errorf("the budget still has %d bytes reserved", budget.Used())
	}
	if err := space.Remove(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(space.root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		files, _ := os.ReadDir(space.root + "/" + e.Name())
		if len(files) > 0 {
			t.Errorf("spill files left behind: %s holds %d", e.Name(), len(files))
		}
	}
}

// TestExternalSortAllTypes sorts by every column type through spilled
// runs and checks that every value survives the round trip to disk.
func TestExternalSortAllTypes(t *testing.T) {
	rows := mixedRows(3000, 2)
	for _, f := range mixedSchema.Fields()[1:] {
		keys := []SortKey{{Expr: mixedColumn(f.Name), NullsFirst: true}, {Expr: mixedColumn("id"), Desc: true}}
		want, err := runOperator(context.Background(), NewSort(mixedInput(rows, 256), keys))
		if err != nil {
			t.Fatal(err)
		}
		ctx, budget, space := queryContext(t, 32<<10)
		got, err := runOperator(ctx, NewSort(mixedInput(rows, 256), keys))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("by %s: the spilled sort differs at row %d", f.Name, firstDifference(got, want))
		}
		if space.Written() == 0 {
			t.Errorf("by %s: nothing spilled", f.Name)
		}
		assertReleased(t, budget, space)
	}
}

func TestSortOrdersIntervalsAndNumericsByValue(t *testing.T) {
	rows := []mixedRow{
		{id: 0, iv: &arrow.MonthDayNanoInterval{Months: 1}, num: ptrTo("10")},
		{id: 1, iv: &arrow.MonthDayNanoInterval{Days: 29, Nanoseconds: 25 * 3600e9}, num: ptrTo("9.5")},
		{id: 2, iv: &arrow.MonthDayNanoInterval{Days: 30}, num: ptrTo("-2")},
		{id: 3, iv: &arrow.MonthDayNanoInterval{Days: 31, Nanoseconds: -2 * 3600e9}, num: ptrTo("100.01")},
	}
	cases := []struct {
		key  string
		want []string
	}{
		// '1 mon' = '30 days' (ties keep input order) < '29 days 25:00' < '31 days -02:00'.
		{"iv", []string{"0", "2", "1", "3"}},
		{"num", []string{"2", "1", "0", "3"}},
	}
	for _, c := range cases {
		got, err := runOperator(context.Background(), NewSort(mixedInput(rows, 2), []SortKey{{Expr: mixedColumn(c.key)}}))
		if err != nil {
			t.Fatal(err)
		}
		if ids := idsOf(got); !slices.Equal(ids, c.want) {
			t.Errorf("by %s: %v, want %v", c.key, ids, c.want)
		}
	}
}

// TestSortMergesManyRuns spills every batch as a run of its own, more runs
// than one merge takes, so that runs are first merged into longer ones.
func TestSortMergesManyRuns(t *testing.T) {
	rows := mixedRows(maxMergeFanIn*3*50, 3)
	keys := []SortKey{{Expr: mixedColumn("s")}, {Expr: mixedColumn("i"), Desc: true}}
	want, err := runOperator(context.Background(), NewSort(mixedInput(rows, 50), keys))
	if err != nil {
		t.Fatal(err)
	}
	ctx, budget, space := queryContext(t, 1)
	got, err := runOperator(ctx, NewSort(mixedInput(rows, 50), keys))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("merged runs differ at row %d", firstDifference(got, want))
	}
	assertReleased(t, budget, space)
}

// TestSortCleansUpOnCancel cancels a sort that has spilled, mid-output.
func TestSortCleansUpOnCancel(t *testing.T) {
	rows := mixedRows(4000, 4)
	ctx, budget, space := queryContext(t, 16<<10)
	ctx, cancel := context.WithCancel(ctx)
	op := NewSort(mixedInput(rows, 100), []SortKey{{Expr: mixedColumn("f")}})
	b, err := op.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	if space.folder() == "" || space.Written() == 0 {
		t.Fatal("the sort did not spill")
	}
	cancel()
	if _, err := op.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Next after cancel: %v", err)
	}
	op.Close()
	files, _ := os.ReadDir(space.folder())
	if len(files) != 0 {
		t.Errorf("%d spill files left after Close", len(files))
	}
	assertReleased(t, budget, space)
}

// TestSortWithoutSpillSpaceRemovesItsOwn checks that a sort run without a
// query's spill space cleans up the folder it made for itself.
func TestSortWithoutSpillSpaceRemovesItsOwn(t *testing.T) {
	ctx := WithBudget(context.Background(), NewBudget(1))
	op := NewSort(mixedInput(mixedRows(500, 5), 100), []SortKey{{Expr: mixedColumn("i")}})
	b, err := op.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	dir := op.space.folder()
	if dir == "" {
		t.Fatal("the sort did not spill")
	}
	if _, err := runOperator(ctx, op); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the sort's own spill folder %s is left: %v", dir, err)
	}
}

func TestTopN(t *testing.T) {
	rows := mixedRows(3000, 6)
	for _, o := range orderings[:1] {
		all := expectedIDs(rows, o.less)
		for _, c := range []struct{ offset, count int64 }{{0, 1}, {0, 10}, {5, 20}, {0, 3000}, {2990, 100}, {0, 0}, {4000, 5}} {
			want := all[min(c.offset, int64(len(all))):min(c.offset+c.count, int64(len(all)))]
			ctx, budget, space := queryContext(t, 0)
			got, err := runOperator(ctx, NewTopN(mixedInput(rows, 128), o.keys, c.offset, c.count))
			if err != nil {
				t.Fatal(err)
			}
			if ids := idsOf(got); !slices.Equal(ids, want) {
				t.Errorf("%s offset %d count %d: %v, want %v", o.name, c.offset, c.count, head(ids), head(want))
			}
			assertReleased(t, budget, space)
		}
	}
}

func head(ids []string) []string { return ids[:min(len(ids), 12)] }

// TestTopNHoldsOnlyItsRows checks that TopN's reservation stays near the
// size of the rows it keeps while it reads many more.
func TestTopNHoldsOnlyItsRows(t *testing.T) {
	rows := mixedRows(20000, 7)
	budget := NewBudget(0)
	ctx := WithBudget(context.Background(), budget)
	op := NewTopN(mixedInput(rows, 1000), []SortKey{{Expr: mixedColumn("f")}, {Expr: mixedColumn("id")}}, 0, 10)
	defer op.Close()
	if err := op.consume(ctx); err != nil {
		t.Fatal(err)
	}
	if op.kept.NumRows() != 10 {
		t.Errorf("kept %d rows", op.kept.NumRows())
	}
	// Ten rows of ten columns and two keys: well under 4kB, whatever the input.
	if held := op.mem.Held(); held == 0 || held > 4<<10 {
		t.Errorf("TopN holds %d bytes for 10 rows", held)
	}
}

// TestTopNBecomesASortPastTheBudget keeps more rows than the budget
// holds: the TopN goes on as a spilling sort and returns the same rows.
func TestTopNBecomesASortPastTheBudget(t *testing.T) {
	rows := mixedRows(2000, 8)
	keys := []SortKey{{Expr: mixedColumn("i")}}
	want := expectedIDs(rows, orderings[0].less)[100:1100]
	ctx, budget, space := queryContext(t, 4<<10)
	got, err := runOperator(ctx, NewTopN(mixedInput(rows, 500), keys, 100, 1000))
	if err != nil {
		t.Fatal(err)
	}
	if ids := idsOf(got); !slices.Equal(ids, want) {
		t.Errorf("%v, want %v", head(ids), head(want))
	}
	if space.Written() == 0 {
		t.Error("the TopN did not spill")
	}
	assertReleased(t, budget, space)
}
