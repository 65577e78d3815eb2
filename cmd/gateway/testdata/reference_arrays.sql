-- Arrays: {A} is the array table ("Arrays" on PostgreSQL, arrays.parquet
-- and its copies), {T} the users table. Reading array columns, subscripts
-- and slices, ANY/ALL, the array functions and operators, ARRAY[...] and
-- ARRAY(subquery), casts, unnest and generate_series in the select list
-- and in FROM.

-- Array columns as they are stored: NULL arrays, empty arrays, NULL
-- elements, quoted text, two dimensions.
SELECT * FROM {A} ORDER BY "ID";
SELECT "ID", ints, matrix FROM {A} WHERE ints IS NULL OR matrix IS NULL ORDER BY "ID";
SELECT "ID", tags, scores FROM {A} WHERE cardinality(tags) = 0;
SELECT "ID", names, prices, flags, days, stamps FROM {A} WHERE "ID" BETWEEN 2 AND 13;

-- Subscripts: 1-based, NULL out of range or with too few subscripts.
SELECT "ID", ints[1], ints[2], ints[0], ints[100], tags[1], scores[2], prices[1], flags[1], days[1], stamps[1], bigs[1], smalls[2] FROM {A} ORDER BY "ID";
SELECT "ID", matrix[1][1], matrix[2][1], matrix[1], matrix[1][3], matrix[3][1] FROM {A} ORDER BY "ID";
SELECT "ID", ints[cardinality(ints)] AS last, ints[NULL::int] AS none, (ARRAY[10, 20, 30])["ID" % 4] AS pick FROM {A} ORDER BY "ID";
SELECT "ID", scores[1] * 2, prices[1] + 1, NOT flags[1], days[1] + 1, bigs[1] / 5, smalls[1]::int + smalls[2] FROM {A} WHERE "ID" <> 4 ORDER BY "ID";
SELECT "ID", ints['2'] FROM {A} WHERE ints[1] > 0 ORDER BY "ID";

-- Slices: clamped to the bounds, {} when empty, a plain index meaning 1:n.
SELECT "ID", ints[2:3], ints[:1], ints[3:], ints[2:1], tags[:2], tags[-1:1] FROM {A} ORDER BY "ID";
SELECT "ID", matrix[1:1], matrix[2:][1:1], matrix[:][2:], matrix[2][1:1], ints[1:2][1:1] FROM {A} ORDER BY "ID";

-- The shape of arrays.
SELECT "ID", array_length(ints, 1), array_length(matrix, 2), array_lower(ints, 1), array_upper(matrix, 1), array_upper(ints, 2), array_ndims(matrix), array_ndims(ints), cardinality(matrix), array_dims(matrix), array_dims(tags) FROM {A} ORDER BY "ID";

-- Searching and changing elements (NULL finds NULL).
SELECT "ID", array_position(ints, 3), array_position(ints, 3, 2), array_positions(ints, 3), array_position(tags, NULL), array_positions(smalls, NULL) FROM {A} ORDER BY "ID";
SELECT "ID", array_remove(ints, 3), array_remove(tags, NULL), array_replace(tags, 'red', 'RED'), array_replace(matrix, 5, -5), array_replace(smalls, NULL, 0) FROM {A} ORDER BY "ID";
SELECT "ID", array_append(ints, 99), array_prepend(0, ints), array_cat(ints, ARRAY[7, NULL]), array_cat(NULL, tags), array_append(tags, NULL) FROM {A} ORDER BY "ID";
SELECT "ID", ints || 99, 0 || ints, ints || ints, tags || '{z}', matrix || ARRAY[[-1, -2]], ARRAY[1, 2] || NULL FROM {A} WHERE "ID" IN (1, 5, 6, 8, 10, 11) ORDER BY "ID";
SELECT "ID", array_to_string(tags, '|'), array_to_string(tags, ',', '?'), array_to_string(prices, ';'), array_to_string(matrix, ' '), array_to_string(days, ',') FROM {A} ORDER BY "ID";
SELECT "ID", string_to_array(array_to_string(tags, ','), ','), string_to_array(array_to_string(ints, '-', '*'), '-', '*') FROM {A} WHERE "ID" < 8;

-- Containment and overlap.
SELECT "ID", ints @> ARRAY[3], tags && ARRAY['red', 'blue'], ARRAY[1, 2]::smallint[] <@ smalls, ints @> '{}', matrix @> ARRAY[5, 6], ints && NULL FROM {A} ORDER BY "ID";
SELECT "ID" FROM {A} WHERE tags @> '{red}' ORDER BY "ID";

