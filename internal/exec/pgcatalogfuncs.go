package exec

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// The catalog's types as overloads declare them.
const (
	tOid          = SQLType(types.OIDOid)
	tRegclass     = SQLType(types.OIDRegclass)
	tRegnamespace = SQLType(types.OIDRegnamespace)
	tRegtype      = SQLType(types.OIDRegtype)
	tRegrole      = SQLType(types.OIDRegrole)
	tRegproc      = SQLType(types.OIDRegproc)
)

// pgClassOID is pg_class's OID: obj_description's catalog name
// 'pg_class' stands for it.
const pgClassOID = 1259

// ownerRoleOID is the one role of the catalog, and its name outside a
// session.
const (
	ownerRoleOID  = 10
	ownerRoleName = "auger"
)

// catalogFunctions are the functions of pg_catalog that clients' catalog
// queries call: names of types and objects, definitions, comments,
// visibility, sizes, and the casts of the object identifier types.
var catalogFunctions = []*Overload{
	fn("format_type", params(tOid, tInt4), returns(text), formatType),
	fn("pg_get_expr", params(tText, tOid), returns(text), firstArgument),
	fn("pg_get_expr", params(tText, tOid, tBool), returns(text), firstArgument),
	stable(fn("pg_table_is_visible", params(tOid), returns(boolType), tableIsVisible)),
	fn("pg_type_is_visible", params(tOid), returns(boolType), typeIsVisible),
	fn("pg_function_is_visible", params(tOid), returns(boolType), constantBool(true)),
	stable(fn("obj_description", params(tOid, tText), returns(text), objDescription)),
	stable(fn("obj_description", params(tOid), returns(text), objDescription)),
	stable(fn("col_description", params(tOid, tInt4), returns(text), colDescription)),
	fn("shobj_description", params(tOid, tText), returns(text), alwaysNull),
	fn("pg_get_userbyid", params(tOid), returns(text), userByID),
	stable(fn("pg_get_indexdef", params(tOid), returns(text), indexDef)),
	stable(fn("pg_get_indexdef", params(tOid, tInt4, tBool), returns(text), indexDef)),
	stable(fn("pg_get_constraintdef", params(tOid), returns(text), definition(SystemCatalog.ConstraintDefinition))),
	stable(fn("pg_get_constraintdef", params(tOid, tBool), returns(text), definition(SystemCatalog.ConstraintDefinition))),
	stable(fn("pg_get_viewdef", params(tOid), returns(text), definition(SystemCatalog.ViewDefinition))),
	stable(fn("pg_get_viewdef", params(tOid, tBool), returns(text), definition(SystemCatalog.ViewDefinition))),
	fn("pg_get_triggerdef", params(tOid), returns(text), alwaysNull),
	fn("pg_get_triggerdef", params(tOid, tBool), returns(text), alwaysNull),
	fn("pg_get_partkeydef", params(tOid), returns(text), alwaysNull),
	fn("pg_get_serial_sequence", params(tText, tText), returns(text), alwaysNull),
	fn("pg_get_statisticsobjdef_columns", params(tOid), returns(text), alwaysNull),
	fn("pg_get_function_result", params(tOid), returns(text), alwaysNull),
	fn("pg_get_function_arguments", params(tOid), returns(text), alwaysNull),
	fn("pg_get_function_identity_arguments", params(tOid), returns(text), alwaysNull),
	fn("pg_tablespace_location", params(tOid), returns(text), constantText("")),
	fn("pg_relation_is_publishable", params(tOid), returns(boolType), constantBool(false)),
	fn("pg_encoding_to_char", params(tInt4), returns(text), encodingToChar),
	fn("pg_char_to_encoding", params(tText), returns(int4), charToEncoding),
	fn("pg_relation_size", params(tRegclass), returns(bigint), zeroSize),
	fn("pg_relation_size", params(tRegclass, tText), returns(bigint), zeroSize),
	fn("pg_total_relation_size", params(tRegclass), returns(bigint), zeroSize),
	fn("pg_table_size", params(tRegclass), returns(bigint), zeroSize),
	fn("pg_indexes_size", params(tRegclass), returns(bigint), zeroSize),
	fn("pg_size_pretty", params(tInt8), returns(text), sizePretty),
}

// boolType and bigint are result types of the functions above.
var (
	boolType = arrow.FixedWidthTypes.Boolean
	bigint   = arrow.PrimitiveTypes.Int64
)

// stable marks a function whose result depends on the catalog.
func stable(o *Overload) *Overload { return withVolatility(Stable, o) }

// oidAt reads an oid argument.
func oidAt(a arrow.Array) *array.Uint32 { return a.(*array.Uint32) }

func formatType(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	oids := oidAt(args[0])
	typmods := args[1].(*array.Int32)
	b := stringBuilder(k)
	defer b.Release()
	for i := 0; i < k.Rows; i++ {
		if oids.IsNull(i) {
			b.AppendNull()
			continue
		}
		typmod := int32(-1)
		if typmods.IsValid(i) {
			typmod = typmods.Value(i)
		}
		b.Append(types.FormatType(oids.Value(i), typmod))
	}
	return b.NewArray(), nil
}

