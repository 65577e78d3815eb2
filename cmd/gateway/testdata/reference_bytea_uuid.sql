-- bytea and uuid, over literals and over the types table {Y} (raw bytea,
-- uid uuid).
SELECT '\x00ff'::bytea AS hex, 'a\\b\001\377c'::bytea AS escaped, 'ab  '::bytea AS spaces, ''::bytea AS empty, 'é'::bytea AS utf8;
SELECT '\x 00 ff '::bytea AS spaced, '\xDEADbeef'::bytea AS mixed_case;
SELECT encode('\x00ff41'::bytea, 'escape') AS e, encode('abc'::bytea, 'base64') AS b, encode('abc'::bytea, 'hex') AS h;
SELECT decode('YWJj', 'base64') AS b, decode('616263', 'hex') AS h, decode('a\\b\001', 'escape') AS e, decode(E'YW Jj\n', 'base64') AS ws;
SELECT encode('\x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627282930313233343536373839404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60'::bytea, 'base64') AS wrapped;
SELECT md5('abc'::bytea) AS m, sha256('abc'::bytea) AS s256, sha224(''::bytea) AS s224, sha512('x'::bytea) AS s512;
SELECT get_byte('abc'::bytea, 1) AS g, substring('abcdef'::bytea from 2 for 3) AS s, substr('abcdef'::bytea, 3) AS t, substr('abc'::bytea, -1, 3) AS u;
SELECT length('abc'::bytea) AS l, octet_length('\x00'::bytea) AS o, bit_length('\x0102'::bytea) AS b;
SELECT '\x01'::bytea < '\x0100'::bytea AS a, '\xff'::bytea > '\x00ff'::bytea AS b, 'abc'::bytea || '\x00'::bytea AS c, 'abc'::bytea = 'abc'::bytea AS d;
SELECT 'abc'::bytea::text AS t, '\x6869'::text::bytea AS b;
SELECT 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid AS a, 'A0EE-BC99-9C0B-4EF8-BB6D-6BB9-BD38-0A11'::uuid AS b, '{a0eebc99-9c0b4ef8-bb6d6bb9bd380a11}'::uuid AS c;
SELECT gen_random_uuid() IS NOT NULL AS made, '00000000-0000-0000-0000-000000000000'::uuid < 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid AS lt;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text AS t, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::text::uuid AS u;
SELECT count(DISTINCT gen_random_uuid()) AS distinct_made FROM generate_series(1, 5);
-- over the types table
SELECT "ID", raw, length(raw) AS n, encode(raw, 'hex') AS h, encode(raw, 'escape') AS e, encode(raw, 'base64') AS b FROM {Y} ORDER BY "ID";
SELECT "ID", md5(raw) AS m, sha256(raw) AS s FROM {Y} ORDER BY "ID";
SELECT "ID", raw || '\xff'::bytea AS more, substring(raw from 2) AS tail FROM {Y} ORDER BY "ID";
SELECT "ID", raw FROM {Y} ORDER BY raw NULLS FIRST, "ID";
SELECT raw, count(*) AS n FROM {Y} GROUP BY raw ORDER BY raw;
SELECT "ID" FROM {Y} WHERE raw = '\x00ff' ORDER BY "ID";
SELECT "ID" FROM {Y} WHERE raw > 'abc'::bytea ORDER BY "ID";
SELECT "ID", raw::text AS t FROM {Y} ORDER BY "ID";
SELECT "ID", uid FROM {Y} ORDER BY uid DESC NULLS LAST, "ID";
SELECT uid, count(*) AS n FROM {Y} GROUP BY uid ORDER BY uid;
SELECT "ID" FROM {Y} WHERE uid = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' ORDER BY "ID";
SELECT "ID" FROM {Y} WHERE uid > '123e4567-e89b-12d3-a456-426614174000'::uuid ORDER BY "ID";
SELECT "ID", uid::text AS t, upper(uid::text) AS u FROM {Y} ORDER BY "ID";
SELECT count(uid) AS uids, count(DISTINCT uid) AS distinct_uids FROM {Y};
SELECT "ID", get_byte(raw, 0) AS first FROM {Y} WHERE length(raw) > 0 ORDER BY "ID";
