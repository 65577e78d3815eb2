-- CAST and :: among the types of the type table, over literals and over
-- every column kind of the users table.
-- Integers: widening, narrowing in range, from text with blanks and signs.
SELECT '  42  '::int, '+7'::int, '-0'::smallint, '9223372036854775807'::bigint, ' -32768'::smallint;
SELECT 42::smallint, 42::bigint, (-5)::bigint::int, 32767::int::smallint, 2147483647::bigint::int;
SELECT "UserID", "UserID"::smallint, "UserID"::bigint, small::int, small::bigint, big::numeric FROM {T} WHERE "UserID" <= 12;
SELECT "UserID", small::bigint * 2, (big / 1000000007)::int, "UserID"::text::int + 1 FROM {T} WHERE big IS NOT NULL AND "UserID" < 30;
-- Floats to integers round half to even; numerics round half away from zero.
SELECT 2.5::float8::int, 3.5::float8::int, (-2.5)::float8::int, 0.5::float8::bigint, 1.5::float4::smallint;
SELECT 2.5::int, 3.5::int, (-2.5)::int, (-0.5)::int, 0.5::bigint, 1.49999::smallint;
SELECT 2.5::numeric::int, (-2.5)::numeric::bigint, 12.345::numeric(5,2), (-12.345)::numeric(5,2), 0.005::numeric(3,2);
SELECT "UserID", score, score::int, score::bigint, ratio::int, ratio::smallint FROM {T} WHERE score < 1e10 AND "UserID" < 20;
SELECT "UserID", balance, balance::int, balance::bigint, balance::smallint FROM {T} WHERE abs(balance) < 300 ORDER BY 1;
SELECT "UserID", balance::numeric(14,4), balance::numeric(10,0), balance::numeric(12,1), balance::numeric FROM {T} WHERE "UserID" < 15;
-- Floats and numerics.
SELECT 1.1::float8::numeric, 0.1::float4::numeric, 1e20::float8::numeric, 1.5e-7::float8::numeric, 123.456::float4::numeric(6,2);
SELECT 1.1::numeric::float8, 0.1::numeric::float4, 12345678901234567890.123::float8, (-0.5)::numeric::real;
SELECT "UserID", score::numeric, score::numeric(20,3), score::real, ratio::float8, ratio::numeric FROM {T} WHERE score < 1e10 AND "UserID" < 14;
SELECT "UserID", balance::float8, balance::real, balance::float8::text FROM {T} WHERE "UserID" < 14;
SELECT "UserID", "UserID"::numeric(6,2), small::numeric(8,3), big::float8, big::real, "UserID"::real / 3 FROM {T} WHERE "UserID" < 14;
SELECT 3::numeric(5,2), (-7)::numeric(3,0), 12::float8, 7::real, 9007199254740993::float8, 16777217::real;
-- Float text input: words, exponents, denormals, hexadecimal.
SELECT 'NaN'::float8, 'Infinity'::float8, '-inf'::float8, '  inf '::real, '+Infinity'::real, 'nan'::real;
SELECT '1e-310'::float8, '1e-40'::real, '0x1p3'::float8, '  1.5e3 '::float8, '-0'::float8, '.5'::real;
SELECT '1.7976931348623157e308'::float8, '3.4028235e38'::real, '4.9e-324'::float8, '0.1'::real;
SELECT 'NaN'::float8::text, 'Infinity'::real::float8, '-Infinity'::float8::real;
-- Numeric text input keeps the written scale.
SELECT '1.50'::numeric, ' 12 '::numeric, '.5'::numeric, '5.'::numeric, '-0'::numeric, '1e3'::numeric, '1.5e-3'::numeric, '+3.14'::numeric;
SELECT '12.345'::numeric(5,2), '-12.345'::numeric(6,2), '99.995'::numeric(5,2), '0.001'::numeric(3,3), '123'::numeric(3,0);
SELECT "UserID", balance::text::numeric, (balance::text || '1')::numeric(14,3), score::text::float8 FROM {T} WHERE score < 1e10 AND "UserID" < 12;
-- Booleans.
SELECT 'yes'::boolean, 'no'::boolean, 'on'::boolean, 'off'::boolean, 't'::boolean, 'f'::boolean, '1'::boolean, '0'::boolean;
SELECT ' TRUE '::boolean, 'Fa'::boolean, 'Y'::bool, 'n'::bool, 'of'::bool, 'ye'::bool, 'tr'::bool, 'FALSE'::bool;
SELECT 1::boolean, 0::boolean, (-3)::boolean, true::int, false::int, true::text, false::text, true::varchar, false::char(5);
SELECT "UserID", active, active::int, active::text, active::varchar(3), ("UserID" % 2)::boolean FROM {T} WHERE "UserID" < 12;
SELECT "UserID", active::text::boolean, active::int::boolean, (active::int + 1)::boolean FROM {T} WHERE "UserID" < 12;
-- Every type to text.
SELECT 42::text, (-7)::smallint::text, 9223372036854775807::text, 1.10::text, 1.5e-7::text, 0.1::float8::text, 1e100::float8::text;
SELECT 0.1::real::text, 1e-5::float8::text, 123456789012345.0::float8::text, 1234567890123456.0::float8::text, 100000::real::text;
SELECT "UserID"::text, "Username"::text, email::text, score::text, balance::text, active::text FROM {T} WHERE "UserID" < 15;
SELECT "UserID", signup::text, last_login::text, avatar::text, token::text, small::text, big::text, ratio::text FROM {T} WHERE "UserID" < 15;
SELECT "UserID", signup::varchar, last_login::varchar(10), token::char(8), ratio::varchar(4), score::char(3) FROM {T} WHERE score < 1e10 AND "UserID" < 15;
SELECT DATE '2024-01-15'::text, TIMESTAMP '2024-01-15 10:30:00.5'::text, '\x0aff'::bytea::text, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text;
-- Text to every type, the way each type reads it.
SELECT '2024-01-15'::date, '20240115'::date, '2024-1-5'::date, '2024/01/15'::date, '01/15/2024'::date, 'epoch'::date, ' 2024-02-29 '::date;
SELECT '2024-01-15 10:30'::date, '2024-01-15T10:30:00'::date, '1999-12-31'::date::text;
SELECT '2024-01-15 10:30:00'::timestamp, '2024-01-15T10:30:00Z'::timestamp, '2024-01-15 24:00:00'::timestamp, '2024-01-15'::timestamp;
SELECT '2024-01-15 10:30:00.1234567'::timestamp, '2024-01-15 10:30:00+05'::timestamp, '2024-01-15 10:30:59.999999'::timestamp, '2024-06-01 1:2:3'::timestamp;
SELECT "UserID", signup::text::date, last_login::text::timestamp, token::text::uuid, avatar::text::bytea FROM {T} WHERE "UserID" < 15;
SELECT 'x'::bytea, '\x4142'::bytea, 'a\\b'::bytea, '\101\102'::bytea, '\x'::bytea, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid;
SELECT "UserID"::text::smallint, ("UserID" * 1000)::text::bigint, ' ' || "UserID"::text || ' ' AS padded, (' ' || "UserID"::text || ' ')::int FROM {T} WHERE "UserID" < 10;
-- Dates and timestamps among themselves.
SELECT DATE '2024-01-15'::timestamp, TIMESTAMP '2024-01-15 23:59:59'::date, TIMESTAMP '2024-01-15 10:30:00'::time;
SELECT "UserID", signup::timestamp, last_login::date, last_login::time FROM {T} WHERE "UserID" < 15;
SELECT '10:30'::time, '10:30:00.5'::time::text, interval '1 day'::time, interval '-1 hour'::time, interval '25 hours 30 minutes'::time, time '10:30'::interval;
SELECT '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid, 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid, '  {"a": 1}  '::json::text;
-- varchar(n) and char(n): explicit casts cut; char pads when shown and
-- ignores its trailing blanks when measured, joined or compared.
SELECT 'abc'::varchar(2), 'abc'::char(2), 123::text::varchar(2), 'abc'::varchar, 'abc'::bpchar, 'abc'::char, 'abc'::character varying(5);
SELECT 'ab'::char(5), length('ab '::char(5)), 'abc'::char(5) || 'x', 'ab'::char(3) = 'ab '::char(3), 'ab  '::varchar(3);
SELECT 'zoë日本'::varchar(3), 'zoë日本'::char(4), length('zoë'::char(6)), char_length('a  '::char(3)), '  '::char(3), ''::char(2);
SELECT 'ab'::char(5)::text, 'ab'::char(5)::varchar, ('ab'::char(5))::char(2), 'ab'::char(5) < 'ab!'::char(5), upper('ab'::char(4));
SELECT "UserID", "Username"::varchar(5), "Username"::char(4), email::varchar(8), email::char(30) FROM {T} WHERE "UserID" < 15;
SELECT "UserID", length("Username"::char(20)), "Username"::char(20) || '|', ("Username"::char(3))::text FROM {T} WHERE "UserID" < 15;
SELECT "Username"::char(3) AS k, count(*) FROM {T} GROUP BY 1 ORDER BY 1;
SELECT "UserID" FROM {T} WHERE "Username"::char(10) = 'alice_1' OR email::varchar(5) = 'user2' ORDER BY 1;
SELECT x, x::char(4), x::varchar(2) FROM (VALUES ('a'), ('ab '), ('abcdef'), (NULL)) v(x) ORDER BY 1;
SELECT c, length(c) FROM (SELECT 'ab'::char(6) AS c) s;
SELECT 'abc'::char(5) = 'abc  ', 'abc'::char(5) = 'abc', 'abc  ' = 'abc'::char(5), 'ab'::char(3) IN ('ab ', 'x'), 'ab '::varchar(5) = 'ab';
-- Column names of casts take the type's internal name.
SELECT 1::int, 1::integer, 1::int8, 1::smallint, 1::float, 1::real, 1::numeric(4,1), 'a'::text, 'a'::varchar(3), 'a'::char(2), true::bool, '2024-01-01'::date;
SELECT CAST('7' AS integer), CAST(2.5 AS int), CAST('yes' AS boolean), CAST(1.5 AS numeric(3,0)), CAST('x' AS char(3)), CAST(3 AS text);
SELECT int4('12'), int8(' 34 '), float8('1.5'), float4(' 2.5 '), text(12), bool('on'), int2(7.5), int4(2.5::float8);
-- NULLs of every kind cast to NULL.
SELECT NULL::int, NULL::text::int, NULL::boolean::int, NULL::numeric(4,1), NULL::char(3), NULL::varchar(2), NULL::date::timestamp;
SELECT "UserID", email::varchar(3), score::int, balance::int, active::int, signup::text, token::text FROM {T} WHERE email IS NULL ORDER BY 1;
-- Casts in filters, ordering and aggregates.
SELECT "UserID" FROM {T} WHERE "UserID"::text LIKE '1%' AND ratio::int > 10 ORDER BY "UserID"::text;
SELECT active::int AS a, sum(balance::int), max(score::numeric(10,1)), count(signup::text) FROM {T} WHERE score < 1e10 GROUP BY 1 ORDER BY 1;
SELECT sum("UserID"::numeric(8,2)), avg(small::float8), min(big::text), max(token::text) FROM {T};
SELECT "UserID"::text AS t FROM {T} ORDER BY t DESC LIMIT 5;
SELECT count(*) FROM {E} WHERE "UserID"::text = '1' OR score::int = 1;
SELECT v::int, v::numeric(4,1), v::float8 FROM (VALUES ('1.5'), ('-2.5'), ('10'), (NULL)) t(v) WHERE v IS NULL OR v NOT LIKE '%.%' ORDER BY 1;
SELECT v::numeric(4,1), v::numeric::int, v::float8::int FROM (VALUES ('1.25'), ('-2.5'), ('2.5'), ('0.05')) t(v) ORDER BY 1;