-- x op ANY (array) and x op ALL (array), with SQL's NULL rules.
SELECT "ID" FROM {A} WHERE 3 = ANY(ints) ORDER BY "ID";
SELECT "ID" FROM {A} WHERE 'red' = ANY(tags) OR 1e20 = ANY(scores) ORDER BY 1;
SELECT "ID", 3 <> ALL(ints), 0 < ALL(smalls), "ID" = ANY(ints), 7 = SOME(matrix) FROM {A} ORDER BY "ID";
SELECT "ID" FROM {A} WHERE "ID" = ANY('{1,5,9}') ORDER BY 1;
SELECT "UserID", "Username" FROM {T} WHERE "UserID" = ANY(ARRAY[1, 2, 3, NULL]) ORDER BY "UserID";
SELECT "UserID", "Username" = ANY(ARRAY['alice_1', 'Bob_2']), score > ALL('{1, 50}'), small = ANY(ARRAY[-49, NULL]) FROM {T} WHERE "UserID" < 10;
-- expect: no rows
SELECT "UserID" FROM {T} WHERE "UserID" <> ALL(ARRAY[1, 2, NULL]);

-- Arrays compare element by element (a NULL element last), then by length.
SELECT "ID", ints FROM {A} ORDER BY ints, "ID";
SELECT "ID", tags FROM {A} ORDER BY tags DESC NULLS LAST, "ID";
SELECT "ID", matrix FROM {A} ORDER BY matrix NULLS FIRST, "ID";
SELECT "ID", ints = ARRAY[3], ints < ARRAY[0], ints >= '{7}', tags = '{red}', matrix > ARRAY[[1, NULL, 2]] FROM {A} ORDER BY "ID";
SELECT ints, count(*) FROM {A} GROUP BY ints ORDER BY ints;
SELECT DISTINCT tags FROM {A};
SELECT count(DISTINCT ints), count(ints), count(*) FROM {A};
SELECT a."ID", b."ID" FROM {A} a JOIN {A} b ON a.ints = b.ints WHERE a."ID" < b."ID";

-- ARRAY[...]: elements of their common type; arrays of arrays are
-- multidimensional.
SELECT ARRAY[1, 2.5, NULL] AS a, ARRAY['a', 'b c', NULL] AS b, ARRAY[[1, 2], [3, 4]] AS c, ARRAY[]::text[] AS d, ARRAY[NULL] AS e, ARRAY[1::smallint, 2::bigint] AS f;
SELECT "ID", ARRAY["ID", "ID" + 1], ARRAY[tags[1], 'z'], ARRAY[ints, ints] FROM {A} WHERE "ID" IN (1, 2, 3, 5, 8) ORDER BY "ID";
SELECT "UserID", ARRAY["Username", email], ARRAY[score, ratio], ARRAY[balance, 1], ARRAY["UserID", small, big] FROM {T} WHERE "UserID" < 9 ORDER BY "UserID";
SELECT "UserID", ARRAY[signup, last_login], ARRAY[avatar], ARRAY[token], ARRAY[created_at], ARRAY[active, NULL] FROM {T} WHERE "UserID" IN (1, 2, 3, 4, 42, 44) ORDER BY "UserID";
SELECT ARRAY(SELECT "UserID" FROM {T} WHERE "UserID" < 6 ORDER BY 1 DESC) AS ids, ARRAY(SELECT "Username" FROM {T} WHERE "UserID" IN (3, 4, 5, 6) ORDER BY "UserID") AS names;
SELECT ARRAY(SELECT tags[1] FROM {A} WHERE "ID" < 5 ORDER BY "ID") AS firsts, ARRAY(SELECT ints FROM {A} WHERE "ID" IN (1, 11) ORDER BY "ID") AS stacked, ARRAY(SELECT 1 WHERE false) AS none;

-- Casts to and from arrays.
SELECT '{1,2,3}'::int[] AS a, '{a,"b c",NULL,"NULL"}'::text[] AS b, '{{1,2},{3,4}}'::int[] AS c, '{}'::int[] AS d, ' { 1 , NULL } '::bigint[] AS e, '[1:2]={7,8}'::int[] AS f, '{1.50,2}'::numeric[] AS g;
SELECT "ID", ints::bigint[], ints::text, tags::text, matrix::text, smalls::int[], prices::float8[], ints::numeric[] FROM {A} ORDER BY "ID";
SELECT ARRAY[1, 2]::text, ARRAY['1', '2']::int[], '{1,2}'::text::int[], ARRAY[1.5, 2.25]::float8[], ARRAY[1]::int[][];

