-- Groupings of many groups over a cross join, which a hash aggregate
-- spills under a small --memory-limit (TestAggregateCorpusUnderATinyLimit):
-- plain aggregates over groups whose rows are spread over the input;
-- DISTINCT, ORDER BY and FILTER in the call over groups whose rows come
-- together (the groups a spilling aggregate holds must not keep growing);
-- exact numerics, grouping sets, GROUP BY without aggregates and SELECT
-- DISTINCT.

SELECT a."UserID", b."UserID" AS other, count(*), sum(a.small + b.small), avg(a.balance - b.balance) FROM {T} a, {T} b GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 40;
SELECT a."UserID" % 50 AS k, b."UserID", count(*), sum(a.big), max(a.score), min(a.signup), bit_or(a.small) FROM {T} a, {T} b GROUP BY 1, 2 ORDER BY 2 DESC, 1 LIMIT 30;
SELECT a."UserID", b."UserID" % 50 AS k, max(b.score), min(b.last_login), bool_and(b.active), count(b.email) FROM {T} a, {T} b GROUP BY 1, 2 ORDER BY 1 DESC, 2 LIMIT 25;
SELECT a.signup, b."UserID", count(*) FILTER (WHERE b.score > 10), sum(b.big) FILTER (WHERE a.active) FROM {T} a, {T} b GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 LIMIT 30;
SELECT a."Username", b."UserID" % 40 AS k, avg(b.balance), sum(b.small), count(b.email) FROM {T} a, {T} b GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 35;
SELECT count(*), sum(n), max(s), min(s) FROM (SELECT a."UserID", b."UserID", count(*) AS n, string_agg(a.email || b.email, ';' ORDER BY b.email) AS s FROM {T} a, {T} b GROUP BY 1, 2) g;
SELECT count(*), sum(n), sum(v) FROM (SELECT a."UserID" % 25 AS x, b."UserID" AS y, count(*) AS n, avg(a.balance * b.small) AS v FROM {T} a, {T} b GROUP BY 1, 2) g;
SELECT a."UserID", b."UserID" % 30 AS k, count(*), grouping(a."UserID", b."UserID" % 30) FROM {T} a, {T} b GROUP BY GROUPING SETS ((1, 2), (1)) ORDER BY 1, 2 NULLS FIRST LIMIT 30;
SELECT a."UserID" % 60 AS x, b."UserID" AS y FROM {T} a, {T} b GROUP BY 1, 2 ORDER BY 2 DESC, 1 DESC LIMIT 20;
SELECT count(*) FROM (SELECT DISTINCT a."UserID" % 40, b."Username" FROM {T} a, {T} b) d;
SELECT count(*), sum(d), max(s), min(s), sum(length(s)) FROM (SELECT a."UserID", b."UserID", count(DISTINCT a.email || b.email) AS d, array_to_string(array_agg(b.small ORDER BY b.small NULLS FIRST), ',') AS s FROM {T} a, {T} b GROUP BY 1, 2) g;
