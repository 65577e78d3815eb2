-- Errors of pg_typeof and regtype, json's lack of equality and ordering,
-- jsonb's lack of min and max, and the object aggregates.
SELECT 'nosuchtype'::regtype;
SELECT pg_typeof();
SELECT pg_typeof(1, 2);
SELECT '{}'::json = '{}'::json;
SELECT '{}'::json <> '{}';
SELECT '[1]'::json < '[2]'::json;
SELECT DISTINCT x FROM (VALUES ('1'::json)) t(x);
SELECT x FROM (VALUES ('1'::json)) t(x) GROUP BY x;
SELECT x FROM (VALUES ('1'::json)) t(x) ORDER BY x;
SELECT doc FROM {Y} GROUP BY doc;
SELECT DISTINCT doc FROM {Y};
SELECT doc FROM {Y} ORDER BY doc;
SELECT max('1'::jsonb);
SELECT min(docb) FROM {Y};
SELECT json_object_agg(k, v) FROM (VALUES (NULL::text, 1)) t(k, v);
SELECT jsonb_object_agg(k, v) FROM (VALUES ('a', 1), (NULL, 2)) t(k, v);
SELECT json_object_agg(k) FROM (VALUES ('a')) t(k);
SELECT jsonb_object_agg(k, v, v) FROM (VALUES ('a', 1)) t(k, v);
SELECT count(DISTINCT doc) FROM {Y};
SELECT '1'::jsonb #- '{a}';
SELECT '[1]'::jsonb #- '{a}';
SELECT '{"a":1}'::jsonb #- '{null}';
SELECT jsonb_insert('{"a":1}', '{a}', '2');
SELECT jsonb_insert('1', '{a}', '2');
SELECT jsonb_insert('[1]', '{x}', '2');
SELECT jsonb_insert('{"a":1}', '{null}', '2');
SELECT '{"a":1}'::json #- '{a}';
