package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/types"
)

// bindRegCast binds the casts of the object identifier types (regclass,
// regtype, regnamespace, ...) that look the catalog up: from oid or an
// integer to the type (the object's name), from a name to regclass,
// regnamespace or regrole (which must exist), and from the type to oid.
// They are calls of the functions named after the target type. ok is
// false for other casts.
func bindRegCast(arg bound, to arrow.DataType, pos int) (b bound, ok bool, err error) {
	from := arg.Expr.Type()
	_, fromName := from.(*types.ObjectNameType)
	_, fromType := from.(*types.RegtypeType)
	if (fromName || fromType) && to.ID() == arrow.UINT32 {
		b, err := resolveCall("oid", []bound{arg}, pos)
		return b, true, err
	}
	target, isName := to.(*types.ObjectNameType)
	_, isType := to.(*types.RegtypeType)
	switch {
	case !isName && !isType:
		return bound{}, false, nil
	case isType && (arg.Unknown || from.ID() == arrow.STRING):
		return bound{}, false, nil // regtype reads type names without the catalog
	case isType:
		b, err := resolveCall("regtype", []bound{arg}, pos)
		return b, true, err
	}
	b, err = resolveCall(target.String(), []bound{arg}, pos)
	return b, true, err
}
