package exec

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
)

// ObjectChecker finds the objects the privilege functions name, as the
// session resolves them, and its roles.
type ObjectChecker interface {
	// CheckObject fails with PostgreSQL's error when the object does
	// not exist: kind is table, column (name is the table), schema,
	// database, function or role.
	CheckObject(kind, name, column string) error
}

// privilegeKinds are the privileges each kind of object has, and whether
// Auger, which only reads, grants them.
var privilegeKinds = map[string]map[string]bool{
	"table":    {"select": true, "insert": false, "update": false, "delete": false, "truncate": false, "references": false, "trigger": false},
	"column":   {"select": true, "insert": false, "update": false, "references": false},
	"schema":   {"usage": true, "create": false},
	"database": {"connect": true, "create": false, "temporary": false, "temp": false},
	"function": {"execute": true},
}

// privilegeFunctions are has_table_privilege and its kin, in the forms
// that name the user and those that mean the current user, with objects
// named by text.
var privilegeFunctions = concatLists(
	privilegeOverloads("has_table_privilege", "table", false),
	privilegeOverloads("has_any_column_privilege", "column", false),
	privilegeOverloads("has_column_privilege", "column", true),
	privilegeOverloads("has_schema_privilege", "schema", false),
	privilegeOverloads("has_database_privilege", "database", false),
	privilegeOverloads("has_function_privilege", "function", false),
)

func privilegeOverloads(name, kind string, column bool) []*Overload {
	object := []SQLType{tText}
	if column {
		object = []SQLType{tText, tText}
	}
	own := append(append([]SQLType{}, object...), tText)
	byUser := append([]SQLType{tText}, own...)
	return []*Overload{
		withVolatility(Stable, fn(name, own, returns(bool_), privilegeKernel(kind, false, column))),
		withVolatility(Stable, fn(name, byUser, returns(bool_), privilegeKernel(kind, true, column))),
	}
}

func privilegeKernel(kind string, byUser, column bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		texts := make([]func(int) string, len(args))
		for i, a := range args {
			texts[i] = textAt(a).Value
		}
		return strict(boolBuilder(k), k, args, func(i int) (bool, error) {
			at := 0
			if byUser {
				if err := k.checkObject("role", texts[0](i), ""); err != nil {
					return false, err
				}
				at = 1
			}
			col := ""
			if column {
				col = texts[at+1](i)
			}
			granted, err := grants(kind, texts[len(texts)-1](i))
			if err != nil {
				return false, err
			}
			object := kind
			if kind == "column" && !column {
				object = "table" // has_any_column_privilege
			}
			return granted, k.checkObject(object, texts[at](i), col)
		})
	}
}

// grants reads a privilege list ("SELECT, UPDATE WITH GRANT OPTION"): it
// is granted when any privilege of it is.
func grants(kind, list string) (bool, error) {
	out := false
	for _, p := range strings.Split(list, ",") {
		word := strings.ToLower(strings.TrimSpace(p))
		word = strings.TrimSpace(strings.TrimSuffix(word, "with grant option"))
		granted, ok := privilegeKinds[kind][word]
		if !ok {
			return false, sqlstate.New(sqlstate.InvalidParameterValue, "unrecognized privilege type: %q", strings.TrimSpace(p))
		}
		out = out || granted
	}
	return out, nil
}

func (k *KernelContext) checkObject(kind, name, column string) error {
	checker, ok := k.Session.Info.(ObjectChecker)
	if !ok {
		return sqlstate.New(sqlstate.FeatureNotSupported, "privileges are known only in a session")
	}
	return checker.CheckObject(kind, name, column)
}
