package parquet

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
)

var (
	_ catalog.TableCreator = (*Plugin)(nil)
	_ catalog.TableDropper = (*Plugin)(nil)
)

// viewSuffix ends the name of a view's file, as in Drill.
const viewSuffix = ".view.drill"

// CreateTable implements catalog.TableCreator: the table is written, as
// Drill lays it out, into a hidden temporary folder beside its name
// (.name.tmp-<random>, which listings skip) and renamed to name on Commit.
func (p *Plugin) CreateTable(ctx context.Context, schema, name string, spec catalog.WriteSpec) (catalog.TableWriter, error) {
	wfs, target, err := p.writeTarget(schema, name)
	if err != nil {
		return nil, err
	}
	format, err := outputFormatOf(spec.Options)
	if err != nil {
		return nil, err
	}
	if err := checkSpec(spec); err != nil {
		return nil, err
	}
	if err := p.checkFree(ctx, target); err != nil {
		return nil, err
	}
	tmp, err := hiddenSibling(target, "tmp")
	if err != nil {
		return nil, err
	}
	return newTableWriter(wfs, tmp, target, spec, format), nil
}

// checkSpec fails on a spec without columns or with a partition column
// that is not one of them.
func checkSpec(spec catalog.WriteSpec) error {
	if spec.Columns == nil || spec.Columns.NumFields() == 0 {
		return errors.New("a table needs at least one column")
	}
	for _, i := range spec.PartitionBy {
		if i < 0 || i >= spec.Columns.NumFields() {
			return fmt.Errorf("partition column %d is not one of the table's %d columns", i, spec.Columns.NumFields())
		}
	}
	return nil
}

// writeTarget is the writable file system and the full path of name in a
// writable workspace.
func (p *Plugin) writeTarget(schema, name string) (writableFS, string, error) {
	ws, err := p.workspace(schema)
	if err != nil {
		return nil, "", err
	}
	wfs, ok := p.fs.(writableFS)
	if !ws.Writable || !ok {
		return nil, "", &sqlstate.Error{Code: sqlstate.InsufficientPrivilege, Cause: catalog.ErrNotWritable,
			Message: fmt.Sprintf("Unable to create or drop objects. Schema [%s.%s] is immutable.", p.name, schema)}
	}
	clean := strings.Trim(path.Clean("/"+name), "/")
	if clean == "" || hidden(path.Base(clean)) {
		return nil, "", &sqlstate.Error{Code: sqlstate.InvalidParameterValue,
			Message: fmt.Sprintf("invalid table name %q: it must not be empty or start with . or _", name)}
	}
	return wfs, path.Join(rootOf(ws), clean), nil
}

// checkFree fails with ErrTableExists when a file, folder or view has the
// name target.
func (p *Plugin) checkFree(ctx context.Context, target string) error {
	for _, candidate := range []string{target, target + viewSuffix} {
		_, err := p.fs.Stat(ctx, candidate)
		if err == nil {
			return &sqlstate.Error{Code: sqlstate.DuplicateTable, Cause: catalog.ErrTableExists,
				Message: fmt.Sprintf("A table or view with given name [%s] already exists", path.Base(target))}
		}
		if !notFound(err) {
			return catalog.Classify(fmt.Errorf("plugin %q: %s: %w", p.name, candidate, err))
		}
	}
	return nil
}

// hiddenSibling is a fresh hidden name beside p: .base.kind-<random>.
func hiddenSibling(p, kind string) (string, error) {
	var random [8]byte
	if _, err := rand.Read(random[:]); err != nil {
		return "", err
	}
	return path.Join(path.Dir(p), "."+path.Base(p)+"."+kind+"-"+hex.EncodeToString(random[:])), nil
}

// DropTable implements catalog.TableDropper: a folder table or a single
// file, renamed to a hidden name first so that it disappears at once, then
// removed. A view's name is not a table's: dropping it yields an error
// wrapping ErrTableNotFound that says to use DROP VIEW.
func (p *Plugin) DropTable(ctx context.Context, schema, name string) error {
	wfs, target, err := p.writeTarget(schema, name)
	if err != nil {
		return err
	}
	if _, err := p.fs.Stat(ctx, target); err != nil {
		if !notFound(err) {
			return catalog.Classify(fmt.Errorf("plugin %q: %s: %w", p.name, target, err))
		}
		if _, verr := p.fs.Stat(ctx, target+viewSuffix); verr == nil {
			return &sqlstate.Error{Code: sqlstate.UndefinedTable, Cause: catalog.ErrTableNotFound,
				Message: fmt.Sprintf("[%s] is a view, not a table: use DROP VIEW", name)}
		}
		return &sqlstate.Error{Code: sqlstate.UndefinedTable, Cause: catalog.ErrTableNotFound,
			Message: fmt.Sprintf("Table [%s] not found", name)}
	}
	return removeHidden(ctx, wfs, target)
}

// removeHidden renames p to a hidden name and removes it there.
func removeHidden(ctx context.Context, wfs writableFS, p string) error {
	trash, err := hiddenSibling(p, "drop")
	if err != nil {
		return err
	}
	if err := wfs.Rename(ctx, p, trash); err != nil {
		return fmt.Errorf("drop %s: %w", p, err)
	}
	if err := wfs.RemoveAll(ctx, trash); err != nil {
		return fmt.Errorf("drop %s: remove %s: %w", p, trash, err)
	}
	return nil
}

// errWriterDone is a Write or Commit after Commit or Abort.
var errWriterDone = errors.New("table writer already committed or aborted")

// sameTypes tells whether two schemas have the same column types.
func sameTypes(a, b *arrow.Schema) bool {
	if a.NumFields() != b.NumFields() {
		return false
	}
	for i := range a.Fields() {
		if !arrow.TypeEqual(a.Field(i).Type, b.Field(i).Type) {
			return false
		}
	}
	return true
}
