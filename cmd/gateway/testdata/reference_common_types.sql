-- One column of values of different numeric types (CASE, COALESCE,
-- GREATEST/LEAST, ARRAY[...], VALUES, set operations, lag's default): the
-- values keep their own scales, as PostgreSQL's unconstrained numeric does
-- when the inputs' scales differ; with equal scales the scale stays.
SELECT COALESCE(NULL::numeric(10,2), 3), COALESCE(1.5, 2), COALESCE(NULL, 2.50);
SELECT 1.5 AS x UNION SELECT 2 UNION SELECT 2.25 ORDER BY 1;
SELECT 1.5 AS x UNION ALL SELECT 2 UNION ALL SELECT 1.50 ORDER BY 1;
SELECT GREATEST(1, 2.50), LEAST(1.0, 2.50, 3), GREATEST(2.5::numeric(4,2), 1::numeric(3,1));
SELECT ARRAY[1, 2.50, 3.125], ARRAY[1.0, 2];
SELECT x, CASE WHEN x > 1 THEN x ELSE 1.50 END, CASE WHEN x = 2 THEN 0.5 WHEN x = 3 THEN 7 END FROM generate_series(1, 3) x ORDER BY x;
SELECT x, lag(x, 1, 0.5) OVER (ORDER BY x) FROM (VALUES (1::numeric(4,2)), (2)) v(x) ORDER BY x;
SELECT y, count(*) FROM (SELECT 1.5 AS y UNION ALL SELECT 1.50 UNION ALL SELECT 2 UNION ALL SELECT 2.0) s GROUP BY y ORDER BY y;
SELECT sum(y), min(y), max(y) FROM (SELECT 1.5 AS y UNION ALL SELECT 2 UNION ALL SELECT 2.25) s;
SELECT "UserID", COALESCE(balance, 0), COALESCE(balance, 0.5), CASE WHEN active THEN balance ELSE 1 END FROM {T} WHERE "UserID" < 12 ORDER BY 1;
SELECT "UserID", GREATEST(balance, "UserID"), LEAST(balance, 0.125), ARRAY[balance, 2.5] FROM {T} WHERE "UserID" BETWEEN 3 AND 11 ORDER BY 1;
SELECT balance FROM {T} WHERE "UserID" < 5 UNION SELECT 0.5 UNION SELECT "UserID" FROM {T} WHERE "UserID" < 3 ORDER BY 1 NULLS FIRST;
SELECT DISTINCT COALESCE(balance, "UserID") AS v FROM {T} WHERE "UserID" IN (1, 2, 4, 11, 25) ORDER BY 1;
-- Floating-point results that overflow or underflow are errors in
-- PostgreSQL; infinities that come from an infinite operand are values.
SELECT 'infinity'::float8 * 2, '-infinity'::float8 + 1, 1 / 'infinity'::float8, 'infinity'::float4 - 1e30::float4;
SELECT "UserID", score * 1e300, score / 1e300 FROM {T} WHERE score > 1 AND "UserID" < 10 ORDER BY 1;
-- NULLs of no type compare as text against each other and unknown
-- literals, and take the type of the values they meet in an IN list.
SELECT NULL IS DISTINCT FROM 1, NULL IS NOT DISTINCT FROM NULL, NULL = NULL, 'a' = NULL, NULL < 'b', NULL IS DISTINCT FROM 'x';
SELECT NULL IN (NULL, 1), NULL NOT IN (2, 1), NULL IN ('a', 'b'), NULL IN (NULL);
SELECT "UserID" FROM {T} WHERE NULL IS NOT DISTINCT FROM NULL AND "UserID" IN (NULL, 3, 2.0) ORDER BY 1;
