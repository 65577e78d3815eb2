package parquet

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
)

// Drill's implicit columns of a file table, all VARCHAR: fqn is the file's
// full path, filepath its folder, filename its name, suffix what follows
// the name's last dot; dir0, dir1, ... are the folders between the table's
// root (the folder named, or a glob's part before its first wildcard) and
// the file, NULL where a file is not that deep.
const (
	implicitFQN      = "fqn"
	implicitFilepath = "filepath"
	implicitFilename = "filename"
	implicitSuffix   = "suffix"
	dirPrefix        = "dir"
)

var (
	_ catalog.ImplicitColumner = (*table)(nil)
	_ catalog.ImplicitColumner = (*textTable)(nil)
)

// fileSet is the files a table reads, with the folder their dirN start
// below: what the implicit columns come from.
type fileSet struct {
	root     string // the folder dir0, dir1, ... start below
	files    []FileInfo
	implicit []arrow.Field // see ImplicitColumns
}

func newFileSet(root string, files []FileInfo) fileSet {
	s := fileSet{root: root, files: files}
	s.implicit = s.implicitFields()
	return s
}

// ImplicitColumns implements catalog.ImplicitColumner.
func (t *fileSet) ImplicitColumns() []arrow.Field { return t.implicit }

// implicitFields are fqn, filepath, filename, suffix, then dir0 up to the
// deepest file's folder count (at least dir0).
func (t *fileSet) implicitFields() []arrow.Field {
	names := []string{implicitFQN, implicitFilepath, implicitFilename, implicitSuffix}
	depth := 1
	for _, f := range t.files {
		depth = max(depth, len(t.folders(f.Path)))
	}
	for i := range depth {
		names = append(names, fmt.Sprintf("%s%d", dirPrefix, i))
	}
	fields := make([]arrow.Field, len(names))
	for i, n := range names {
		fields[i] = arrow.Field{Name: n, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	return fields
}

// folders are the folder names between the table's root and a file.
func (t *fileSet) folders(file string) []string {
	rel := strings.TrimPrefix(path.Dir(file), t.root)
	rel = strings.Trim(rel, "/")
	if rel == "" || path.Dir(file) == t.root {
		return nil
	}
	return strings.Split(rel, "/")
}

// implicitValues are a file's values of the implicit columns, in
// ImplicitColumns order; nil stands for NULL.
func (t *fileSet) implicitValues(file string, count int) []*string {
	base := path.Base(file)
	suffix := ""
	if dot := strings.LastIndexByte(base, '.'); dot >= 0 {
		suffix = base[dot+1:]
	}
	dir := path.Dir(file)
	values := []*string{&file, &dir, &base, &suffix}
	folders := t.folders(file)
	for i := 0; len(values) < count; i++ {
		values = append(values, folderValue(folders, i))
	}
	return values
}

// folderValue is dirN of a file: the name of its i-th folder, read back as
// the partition value a PARTITION BY wrote it for (NULL for the NULL
// partition, %XX escapes decoded); NULL when the file is not that deep.
func folderValue(folders []string, i int) *string {
	if i >= len(folders) {
		return nil
	}
	v, ok := partitionValue(folders[i])
	if !ok {
		return nil
	}
	return &v
}

// constantColumn is a string column of n copies of a value (NULLs for nil).
func constantColumn(v *string, n int64) arrow.Array {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.Reserve(int(n))
	for range n {
		if v == nil {
			b.AppendNull()
		} else {
			b.Append(*v)
		}
	}
	return b.NewArray()
}

// implicitOnly tells whether a filter reads implicit columns only, in a
// shape the scan can answer exactly per file: comparisons, IN, LIKE, IS
// NULL, casts and NOT/AND/OR of these over the columns and constants.
func implicitOnly(e expr.Expr, width int) bool {
	ok, reads := true, false
	expr.Walk(e, func(n expr.Expr) {
		switch c := n.(type) {
		case *expr.Column:
			reads = true
			ok = ok && c.Index >= width
		case *expr.Literal, *expr.Param, *expr.Compare, *expr.InList, *expr.Like, *expr.IsNull,
			*expr.Cast, *expr.Not, *expr.And, *expr.Or:
		default:
			ok = false
		}
	})
	return ok && reads
}

// pathFilters splits a scan's filters into those over implicit columns
// (past the width columns of the files) and the others.
func pathFilters(filters []expr.Expr, width int) (byPath, others []expr.Expr) {
	for _, f := range filters {
		if implicitOnly(f, width) {
			byPath = append(byPath, f)
		} else {
			others = append(others, f)
		}
	}
	return byPath, others
}

// selectFiles keeps the files whose implicit values pass every filter
// (over implicit columns numbered from width); it opens no file.
func (t *fileSet) selectFiles(ctx context.Context, filters []expr.Expr, width int) ([]FileInfo, error) {
	if len(filters) == 0 {
		return t.files, nil
	}
	fields := t.implicit
	shifted := make([]expr.Expr, len(filters))
	for i, f := range filters {
		shifted[i] = shiftColumns(f, width)
	}
	var kept []FileInfo
	for _, info := range t.files {
		ok, err := passes(ctx, shifted, fields, t.implicitValues(info.Path, len(fields)))
		if err != nil {
			return nil, fmt.Errorf("filter %s by path: %w", info.Path, err)
		}
		if ok {
			kept = append(kept, info)
		}
	}
	return kept, nil
}

// shiftColumns makes a filter's implicit column indexes start at 0.
func shiftColumns(e expr.Expr, width int) expr.Expr {
	return expr.Rewrite(e, func(n expr.Expr) (expr.Expr, bool) {
		c, ok := n.(*expr.Column)
		if !ok {
			return nil, false
		}
		return &expr.Column{Index: c.Index - width, Name: c.Name, Typ: c.Typ}, true
	})
}

// passes evaluates filters over one row of implicit values: true when
// every one is true (NULL fails, as in WHERE).
func passes(ctx context.Context, filters []expr.Expr, fields []arrow.Field, values []*string) (bool, error) {
	cols := make([]arrow.Array, len(fields))
	for i, v := range values {
		cols[i] = constantColumn(v, 1)
	}
	row := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, 1)
	defer row.Release()
	releaseAll(cols)
	for _, f := range filters {
		ok, err := trueOnRow(ctx, f, row)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func trueOnRow(ctx context.Context, f expr.Expr, row arrow.RecordBatch) (bool, error) {
	d, err := exec.Eval(ctx, f, row)
	if err != nil {
		return false, err
	}
	defer d.Release()
	switch v := d.(type) {
	case *compute.ArrayDatum:
		a := v.MakeArray()
		defer a.Release()
		b, ok := a.(*array.Boolean)
		return ok && b.IsValid(0) && b.Value(0), nil
	case *compute.ScalarDatum:
		b, ok := v.Value.(*scalar.Boolean)
		return ok && b.Valid && b.Value, nil
	}
	return false, fmt.Errorf("filter %s is not a boolean", f)
}

// pathPruning is the EXPLAIN line of the files path filters skipped.
func pathPruning(kept, total int, filters []expr.Expr) string {
	names := map[string]bool{}
	var cols []string
	for _, f := range filters {
		expr.Walk(f, func(n expr.Expr) {
			if c, ok := n.(*expr.Column); ok && !names[c.Name] {
				names[c.Name] = true
				cols = append(cols, c.Name)
			}
		})
	}
	return fmt.Sprintf("files pruned by path: %d of %d (%s)", total-kept, total, strings.Join(cols, ", "))
}
