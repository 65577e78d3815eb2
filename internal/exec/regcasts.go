package exec

import (
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// regCastFunctions are the casts between oid, text and the object
// identifier types, named after their target type: the planner binds
// `x::regclass` and `r::oid` to them. An object identifier value is kept
// as the name it shows, so these casts look names and OIDs up in the
// session's catalog.
var regCastFunctions = []*Overload{
	stable(fn("regclass", params(tText), returns(types.Regclass), regFromText(relationOID, relationName))),
	stable(fn("regclass", params(tOid), returns(types.Regclass), regFromOID(relationName))),
	stable(fn("oid", params(tRegclass), returns(oidType), oidFromReg(relationOID))),
	stable(fn("regnamespace", params(tText), returns(types.Regnamespace), regFromText(namespaceOID, namespaceName))),
	stable(fn("regnamespace", params(tOid), returns(types.Regnamespace), regFromOID(namespaceName))),
	stable(fn("oid", params(tRegnamespace), returns(oidType), oidFromReg(namespaceOID))),
	fn("regtype", params(tOid), returns(types.Regtype), regFromOID(typeName)),
	fn("oid", params(tRegtype), returns(oidType), oidFromReg(typeOID)),
	fn("regrole", params(tOid), returns(types.Regrole), regFromOID(roleName)),
	fn("regrole", params(tText), returns(types.Regrole), regFromText(roleOID, roleName)),
	fn("oid", params(tRegrole), returns(oidType), oidFromReg(roleOID)),
	fn("regproc", params(tOid), returns(types.Regproc), regFromOID(noName)),
	fn("regproc", params(tText), returns(types.Regproc), procByName),
	fn("oid", params(tRegproc), returns(oidType), oidFromReg(noOID)),
}

// oidType holds oid values.
var oidType = arrow.PrimitiveTypes.Uint32

// nameOf names an object by OID for an object identifier type's output;
// ok is false when no object has the OID.
type nameOf func(k *KernelContext, oid uint32) (string, bool)

// oidOf finds an object by name for an object identifier type's input.
type oidOf func(k *KernelContext, name string) (uint32, error)

func relationName(k *KernelContext, oid uint32) (string, bool) {
	c := k.catalog()
	if c == nil {
		return "", false
	}
	return c.RelationName(oid)
}

func relationOID(k *KernelContext, name string) (uint32, error) {
	c := k.catalog()
	if c == nil {
		return 0, undefinedRelation(name)
	}
	return c.RelationOID(name)
}

func namespaceName(k *KernelContext, oid uint32) (string, bool) {
	c := k.catalog()
	if c == nil {
		return "", false
	}
	return c.NamespaceName(oid)
}

func namespaceOID(k *KernelContext, name string) (uint32, error) {
	c := k.catalog()
	if c == nil {
		return 0, sqlstate.New(sqlstate.InvalidSchemaName, "schema %q does not exist", name)
	}
	return c.NamespaceOID(name)
}

func typeName(_ *KernelContext, oid uint32) (string, bool) {
	name := types.FormatType(oid, -1)
	return name, name != "???"
}

func typeOID(_ *KernelContext, name string) (uint32, error) {
	for _, t := range types.PgTypes() {
		if types.FormatType(t.OID, -1) == name {
			return t.OID, nil
		}
	}
	return 0, sqlstate.New(sqlstate.UndefinedObject, "type %q does not exist", name)
}

func roleName(k *KernelContext, oid uint32) (string, bool) {
	return k.owner(), oid == ownerRoleOID
}

func roleOID(k *KernelContext, name string) (uint32, error) {
	if name == k.owner() {
		return ownerRoleOID, nil
	}
	return 0, sqlstate.New(sqlstate.UndefinedObject, "role %q does not exist", name)
}

func noName(*KernelContext, uint32) (string, bool) { return "", false }

func noOID(_ *KernelContext, name string) (uint32, error) {
	return 0, sqlstate.New(sqlstate.UndefinedFunction, "function %q does not exist", name)
}

// procByName is regproc's input of a name: the catalog lists no
// functions in pg_proc, so the name stays as written, without pg_catalog.
func procByName(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	names := textAt(args[0])
	storage, err := strict(stringBuilder(k), k, args, func(i int) (string, error) {
		return strings.TrimPrefix(names.Value(i), "pg_catalog."), nil
	})
	return asExtension(k, storage, err)
}

// regFromOID is a cast from oid: the object's name, the number itself for
// an OID no object has, "-" for 0.
func regFromOID(name nameOf) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		oids := oidAt(args[0])
		storage, err := strict(stringBuilder(k), k, args, func(i int) (string, error) {
			return shownName(k, name, oids.Value(i)), nil
		})
		return asExtension(k, storage, err)
	}
}

func shownName(k *KernelContext, name nameOf, oid uint32) string {
	if oid == 0 {
		return "-"
	}
	if n, ok := name(k, oid); ok {
		return n
	}
	return strconv.FormatUint(uint64(oid), 10)
}

// regFromText is an object identifier type's input: a number is an OID,
// "-" is 0, anything else a name that must exist.
func regFromText(find oidOf, name nameOf) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		texts := textAt(args[0])
		storage, err := strict(stringBuilder(k), k, args, func(i int) (string, error) {
			oid, err := readReg(k, find, texts.Value(i))
			if err != nil {
				return "", err
			}
			return shownName(k, name, oid), nil
		})
		return asExtension(k, storage, err)
	}
}

func readReg(k *KernelContext, find oidOf, text string) (uint32, error) {
	if text == "-" {
		return 0, nil
	}
	if n, err := strconv.ParseUint(text, 10, 32); err == nil {
		return uint32(n), nil
	}
	return find(k, text)
}

// oidFromReg is the cast of an object identifier value to oid.
func oidFromReg(find oidOf) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		names := args[0].(array.ExtensionArray).Storage().(*array.String)
		b := array.NewUint32Builder(k.Mem)
		return strict(b, k, args, func(i int) (uint32, error) { return readReg(k, find, names.Value(i)) })
	}
}

func asExtension(k *KernelContext, storage arrow.Array, err error) (arrow.Array, error) {
	if err != nil {
		return nil, err
	}
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(k.Result.(arrow.ExtensionType), storage), nil
}
