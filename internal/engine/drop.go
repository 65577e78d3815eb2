package engine

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// planDrop plans DROP TABLE (DROP VIEW is planDropView's).
func (p *planning) planDrop(ctx context.Context, d *sql.Drop) (*Statement, error) {
	if d.View {
		return p.planDropView(ctx, d)
	}
	targets := make([]writeTarget, len(d.Names))
	for i, n := range d.Names {
		t, err := p.resolveTarget(ctx, n)
		if err != nil {
			return nil, err
		}
		targets[i] = t
	}
	session := p.session
	return &Statement{Text: d.Text(), Tag: "DROP TABLE",
		run: func(ctx context.Context, _ []scalar.Scalar) (exec.Operator, error) {
			return emptyOrError(dropTables(ctx, session, targets, d.IfExists))
		}}, nil
}

// dropTables checks every table is there before it drops any, as
// PostgreSQL does; with IF EXISTS a missing one is a NOTICE.
func dropTables(ctx context.Context, session *Session, targets []writeTarget, ifExists bool) error {
	var present []writeTarget
	for _, t := range targets {
		table, err := t.lookup(ctx, session.engine.Catalog)
		if err != nil {
			return err
		}
		if table == nil {
			missing := sqlstate.New(sqlstate.UndefinedTable, "table %q does not exist", t.name)
			if !ifExists {
				return missing
			}
			session.notice(sqlstate.New(missing.Code, "%s, skipping", missing.Message))
			continue
		}
		if _, isView := table.(catalog.View); isView {
			return sqlstate.New(sqlstate.WrongObjectType, "%q is not a table", t.name).WithHint("Use DROP VIEW to remove a view.")
		}
		present = append(present, t)
	}
	for _, t := range present {
		dropper, ok := t.plugin.(catalog.TableDropper)
		if !ok {
			return t.immutable()
		}
		if err := dropper.DropTable(ctx, t.schema.Sub, t.name); err != nil {
			return t.writeError(err)
		}
	}
	return nil
}

// emptyOrError is the empty result of a statement that succeeded, or its error.
func emptyOrError(err error) (exec.Operator, error) {
	if err != nil {
		return nil, err
	}
	return noRows()
}