// firstArgument is pg_get_expr: the catalog keeps expressions as the text
// pg_get_expr gives.
func firstArgument(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	args[0].Retain()
	return args[0], nil
}

func alwaysNull(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
	return array.MakeArrayOfNull(k.Mem, k.Result, k.Rows), nil
}

func constantBool(v bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		return strict(boolBuilder(k), k, args, func(int) (bool, error) { return v, nil })
	}
}

func constantText(v string) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		return strict(stringBuilder(k), k, args, func(int) (string, error) { return v, nil })
	}
}

func zeroSize(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	return strict(int64Builder(k), k, args, func(int) (int64, error) { return 0, nil })
}

func tableIsVisible(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	oids := oidAt(args[0])
	return strict(boolBuilder(k), k, args, func(i int) (bool, error) {
		c := k.catalog()
		return c != nil && c.RelationVisible(oids.Value(i)), nil
	})
}

func typeIsVisible(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	oids := oidAt(args[0])
	return strict(boolBuilder(k), k, args, func(i int) (bool, error) {
		return types.FormatType(oids.Value(i), -1) != "???", nil
	})
}

func objDescription(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	oids := oidAt(args[0])
	return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
		c := k.catalog()
		if c == nil || (len(args) > 1 && textAt(args[1]).Value(i) != "pg_class") {
			return "", false, nil
		}
		d, ok := c.Description(oids.Value(i), pgClassOID, 0)
		return d, ok, nil
	})
}

func colDescription(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	oids, nums := oidAt(args[0]), args[1].(*array.Int32)
	return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
		c := k.catalog()
		if c == nil {
			return "", false, nil
		}
		d, ok := c.Description(oids.Value(i), pgClassOID, nums.Value(i))
		return d, ok, nil
	})
}

func userByID(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	oids := oidAt(args[0])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		if oids.Value(i) == ownerRoleOID {
			return k.owner(), nil
		}
		return fmt.Sprintf("unknown (OID=%d)", oids.Value(i)), nil
	})
}

func definition(lookup func(SystemCatalog, uint32) (string, bool)) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		oids := oidAt(args[0])
		return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
			c := k.catalog()
			if c == nil {
				return "", false, nil
			}
			d, ok := lookup(c, oids.Value(i))
			return d, ok, nil
		})
	}
}

// indexDef is pg_get_indexdef(index[, column, pretty]): the CREATE INDEX
// statement, or with a column number the name of that key column.
func indexDef(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	oids := oidAt(args[0])
	return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
		c := k.catalog()
		if c == nil {
			return "", false, nil
		}
		if len(args) > 1 {
			if col := args[1].(*array.Int32).Value(i); col != 0 {
				name, ok := c.ColumnName(oids.Value(i), int16(col))
				return quoteIdent(name), ok, nil
			}
		}
		d, ok := c.IndexDefinition(oids.Value(i))
		return d, ok, nil
	})
}

// encodings are the encodings pg_encoding_to_char names, by number.
var encodings = map[int32]string{0: "SQL_ASCII", 6: "UTF8", 8: "LATIN1"}

func encodingToChar(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	nums := args[0].(*array.Int32)
	return strict(stringBuilder(k), k, args, func(i int) (string, error) { return encodings[nums.Value(i)], nil })
}

func charToEncoding(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	names := textAt(args[0])
	return strict(int32Builder(k), k, args, func(i int) (int32, error) {
		for n, name := range encodings {
			if strings.EqualFold(name, names.Value(i)) {
				return n, nil
			}
		}
		return -1, nil
	})
}

// sizePretty is pg_size_pretty(bigint): bytes below 10 kB, else the
// largest of kB, MB, GB, TB and PB that keeps the number below 20480,
// rounded half away from zero.
func sizePretty(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	sizes := args[0].(*array.Int64)
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		size := sizes.Value(i)
		if size < 10240 && size > -10240 {
			return strconv.FormatInt(size, 10) + " bytes", nil
		}
		size >>= 9 // half kB: one more bit for the rounding
		for _, unit := range []string{"kB", "MB", "GB", "TB"} {
			if size < 20479 && size > -20479 {
				return strconv.FormatInt(halfRounded(size), 10) + " " + unit, nil
			}
			size >>= 10
		}
		return strconv.FormatInt(halfRounded(size), 10) + " PB", nil
	})
}

func halfRounded(v int64) int64 {
	if v < 0 {
		return (v - 1) / 2
	}
	return (v + 1) / 2
}

// owner is the name of the role that owns every object of the catalog:
// the session's user.
func (k *KernelContext) owner() string {
	if k.Session.Info != nil {
		if user, ok := k.Session.Info.Fact("session_user"); ok {
			return user
		}
	}
	return ownerRoleName
}

// undefinedRelation is PostgreSQL's 42P01 for a name regclass cannot find.
func undefinedRelation(name string) error {
	return sqlstate.New(sqlstate.UndefinedTable, "relation %q does not exist", name)
}
