package engine

import (
	"context"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// errInFailedBlock refuses a statement in a transaction block that an
// error has aborted.
var errInFailedBlock = sqlstate.New(sqlstate.InFailedSQLTransaction,
	"current transaction is aborted, commands ignored until end of transaction block")

// TransactionStatus is the session's state as ReadyForQuery reports it:
// 'I' idle, 'T' in a transaction block, 'E' in a failed one.
func (s *Session) TransactionStatus() byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.settings.tx == nil:
		return 'I'
	case s.settings.tx.failed:
		return 'E'
	}
	return 'T'
}

// Failed tells the session that a statement failed: an open transaction
// block is aborted until its end.
func (s *Session) Failed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.settings.tx != nil {
		s.settings.tx.failed = true
	}
}

func (s *Session) inFailedBlock() bool { return s.TransactionStatus() == 'E' }

// transactionTags are the command tags of the transaction statements.
var transactionTags = map[sql.TransactionKind]string{sql.Begin: "BEGIN", sql.Commit: "COMMIT", sql.Rollback: "ROLLBACK",
	sql.Savepoint: "SAVEPOINT", sql.Release: "RELEASE", sql.RollbackTo: "ROLLBACK"}

// planTransaction plans BEGIN, COMMIT, ROLLBACK and the savepoint
// statements. Auger serves reads, so a block only scopes settings.
func (p *planning) planTransaction(t *sql.Transaction) (*Statement, error) {
	tag := transactionTags[t.Kind]
	if t.Kind == sql.Begin && strings.HasPrefix(strings.ToUpper(strings.TrimSpace(t.Text())), "START") {
		tag = "START TRANSACTION"
	}
	var options []optionValue
	if t.Kind == sql.Begin {
		var err error
		if options, err = p.transactionOptions(t.Options); err != nil {
			return nil, err
		}
	}
	session := p.session
	st := &Statement{Text: t.Text(), Tag: tag, txControl: true}
	st.run = func(context.Context, []scalar.Scalar) (exec.Operator, error) {
		session.mu.Lock()
		defer session.mu.Unlock()
		var err error
		st.Tag, err = session.settings.transact(t, tag, options)
		if err != nil {
			return nil, err
		}
		return rowsOperator(arrow.NewSchema(nil, nil), nil)
	}
	return st, nil
}

// optionValue is a checked transaction mode.
type optionValue struct {
	def   *settingDef
	value settingValue
}

// transactionOptions checks the modes of BEGIN or SET TRANSACTION;
// prefix is "default_" for SET SESSION CHARACTERISTICS.
func (p *planning) transactionOptions(opts []sql.SetOption, prefix ...string) ([]optionValue, error) {
	var out []optionValue
	for _, o := range opts {
		d, err := p.session.definition(strings.Join(prefix, "")+o.Name, false)
		if err != nil {
			return nil, err
		}
		v, err := p.session.check(d, o.Value)
		if err != nil {
			return nil, err
		}
		out = append(out, optionValue{def: d, value: v})
	}
	return out, nil
}

// transact runs a transaction statement and returns its command tag.
func (ss *sessionSettings) transact(t *sql.Transaction, tag string, options []optionValue) (string, error) {
	noBlock := func(what string) error {
		return sqlstate.New(sqlstate.NoActiveSQLTransaction, "%s can only be used in transaction blocks", what)
	}
	switch t.Kind {
	case sql.Begin:
		if ss.tx != nil {
			ss.notify("WARNING", sqlstate.New(sqlstate.ActiveSQLTransaction, "there is already a transaction in progress"))
		} else {
			ss.begin()
		}
		for _, o := range options {
			ss.set(o.def, o.value, true)
		}
	case sql.Commit, sql.Rollback:
		return ss.finish(t, tag)
	case sql.Savepoint, sql.Release, sql.RollbackTo:
		what := map[sql.TransactionKind]string{sql.Savepoint: "SAVEPOINT", sql.Release: "RELEASE SAVEPOINT",
			sql.RollbackTo: "ROLLBACK TO SAVEPOINT"}[t.Kind]
		if ss.tx == nil {
			return tag, noBlock(what)
		}
		if ss.tx.failed && t.Kind != sql.RollbackTo {
			return tag, errInFailedBlock
		}
		return tag, ss.savepointStatement(t)
	}
	return tag, nil
}

// finish ends a block with COMMIT or ROLLBACK (AND CHAIN opens the next).
func (ss *sessionSettings) finish(t *sql.Transaction, tag string) (string, error) {
	if ss.tx == nil {
		if t.Chain {
			return tag, sqlstate.New(sqlstate.NoActiveSQLTransaction, "%s AND CHAIN can only be used in transaction blocks", tag)
		}
		ss.notify("WARNING", sqlstate.New(sqlstate.NoActiveSQLTransaction, "there is no transaction in progress"))
		return tag, nil
	}
	if ss.tx.failed {
		tag = "ROLLBACK"
	}
	ss.end(t.Kind == sql.Commit)
	if t.Chain {
		ss.begin()
	}
	return tag, nil
}

func (ss *sessionSettings) savepointStatement(t *sql.Transaction) error {
	if t.Kind == sql.Savepoint {
		ss.savepoint(t.Savepoint)
		return nil
	}
	i := ss.findSavepoint(t.Savepoint)
	if i < 0 {
		return sqlstate.New(sqlstate.InvalidSavepointSpecification, "savepoint %q does not exist", t.Savepoint)
	}
	if t.Kind == sql.Release {
		ss.tx.savepoints = ss.tx.savepoints[:i]
		return nil
	}
	ss.rollbackTo(i)
	return nil
}

// planSetTransaction plans SET TRANSACTION (the open block's modes) and
// SET SESSION CHARACTERISTICS AS TRANSACTION (the session's defaults).
func (p *planning) planSetTransaction(s *sql.SetTransaction) (*Statement, error) {
	prefix := ""
	if s.Session {
		prefix = "default_"
	}
	options, err := p.transactionOptions(s.Options, prefix)
	if err != nil {
		return nil, err
	}
	return p.settingStatement(s.Text(), "SET", func(ss *sessionSettings) {
		if !s.Session && ss.tx == nil {
			ss.notify("WARNING", sqlstate.New(sqlstate.NoActiveSQLTransaction, "SET TRANSACTION can only be used in transaction blocks"))
			return
		}
		for _, o := range options {
			ss.set(o.def, o.value, !s.Session)
		}
	}), nil
}

// planDiscard plans DISCARD: ALL resets every setting; Auger keeps no
// plans, sequences or temporary tables to drop.
func (p *planning) planDiscard(d *sql.Discard) (*Statement, error) {
	st := p.settingStatement(d.Text(), "DISCARD "+d.Target, func(ss *sessionSettings) {
		if d.Target == "ALL" {
			ss.resetAll()
		}
	})
	if d.Target != "ALL" {
		return st, nil
	}
	run, session := st.run, p.session
	st.run = func(ctx context.Context, params []scalar.Scalar) (exec.Operator, error) {
		if session.TransactionStatus() != 'I' {
			return nil, sqlstate.New(sqlstate.ActiveSQLTransaction, "DISCARD ALL cannot run inside a transaction block")
		}
		return run(ctx, params)
	}
	return st, nil
}
