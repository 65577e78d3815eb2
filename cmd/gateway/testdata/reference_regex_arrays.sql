-- Regular-expression functions returning text[]: regexp_match (the groups
-- of the first match) and regexp_split_to_array (the pieces between
-- matches, empty matches at the ends or after a match not cutting).
SELECT regexp_match('foo123bar456', '\d+'), regexp_match('foobar', '(o+)(x)?(b)'), regexp_match('abc', 'z'), regexp_match('ABC', 'b', 'i');
SELECT regexp_split_to_array('hello world  x', '\s+'), regexp_split_to_array('hello', ''), regexp_split_to_array('axbxc', 'x*'), regexp_split_to_array('', 'x'), regexp_split_to_array('abc', 'abc');
SELECT regexp_split_to_array('XaXbX', 'x', 'i'), regexp_split_to_array('abcbd', 'b*'), regexp_split_to_array('ab', 'a*'), regexp_split_to_array(',a,', ',');
SELECT (regexp_match('2024-03-05', '(\d+)-(\d+)-(\d+)'))[2], regexp_match(NULL, 'a'), regexp_split_to_array('a', NULL);
SELECT "UserID", regexp_match("Username", '_(\d+)$'), regexp_match(email, '^([a-z]+)(\d*)@'), regexp_split_to_array(email, '[@.]') FROM {T} WHERE "UserID" < 12 ORDER BY 1;
SELECT "UserID", (regexp_match(email, '(\d+)@'))[1]::int * 2 AS twice FROM {T} WHERE email IS NOT NULL AND "UserID" % 9 = 0 ORDER BY 1;
SELECT array_length(regexp_split_to_array("Username", ''), 1), count(*) FROM {T} GROUP BY 1 ORDER BY 1;
-- The set-returning ones: regexp_matches (a text[] row per match, all of
-- them with g) and regexp_split_to_table (a row per piece).
SELECT regexp_matches('foo123bar456', '\d+', 'g'), 'x' AS tag;
SELECT regexp_matches('foo123bar456', '(\d)(\d)'), regexp_matches('AbA', 'a', 'gi');
-- expect: no rows
SELECT regexp_matches('abc', 'z');
SELECT regexp_split_to_table('a,b,,c', ',') AS piece;
SELECT x, regexp_split_to_table(x, '') FROM (VALUES ('ab'), ('c'), (NULL)) v(x);
SELECT * FROM regexp_split_to_table('a b c', ' ') AS t(w);
SELECT m[1] AS k, m[2] AS v FROM regexp_matches('k1=v1;k2=v2', '(\w+)=(\w+)', 'g') AS m;
SELECT "UserID", regexp_matches(email, '(\d)', 'g') FROM {T} WHERE "UserID" IN (12, 34, 56);
SELECT w, count(*) FROM (SELECT regexp_split_to_table("Username", '_') AS w FROM {T}) s GROUP BY w ORDER BY 2 DESC, 1 LIMIT 5;