-- Set-returning functions in the select list: rows multiply, functions run
-- side by side, the shorter padded with NULLs.
SELECT unnest(ARRAY[1, 2, 3]) AS a, unnest(ARRAY['x', 'y']) AS b, 'c' AS c;
SELECT "ID", unnest(ints) FROM {A} ORDER BY 1, 2;
SELECT "ID", unnest(tags) AS tag FROM {A} WHERE "ID" < 10;
SELECT "ID", unnest(matrix) AS m, unnest(smalls) AS s FROM {A} WHERE "ID" < 8;
SELECT tag, count(*) FROM (SELECT unnest(tags) AS tag FROM {A}) s GROUP BY tag ORDER BY tag;
SELECT DISTINCT unnest(tags) AS t FROM {A} ORDER BY t;
SELECT "UserID", unnest(ARRAY["Username", email]) AS v FROM {T} WHERE "UserID" < 6;
SELECT "ID", generate_subscripts(ints, 1) AS i, ints[generate_subscripts(ints, 1)] AS v FROM {A} WHERE "ID" < 8 ORDER BY 1, 2;
SELECT "ID", unnest(ints) + 1 AS next, generate_series(1, 2) AS k FROM {A} WHERE "ID" < 5;
SELECT unnest(ARRAY[unnest(ARRAY[1, 2]), 10]) AS nested;
SELECT "UserID", generate_series(1, "UserID" % 3) AS k FROM {T} WHERE "UserID" < 10;
SELECT "ID", unnest(ints) AS x, row_number() OVER (ORDER BY "ID") AS r FROM {A} WHERE "ID" < 6 ORDER BY 1, 2;

-- generate_series over integers, numerics and timestamps.
SELECT generate_series(1, 5) AS a, generate_series(1, 10, 3) AS b, generate_series(5, 1, -2) AS c;
SELECT generate_series(0.5, 2, 0.5) AS a, generate_series(1, 3, 0.5) AS b, generate_series(1.5, 3) AS c;
SELECT generate_series(9223372036854775805, 9223372036854775807) AS big, generate_series(3, 1) AS none;
SELECT generate_series('2024-01-31'::timestamp, '2024-05-01', '1 month') AS ts;
SELECT * FROM generate_series('2024-01-01'::date, '2024-01-03'::date, '1 day') AS d;
SELECT count(*), sum(g), min(g), max(g) FROM generate_series(1, 100000) g;

-- Functions in FROM: LATERAL to the items before them, WITH ORDINALITY,
-- several arrays side by side.
SELECT * FROM generate_series(1, 10) g WHERE g % 3 = 0;
SELECT * FROM unnest(ARRAY[1, 2], ARRAY['a', 'b', 'c']) WITH ORDINALITY AS t(x, y, n);
SELECT g, u."Username" FROM generate_series(1, 5) g JOIN {T} u ON u."UserID" = g ORDER BY g;
SELECT u."UserID", s FROM {T} u, generate_series(1, 2) s WHERE u."UserID" < 4 ORDER BY 1, 2;
SELECT a."ID", t FROM {A} a, unnest(a.tags) AS t WHERE a."ID" < 6;
SELECT a."ID", t, n FROM {A} a, unnest(a.tags) WITH ORDINALITY AS u(t, n) ORDER BY a."ID", n;
SELECT a."ID", x, y FROM {A} a, unnest(a.ints, a.tags) AS u(x, y) WHERE a."ID" < 8;
SELECT a."ID", x FROM {A} a LEFT JOIN unnest(a.ints) x ON true WHERE a."ID" IN (1, 5, 8);
SELECT a."ID", x FROM {A} a CROSS JOIN LATERAL unnest(a.matrix) AS x WHERE x > 5;
SELECT a."ID", s.i, a.ints[s.i] FROM {A} a, generate_subscripts(a.ints, 1) AS s(i) WHERE a."ID" < 5 ORDER BY 1, 2;
SELECT x FROM unnest(ARRAY[3, 1, 2]) AS x ORDER BY x LIMIT 2;
SELECT max(x), min(x), count(*) FROM unnest(ARRAY[3, 1, NULL, 2]) AS x;

-- Across sources.
SELECT a."ID", u."UserID", u."Username" FROM {A} a JOIN {T} u ON u."UserID" = ANY(a.ints) ORDER BY 1, 2;
SELECT "UserID" FROM {T} WHERE "UserID" = ANY(ARRAY(SELECT "ID" FROM {A} WHERE cardinality(tags) > 3)) ORDER BY 1;
SELECT a."ID", x FROM {A} a, unnest(a.ints) x WHERE x IN (SELECT "UserID" FROM {P}) ORDER BY 1, 2;
SELECT "UserID", string_to_array("Username", '_') AS parts, (string_to_array("Username", '_'))[2] AS n, array_length(string_to_array(email, '@'), 1) AS k FROM {T} WHERE "UserID" < 12;

