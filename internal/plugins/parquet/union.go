package parquet

import (
	"context"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// footerReaders bounds how many footers a folder's table reads at once.
const footerReaders = 8

// fileSchemas reads the schema of every file but the first (whose open
// file is given), footerReaders at a time, through the footer cache.
func (t *table) fileSchemas(ctx context.Context, first *parquetFile) ([]*arrow.Schema, error) {
	schemas := make([]*arrow.Schema, len(t.files))
	errs := make([]error, len(t.files))
	schemas[0] = first.schema
	sem := make(chan struct{}, footerReaders)
	var wg sync.WaitGroup
	for i := 1; i < len(t.files); i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			pf, err := t.open(ctx, t.files[i], &scanStats{}, batchRows)
			if err != nil {
				errs[i] = err
				return
			}
			schemas[i] = pf.schema
			pf.release()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return schemas, nil
}

// unionSchema is the schema a table of files with differing schemas is
// read with, as DuckDB's union_by_name does: every column of every file,
// by name, in first-seen order; a column a file lacks reads as NULL
// there. A column's types in different files must be equal or widen
// (see widen); any other pair is error 42804 naming the column and both
// files.
func unionSchema(schemas []*arrow.Schema, files []FileInfo) (*arrow.Schema, error) {
	var fields []arrow.Field
	seenIn := map[string]int{} // field position by name
	firstFile := map[string]string{}
	for i, s := range schemas {
		for _, f := range s.Fields() {
			at, ok := seenIn[f.Name]
			if !ok {
				seenIn[f.Name] = len(fields)
				firstFile[f.Name] = files[i].Path
				f.Nullable = f.Nullable || i > 0
				fields = append(fields, f)
				continue
			}
			wide, ok := widen(fields[at].Type, f.Type)
			if !ok {
				return nil, sqlstate.New(sqlstate.DatatypeMismatch, "column %q is %s in %s but %s in %s",
					f.Name, fields[at].Type, firstFile[f.Name], f.Type, files[i].Path)
			}
			fields[at].Type = wide
			fields[at].Nullable = fields[at].Nullable || f.Nullable
		}
	}
	for name, at := range seenIn {
		if !inAll(schemas, name) {
			fields[at].Nullable = true
		}
	}
	return arrow.NewSchema(fields, nil), nil
}

func inAll(schemas []*arrow.Schema, name string) bool {
	for _, s := range schemas {
		if len(s.FieldIndices(name)) == 0 {
			return false
		}
	}
	return true
}

// integerRanks orders the signed integers by width.
var integerRanks = map[arrow.Type]int{arrow.INT8: 1, arrow.INT16: 2, arrow.INT32: 3, arrow.INT64: 4}

// widen is the type two files' types of one column read as: equal types
// stay; signed integers widen to the wider; float32 and float64 make
// float64, and so does an integer with a float (as DuckDB and Drill's
// union of number types do). Other pairs do not mix.
func widen(a, b arrow.DataType) (arrow.DataType, bool) {
	if arrow.TypeEqual(a, b) {
		return a, true
	}
	ra, aInt := integerRanks[a.ID()]
	rb, bInt := integerRanks[b.ID()]
	aFloat := a.ID() == arrow.FLOAT32 || a.ID() == arrow.FLOAT64
	bFloat := b.ID() == arrow.FLOAT32 || b.ID() == arrow.FLOAT64
	switch {
	case aInt && bInt && ra >= rb:
		return a, true
	case aInt && bInt:
		return b, true
	case (aInt || aFloat) && (bInt || bFloat):
		return arrow.PrimitiveTypes.Float64, true
	}
	return nil, false
}

// fileIndex is a table column's index in one file; -1 when the file
// lacks it.
func fileIndex(table, file *arrow.Schema, column int) int {
	if file == table {
		return column
	}
	i := file.FieldIndices(table.Field(column).Name)
	if len(i) == 0 {
		return -1
	}
	return i[0]
}

// fileFilters are a scan's filters over one file's columns, for its
// row-group pruning: filters reading a column the file lacks or holds in
// a narrower type are left out (pruning is conservative).
func (t *table) fileFilters(pf *parquetFile, filters []expr.Expr) []expr.Expr {
	if pf.schema == t.schema || sameColumns(pf.schema, t.schema) {
		return filters
	}
	var out []expr.Expr
	for _, f := range filters {
		ok := true
		mapped := expr.Rewrite(f, func(n expr.Expr) (expr.Expr, bool) {
			c, isCol := n.(*expr.Column)
			if !isCol {
				return nil, false
			}
			i := fileIndex(t.schema, pf.schema, c.Index)
			if i < 0 || !arrow.TypeEqual(pf.schema.Field(i).Type, t.schema.Field(c.Index).Type) {
				ok = false
				return c, true
			}
			return &expr.Column{Index: i, Name: c.Name, Typ: c.Typ}, true
		})
		if ok {
			out = append(out, mapped)
		}
	}
	return out
}

// fileColumn is a table column of one batch of a file: the file's column
// in the table's type, or NULLs when the file lacks it.
func fileColumn(ctx context.Context, col arrow.Array, fileType, tableType arrow.DataType, rows int64) (arrow.Array, error) {
	if col == nil {
		return array.MakeArrayOfNull(memory.DefaultAllocator, tableType, int(rows)), nil
	}
	logical := asLogical(col, fileType)
	if arrow.TypeEqual(fileType, tableType) {
		return logical, nil
	}
	defer logical.Release()
	return compute.CastArray(ctx, logical, compute.SafeCastOptions(tableType))
}
