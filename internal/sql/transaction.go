package sql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/sqlstate"
)

// TransactionKind is what a transaction statement does.
type TransactionKind int

// The transaction statements.
const (
	Begin      TransactionKind = iota // BEGIN, START TRANSACTION
	Commit                            // COMMIT, END
	Rollback                          // ROLLBACK, ABORT
	Savepoint                         // SAVEPOINT name
	Release                           // RELEASE [SAVEPOINT] name
	RollbackTo                        // ROLLBACK TO [SAVEPOINT] name
)

// Transaction is a statement of transaction control. Auger serves reads
// only, so a transaction block changes no data; it scopes SET LOCAL and
// the settings a ROLLBACK undoes.
type Transaction struct {
	base
	Kind      TransactionKind
	Savepoint string // the savepoint's name, for Savepoint, Release and RollbackTo
	// Options are the transaction modes of BEGIN, by setting name
	// (transaction_isolation, transaction_read_only,
	// transaction_deferrable), their values as written.
	Options []SetOption
	Chain   bool // COMMIT AND CHAIN, ROLLBACK AND CHAIN
}

// SetOption is one transaction mode: a setting and its value.
type SetOption struct {
	Name  string
	Value string
}

var transactionKinds = map[pg.TransactionStmtKind]TransactionKind{
	pg.TransactionStmtKind_TRANS_STMT_BEGIN:       Begin,
	pg.TransactionStmtKind_TRANS_STMT_START:       Begin,
	pg.TransactionStmtKind_TRANS_STMT_COMMIT:      Commit,
	pg.TransactionStmtKind_TRANS_STMT_ROLLBACK:    Rollback,
	pg.TransactionStmtKind_TRANS_STMT_SAVEPOINT:   Savepoint,
	pg.TransactionStmtKind_TRANS_STMT_RELEASE:     Release,
	pg.TransactionStmtKind_TRANS_STMT_ROLLBACK_TO: RollbackTo,
}

func transformTransaction(text string, s *pg.TransactionStmt) (Statement, error) {
	kind, ok := transactionKinds[s.Kind]
	if !ok {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "%s is not supported",
			strings.ReplaceAll(strings.TrimPrefix(s.Kind.String(), "TRANS_STMT_"), "_", " "))
	}
	return &Transaction{base: base{text: text}, Kind: kind, Savepoint: s.SavepointName,
		Options: transactionOptions(s.Options), Chain: s.Chain}, nil
}

// transactionOptions reads the transaction modes of BEGIN or SET
// TRANSACTION.
func transactionOptions(nodes []*pg.Node) []SetOption {
	var out []SetOption
	for _, n := range nodes {
		d := n.GetDefElem()
		if d == nil {
			continue
		}
		value := ""
		if c := d.Arg.GetAConst(); c != nil {
			value = transformConst(c).Value
		}
		out = append(out, SetOption{Name: d.Defname, Value: value})
	}
	return out
}

// SetTransaction is `SET TRANSACTION modes` (for the current transaction)
// or `SET SESSION CHARACTERISTICS AS TRANSACTION modes` (the session's
// defaults).
type SetTransaction struct {
	base
	Session bool
	Options []SetOption
}

func transformSetTransaction(text string, s *pg.VariableSetStmt) (Statement, error) {
	switch s.Name {
	case "TRANSACTION":
		return &SetTransaction{base: base{text: text}, Options: transactionOptions(s.Args)}, nil
	case "SESSION CHARACTERISTICS":
		return &SetTransaction{base: base{text: text}, Session: true, Options: transactionOptions(s.Args)}, nil
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "SET %s is not supported", s.Name)
}

// Discard is `DISCARD ALL | PLANS | SEQUENCES | TEMP`: DISCARD ALL resets
// the session's settings, the others have nothing to drop.
type Discard struct {
	base
	Target string // "ALL", "PLANS", "SEQUENCES" or "TEMP"
}

func transformDiscard(text string, d *pg.DiscardStmt) (Statement, error) {
	return &Discard{base: base{text: text}, Target: strings.TrimPrefix(d.Target.String(), "DISCARD_")}, nil
}
