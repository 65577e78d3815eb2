package exec

import (
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
)

// SessionInfo answers the functions that describe the session a
// statement runs in.
type SessionInfo interface {
	// Fact is one fact of the session by name: user, session_user,
	// database, backend_pid, client_addr, client_port, server_addr,
	// server_port, query (the running statement), version, txid (the
	// transaction's number); ok is false
	// when it has none (client_addr over a Unix socket).
	Fact(name string) (value string, ok bool)
	// SchemaPath is current_schemas(implicit): the schemas of
	// search_path that exist, pg_catalog first when implicit.
	SchemaPath(implicit bool) []string
	// SetSetting is set_config(name, value, is_local); it returns the
	// value as SHOW shows it.
	SetSetting(name, value string, local bool) (string, error)
}

// sessionFunctions describe the session: who it is, where it is
// connected, its schemas, and set_config.
var sessionFunctions = []*Overload{
	withVolatility(Stable, fn("version", nil, returns(text), factKernel("version"))),
	withVolatility(Stable, fn("current_user", nil, returns(text), factKernel("user"))),
	withVolatility(Stable, fn("current_role", nil, returns(text), factKernel("user"))),
	withVolatility(Stable, fn("user", nil, returns(text), factKernel("user"))),
	withVolatility(Stable, fn("session_user", nil, returns(text), factKernel("session_user"))),
	withVolatility(Stable, fn("current_catalog", nil, returns(text), factKernel("database"))),
	withVolatility(Stable, fn("current_database", nil, returns(text), factKernel("database"))),
	withVolatility(Volatile, fn("current_query", nil, returns(text), factKernel("query"))),
	withVolatility(Stable, fn("txid_current", nil, returns(arrow.PrimitiveTypes.Int64), int64FactKernel("txid"))),
	withVolatility(Stable, fn("inet_client_addr", nil, returns(text), factKernel("client_addr"))),
	withVolatility(Stable, fn("inet_server_addr", nil, returns(text), factKernel("server_addr"))),
	withVolatility(Stable, fn("pg_backend_pid", nil, returns(int4), intFactKernel("backend_pid"))),
	withVolatility(Stable, fn("inet_client_port", nil, returns(int4), intFactKernel("client_port"))),
	withVolatility(Stable, fn("inet_server_port", nil, returns(int4), intFactKernel("server_port"))),
	withVolatility(Stable, fn("pg_my_temp_schema", nil, returns(arrow.PrimitiveTypes.Uint32), zeroOIDKernel)),
	withVolatility(Stable, fn("pg_is_in_recovery", nil, returns(bool_), isInRecoveryKernel)),
	withVolatility(Stable, fn("pg_postmaster_start_time", nil, returns(timestamptzType), startTimeKernel)),
	withVolatility(Stable, fn("current_schema", nil, returns(text), currentSchemaKernel)),
	withVolatility(Stable, fn("current_schemas", params(tBool), returns(textArray), currentSchemasKernel)),
	withVolatility(Volatile, fn("set_config", params(tText, tText, tBool), returns(text), setConfigKernel)),
}

// StartTime is when the gateway started: pg_postmaster_start_time().
var StartTime = time.Now()

func (k *KernelContext) fact(name string) (string, bool) {
	if k.Session.Info == nil {
		return "", false
	}
	return k.Session.Info.Fact(name)
}

func factKernel(name string) Kernel {
	return func(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
		v, ok := k.fact(name)
		return strictOrNull(stringBuilder(k), k, nil, func(int) (string, bool, error) { return v, ok, nil })
	}
}

func intFactKernel(name string) Kernel {
	return func(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
		v, ok := k.fact(name)
		n, err := strconv.ParseInt(v, 10, 32)
		ok = ok && err == nil
		return strictOrNull(int32Builder(k), k, nil, func(int) (int32, bool, error) { return int32(n), ok, nil })
	}
}

func int64FactKernel(name string) Kernel {
	return func(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
		v, ok := k.fact(name)
		n, err := strconv.ParseInt(v, 10, 64)
		ok = ok && err == nil
		return strictOrNull(int64Builder(k), k, nil, func(int) (int64, bool, error) { return n, ok, nil })
	}
}

func zeroOIDKernel(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
	b := array.NewUint32Builder(k.Mem)
	return strict(b, k, nil, func(int) (uint32, error) { return 0, nil })
}

func isInRecoveryKernel(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
	return strict(boolBuilder(k), k, nil, func(int) (bool, error) { return false, nil })
}

func startTimeKernel(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
	ts := arrow.Timestamp(StartTime.UnixMicro())
	return strict(timestampBuilder(k), k, nil, func(int) (arrow.Timestamp, error) { return ts, nil })
}

func (k *KernelContext) schemaPath(implicit bool) []string {
	if k.Session.Info == nil {
		return nil
	}
	return k.Session.Info.SchemaPath(implicit)
}

// currentSchemaKernel is current_schema(): the first schema of
// search_path that exists, NULL when none does.
func currentSchemaKernel(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
	path := k.schemaPath(false)
	return strictOrNull(stringBuilder(k), k, nil, func(int) (string, bool, error) {
		if len(path) == 0 {
			return "", false, nil
		}
		return path[0], true, nil
	})
}

func currentSchemasKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	implicit := args[0].(*array.Boolean)
	return strict(newTextArrayBuilder(k), k, args, func(i int) ([]*string, error) {
		var out []*string
		for _, s := range k.schemaPath(implicit.Value(i)) {
			out = append(out, &s)
		}
		return out, nil
	})
}

// setConfigKernel is set_config(name, value, is_local); a NULL value sets
// the parameter to "".
func setConfigKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	names, values, local := textAt(args[0]), textAt(args[1]), args[2].(*array.Boolean)
	b := stringBuilder(k)
	defer b.Release()
	for i := 0; i < k.Rows; i++ {
		if names.IsNull(i) || local.IsNull(i) {
			return nil, sqlstate.New(sqlstate.NullValueNotAllowed, "SET requires parameter name")
		}
		if k.Session.Info == nil {
			return nil, sqlstate.New(sqlstate.UndefinedObject, "unrecognized configuration parameter %q", names.Value(i))
		}
		v, err := k.Session.Info.SetSetting(names.Value(i), values.Value(i), local.Value(i))
		if err != nil {
			return nil, err
		}
		b.Append(v)
	}
	return b.NewArray(), nil
}