-- With correlated subqueries, LATERAL, VALUES and WITH RECURSIVE.
SELECT a."ID", ARRAY(SELECT x FROM unnest(a.ints) x WHERE x > 0 ORDER BY x) AS pos FROM {A} a ORDER BY 1;
SELECT u."UserID", ARRAY(SELECT a."ID" FROM {A} a WHERE u."UserID" = ANY(a.ints) ORDER BY 1) AS ids FROM {T} u WHERE u."UserID" < 8 ORDER BY 1;
SELECT a."ID", s.x FROM {A} a, LATERAL (SELECT unnest(a.tags) AS x) s WHERE a."ID" < 5 ORDER BY 1, 2;
SELECT * FROM (VALUES (ARRAY[1, 2]), (ARRAY[3]), (NULL)) v(a) ORDER BY a;
SELECT a."ID" FROM {A} a WHERE 3 = ANY(a.ints) AND EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE t = 'red') ORDER BY 1;
SELECT a."ID", (SELECT max(x) FROM unnest(a.ints) x) AS m, (SELECT count(*) FROM unnest(a.matrix) y) AS n FROM {A} a ORDER BY 1;
SELECT a."ID" FROM {A} a WHERE a."ID" = ANY (SELECT unnest(ints) FROM {A}) ORDER BY 1;
SELECT a."ID", t FROM {A} a JOIN LATERAL unnest(a.tags) t ON t <> 'red' WHERE a."ID" < 7 ORDER BY 1, 2;
WITH RECURSIVE r(n, arr) AS (SELECT 1, ARRAY[1] UNION ALL SELECT n + 1, arr || (n + 1) FROM r WHERE n < 5) SELECT * FROM r;
SELECT a."ID", x FROM {A} a LEFT JOIN LATERAL (SELECT unnest(a.ints) AS x) s ON true WHERE a."ID" IN (1, 5, 8) ORDER BY 1, 2;

-- array_agg: NULLs kept, DISTINCT (sorted, one NULL), ORDER BY inside the
-- call, FILTER, arrays of arrays; NULL over no rows. min and max of arrays.
SELECT active, array_agg("UserID" ORDER BY "UserID") AS ids, count(*) FROM {T} GROUP BY active ORDER BY active;
SELECT array_agg("Username" ORDER BY "UserID") FILTER (WHERE "UserID" < 10) AS names, array_agg(DISTINCT active) AS flags FROM {T};
SELECT "UserID" % 4 AS k, array_agg(DISTINCT small ORDER BY small) AS smalls, array_agg(score ORDER BY score DESC NULLS LAST, "UserID") AS scores FROM {T} WHERE "UserID" < 30 GROUP BY 1 ORDER BY 1;
SELECT array_agg(signup ORDER BY signup, "UserID") AS days, array_agg(balance ORDER BY "UserID") AS balances FROM {T} WHERE "UserID" BETWEEN 40 AND 50;
SELECT array_agg(token ORDER BY "UserID"), array_agg(avatar ORDER BY "UserID"), array_agg(created_at ORDER BY "UserID") FROM {T} WHERE "UserID" IN (1, 2, 3, 4);
SELECT array_agg("UserID") FROM {T} WHERE "UserID" < 0;
SELECT "ID" % 3 AS k, array_agg(tags ORDER BY "ID") FILTER (WHERE cardinality(tags) = 2) AS pairs, array_agg(ints[1] ORDER BY "ID") AS firsts FROM {A} GROUP BY 1 ORDER BY 1;
SELECT array_agg(matrix ORDER BY "ID") FROM {A} WHERE array_dims(matrix) = '[1:2][1:2]';
SELECT array_agg(DISTINCT t) FROM {A}, unnest(tags) AS t;
SELECT max(ints), min(ints), max(tags), min(tags), max(matrix) FROM {A};
SELECT unnest(array_agg("UserID" ORDER BY "UserID" DESC)) AS u FROM {T} WHERE "UserID" < 6;
SELECT generate_series(1, count(*)::int) AS n FROM {T} WHERE "UserID" < 4;
SELECT "UserID", array_agg(small) OVER (ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w FROM {T} WHERE "UserID" < 10 ORDER BY 1;
SELECT cardinality(array_agg(x)) FROM generate_series(1, 1000) x;

-- Arrays through the conditional and general functions.
SELECT "ID", coalesce(ints, '{}') AS c, greatest(ints, ARRAY[5]) AS g, least(tags, '{b}') AS l, nullif(ints, '{3}') AS n FROM {A} ORDER BY 1;
SELECT "ID", CASE WHEN "ID" % 2 = 0 THEN ints ELSE ARRAY[0] END AS c, ints IS DISTINCT FROM ARRAY[3] AS d, ints IS NOT DISTINCT FROM NULL AS n FROM {A} ORDER BY 1;
SELECT "ID", format('%s', ints) AS f, concat(ints, tags) AS c, ints::text || '?' AS t FROM {A} WHERE "ID" < 8 ORDER BY 1;
