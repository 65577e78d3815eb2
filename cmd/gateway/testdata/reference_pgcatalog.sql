-- The catalog's functions and types that need no table: format_type, sizes,
-- encodings, the object identifier types and information_schema._pg_expandarray.
SELECT format_type(23, -1), format_type(1043, 44), format_type(1042, 14), format_type(1700, 655366), format_type(1700, -1), format_type(1114, 3), format_type(1184, -1), format_type(1007, -1), format_type(1015, 24), format_type(18, -1), format_type(19, -1), format_type(26, NULL), format_type(1, -1), format_type(NULL, 1), format_type(22, -1), format_type(30, -1), format_type(1034, -1);
SELECT pg_size_pretty(0::bigint), pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(123456789::bigint), pg_size_pretty(-987654321987::bigint), pg_size_pretty(9223372036854775807), pg_size_pretty(20971519::bigint);
SELECT pg_encoding_to_char(6)::text, pg_encoding_to_char(0)::text, pg_char_to_encoding('UTF8'), pg_char_to_encoding('utf8');
SELECT 0::regclass, 23::oid::regtype, 'pg_class'::regclass, 'pg_class'::regclass::oid, 'pg_catalog'::regnamespace, 1259::oid::regclass::text, 'pg_type'::regclass = 1247, pg_typeof('pg_class'::regclass);
SELECT information_schema._pg_expandarray(ARRAY[10,20,30])::text, (information_schema._pg_expandarray(ARRAY['a','b c'])).n;
SELECT x, (information_schema._pg_expandarray(ARRAY[5,6])).x FROM (SELECT 1 AS x) t;
SELECT k.x, k.n FROM (SELECT information_schema._pg_expandarray(ARRAY['p','q']) AS k) s, LATERAL (SELECT (s.k).x, (s.k).n) k;
SELECT pg_table_is_visible(1259), pg_type_is_visible(23), quote_ident('Users');
-- Over the rows of a table.
SELECT "UserID", (information_schema._pg_expandarray(ARRAY["UserID", small::int])).n, (information_schema._pg_expandarray(ARRAY["UserID", small::int])).x FROM {T} WHERE "UserID" < 4 ORDER BY 1, 2;
-- pg_settings: the session's parameters, as SET leaves them (JDBC reads max_index_keys).
SELECT name, setting, unit, category, short_desc, context, vartype, min_val, max_val, enumvals, boot_val FROM pg_settings WHERE name IN ('max_index_keys', 'work_mem', 'bytea_output', 'extra_float_digits', 'statement_timeout', 'IntervalStyle', 'search_path') ORDER BY name;
SELECT count(*) > 150, count(DISTINCT name) = count(*) FROM pg_settings;
