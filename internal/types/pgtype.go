package types

// PgType is one row of pg_type as PostgreSQL 15 has it, for the types the
// catalog lists: the type table's types, their arrays, and the types of the
// catalog's own columns.
type PgType struct {
	OID         uint32
	Name        string // typname
	Len         int16  // typlen: the byte width, -1 variable, -2 a C string
	ByVal       bool
	Category    byte
	Preferred   bool
	Elem, Array uint32 // typelem, typarray (0: none)
	Align       byte
	Storage     byte
	Collation   uint32 // typcollation: 100 (default) for the collatable types
	// Input, Output, Receive and Send name the type's I/O functions
	// (typinput, ...: "int4in", "array_in").
	Input, Output, Receive, Send string
	Type                         byte // typtype: 'b' base, 'p' pseudo-type
}

// PgTypes lists the rows of pg_type, by OID.
func PgTypes() []PgType { return pgTypes }

var pgTypes = []PgType{
	{16, "bool", 1, true, 'B', true, 0, 1000, 'c', 'p', 0, "boolin", "boolout", "boolrecv", "boolsend", 'b'},
	{17, "bytea", -1, false, 'U', false, 0, 1001, 'i', 'x', 0, "byteain", "byteaout", "bytearecv", "byteasend", 'b'},
	{18, "char", 1, true, 'Z', false, 0, 1002, 'c', 'p', 0, "charin", "charout", "charrecv", "charsend", 'b'},
	{19, "name", 64, false, 'S', false, 18, 1003, 'c', 'p', 950, "namein", "nameout", "namerecv", "namesend", 'b'},
	{20, "int8", 8, true, 'N', false, 0, 1016, 'd', 'p', 0, "int8in", "int8out", "int8recv", "int8send", 'b'},
	{21, "int2", 2, true, 'N', false, 0, 1005, 's', 'p', 0, "int2in", "int2out", "int2recv", "int2send", 'b'},
	{22, "int2vector", -1, false, 'A', false, 21, 1006, 'i', 'p', 0, "int2vectorin", "int2vectorout", "int2vectorrecv", "int2vectorsend", 'b'},
	{23, "int4", 4, true, 'N', false, 0, 1007, 'i', 'p', 0, "int4in", "int4out", "int4recv", "int4send", 'b'},
	{24, "regproc", 4, true, 'N', false, 0, 1008, 'i', 'p', 0, "regprocin", "regprocout", "regprocrecv", "regprocsend", 'b'},
	{25, "text", -1, false, 'S', true, 0, 1009, 'i', 'x', 100, "textin", "textout", "textrecv", "textsend", 'b'},
	{26, "oid", 4, true, 'N', true, 0, 1028, 'i', 'p', 0, "oidin", "oidout", "oidrecv", "oidsend", 'b'},
	{28, "xid", 4, true, 'U', false, 0, 1011, 'i', 'p', 0, "xidin", "xidout", "xidrecv", "xidsend", 'b'},
	{30, "oidvector", -1, false, 'A', false, 26, 1013, 'i', 'p', 0, "oidvectorin", "oidvectorout", "oidvectorrecv", "oidvectorsend", 'b'},
	{114, "json", -1, false, 'U', false, 0, 199, 'i', 'x', 0, "json_in", "json_out", "json_recv", "json_send", 'b'},
	{194, "pg_node_tree", -1, false, 'Z', false, 0, 0, 'i', 'x', 100, "pg_node_tree_in", "pg_node_tree_out", "pg_node_tree_recv", "pg_node_tree_send", 'b'},
	{199, "_json", -1, false, 'A', false, 114, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{700, "float4", 4, true, 'N', false, 0, 1021, 'i', 'p', 0, "float4in", "float4out", "float4recv", "float4send", 'b'},
	{701, "float8", 8, true, 'N', true, 0, 1022, 'd', 'p', 0, "float8in", "float8out", "float8recv", "float8send", 'b'},
	{705, "unknown", -2, false, 'X', false, 0, 0, 'c', 'p', 0, "unknownin", "unknownout", "unknownrecv", "unknownsend", 'p'},
	{1000, "_bool", -1, false, 'A', false, 16, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1001, "_bytea", -1, false, 'A', false, 17, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1002, "_char", -1, false, 'A', false, 18, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1003, "_name", -1, false, 'A', false, 19, 0, 'i', 'x', 950, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1005, "_int2", -1, false, 'A', false, 21, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1007, "_int4", -1, false, 'A', false, 23, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1009, "_text", -1, false, 'A', false, 25, 0, 'i', 'x', 100, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1014, "_bpchar", -1, false, 'A', false, 1042, 0, 'i', 'x', 100, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1015, "_varchar", -1, false, 'A', false, 1043, 0, 'i', 'x', 100, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1016, "_int8", -1, false, 'A', false, 20, 0, 'd', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1021, "_float4", -1, false, 'A', false, 700, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1022, "_float8", -1, false, 'A', false, 701, 0, 'd', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1028, "_oid", -1, false, 'A', false, 26, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1033, "aclitem", 12, false, 'U', false, 0, 1034, 'i', 'p', 0, "aclitemin", "aclitemout", "-", "-", 'b'},
	{1034, "_aclitem", -1, false, 'A', false, 1033, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1042, "bpchar", -1, false, 'S', false, 0, 1014, 'i', 'x', 100, "bpcharin", "bpcharout", "bpcharrecv", "bpcharsend", 'b'},
	{1043, "varchar", -1, false, 'S', false, 0, 1015, 'i', 'x', 100, "varcharin", "varcharout", "varcharrecv", "varcharsend", 'b'},
	{1082, "date", 4, true, 'D', false, 0, 1182, 'i', 'p', 0, "date_in", "date_out", "date_recv", "date_send", 'b'},
	{1083, "time", 8, true, 'D', false, 0, 1183, 'd', 'p', 0, "time_in", "time_out", "time_recv", "time_send", 'b'},
	{1114, "timestamp", 8, true, 'D', false, 0, 1115, 'd', 'p', 0, "timestamp_in", "timestamp_out", "timestamp_recv", "timestamp_send", 'b'},
	{1115, "_timestamp", -1, false, 'A', false, 1114, 0, 'd', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1182, "_date", -1, false, 'A', false, 1082, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1183, "_time", -1, false, 'A', false, 1083, 0, 'd', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1184, "timestamptz", 8, true, 'D', true, 0, 1185, 'd', 'p', 0, "timestamptz_in", "timestamptz_out", "timestamptz_recv", "timestamptz_send", 'b'},
	{1185, "_timestamptz", -1, false, 'A', false, 1184, 0, 'd', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1186, "interval", 16, false, 'T', true, 0, 1187, 'd', 'p', 0, "interval_in", "interval_out", "interval_recv", "interval_send", 'b'},
	{1187, "_interval", -1, false, 'A', false, 1186, 0, 'd', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1231, "_numeric", -1, false, 'A', false, 1700, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{1700, "numeric", -1, false, 'N', false, 0, 1231, 'i', 'm', 0, "numeric_in", "numeric_out", "numeric_recv", "numeric_send", 'b'},
	{2202, "regprocedure", 4, true, 'N', false, 0, 2207, 'i', 'p', 0, "regprocedurein", "regprocedureout", "regprocedurerecv", "regproceduresend", 'b'},
	{2205, "regclass", 4, true, 'N', false, 0, 2210, 'i', 'p', 0, "regclassin", "regclassout", "regclassrecv", "regclasssend", 'b'},
	{2206, "regtype", 4, true, 'N', false, 0, 2211, 'i', 'p', 0, "regtypein", "regtypeout", "regtyperecv", "regtypesend", 'b'},
	{2210, "_regclass", -1, false, 'A', false, 2205, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{2211, "_regtype", -1, false, 'A', false, 2206, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{2276, "any", 4, true, 'P', false, 0, 0, 'i', 'p', 0, "any_in", "any_out", "-", "-", 'p'},
	{2277, "anyarray", -1, false, 'P', false, 0, 0, 'd', 'x', 0, "anyarray_in", "anyarray_out", "anyarray_recv", "anyarray_send", 'p'},
	{2278, "void", 4, true, 'P', false, 0, 0, 'i', 'p', 0, "void_in", "void_out", "void_recv", "void_send", 'p'},
	{2283, "anyelement", 4, true, 'P', false, 0, 0, 'i', 'p', 0, "anyelement_in", "anyelement_out", "-", "-", 'p'},
	{2950, "uuid", 16, false, 'U', false, 0, 2951, 'c', 'p', 0, "uuid_in", "uuid_out", "uuid_recv", "uuid_send", 'b'},
	{2951, "_uuid", -1, false, 'A', false, 2950, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{3802, "jsonb", -1, false, 'U', false, 0, 3807, 'i', 'x', 0, "jsonb_in", "jsonb_out", "jsonb_recv", "jsonb_send", 'b'},
	{3807, "_jsonb", -1, false, 'A', false, 3802, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{4089, "regnamespace", 4, true, 'N', false, 0, 4090, 'i', 'p', 0, "regnamespacein", "regnamespaceout", "regnamespacerecv", "regnamespacesend", 'b'},
	{4090, "_regnamespace", -1, false, 'A', false, 4089, 0, 'i', 'x', 0, "array_in", "array_out", "array_recv", "array_send", 'b'},
	{4096, "regrole", 4, true, 'N', false, 0, 4097, 'i', 'p', 0, "regrolein", "regroleout", "regrolerecv", "regrolesend", 'b'},
}
