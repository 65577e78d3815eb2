-- Subqueries and joins, second part: aggregates of outer columns computed by
-- the outer query, counts over no rows, correlated subqueries in JOIN ... ON,
-- windows, ORDER BY, aggregate arguments and FILTER, evaluated lazily under
-- CASE, COALESCE, AND and OR; row comparisons; DISTINCT ON over groups;
-- LATERAL of outer joins; LIMIT in a recursive term. {P} PostgreSQL, {L} local
-- Parquet, {S} S3 Parquet, {E} the empty table, {T} each source in turn.
-- Aggregates of outer columns in subqueries belong to the outer query (PostgreSQL's levels).
SELECT (SELECT max(t."UserID") FROM {P} u LIMIT 1) AS m FROM {T} t;
SELECT (SELECT max(t."UserID")) AS m FROM {T} t WHERE t."UserID" < 5;
SELECT t.active, (SELECT count(t.small)) AS c FROM {T} t GROUP BY t.active ORDER BY 1;
SELECT t.active, (SELECT count(*) FROM {L} u WHERE u.active = t.active AND u."UserID" < max(t."UserID") - 90) AS c FROM {T} t GROUP BY t.active ORDER BY 1;
SELECT t.active FROM {T} t GROUP BY t.active HAVING (SELECT max(t."UserID")) > 98 ORDER BY 1;
SELECT t.active FROM {T} t GROUP BY t.active HAVING EXISTS (SELECT 1 FROM {S} u WHERE u."UserID" = max(t."UserID") AND u."UserID" > 98) ORDER BY 1;
SELECT t.active, (SELECT u."Username" FROM {P} u WHERE u."UserID" = max(t."UserID")) AS last FROM {T} t GROUP BY t.active ORDER BY 1;
SELECT t.active, (SELECT max(t.small) FILTER (WHERE t."UserID" > 10)) AS m FROM {T} t GROUP BY 1 ORDER BY 1;
SELECT (SELECT (SELECT sum(t.small))) AS s FROM {T} t;
SELECT t.active, (SELECT max(t."UserID") + count(*) FROM {L} u WHERE u.active = t.active) AS x FROM {T} t GROUP BY t.active ORDER BY 1;
SELECT (SELECT max(u.small + t.small) FROM {S} u) AS m FROM {T} t WHERE t."UserID" < 4 ORDER BY 1;
SELECT count(*) AS n, (SELECT count(t."UserID") FROM {P} u WHERE u."UserID" = 1) AS c FROM {T} t;
SELECT t.active, count(*) FROM {T} t GROUP BY t.active ORDER BY (SELECT max(t.small)) NULLS FIRST;
-- The count bug: a correlated count over no rows is 0, not NULL, on every path.
SELECT "UserID", (SELECT count(*) FROM {P} p WHERE p."UserID" = t."UserID" + 200) AS c FROM {T} t WHERE "UserID" < 5 ORDER BY 1;
SELECT "UserID", (SELECT count(p.email) FROM {L} p WHERE p."UserID" = t."UserID") AS c FROM {T} t WHERE "UserID" < 6 ORDER BY 1;
SELECT "UserID", (SELECT count(*) + 1 FROM {S} p WHERE p."UserID" = t."UserID" + 200) AS c FROM {T} t WHERE "UserID" < 5 ORDER BY 1;
SELECT "UserID", (SELECT coalesce(sum(p.small), -1) FROM {P} p WHERE p."UserID" = t."UserID" AND p.email IS NULL) AS s FROM {T} t WHERE "UserID" < 8 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE (SELECT count(*) FROM {L} p WHERE p."UserID" = t."UserID" AND p.email IS NULL) = 0 AND "UserID" < 10 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE 0 = (SELECT count(*) FROM {S} p WHERE p.small = t.small + 1000) AND "UserID" < 10 ORDER BY 1;
SELECT active, count(*) FROM {T} t GROUP BY active HAVING (SELECT count(*) FROM {P} p WHERE p.active = t.active AND p."UserID" > 1000) = 0 ORDER BY 1;
SELECT t."UserID", u."UserID" FROM {T} t JOIN {L} u ON u."UserID" = t."UserID" AND (SELECT count(*) FROM {P} p WHERE p."UserID" = u."UserID" + 200) = 0 WHERE t."UserID" < 4 ORDER BY 1;
SELECT "UserID", (SELECT count(*) FROM {E} e WHERE e."UserID" = t."UserID") AS c, (SELECT max(e.small) FROM {E} e WHERE e."UserID" = t."UserID") AS m FROM {T} t WHERE "UserID" < 4 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE t.small NOT IN (SELECT p.small FROM {P} p WHERE p."UserID" = t."UserID" + 1) AND "UserID" < 10 ORDER BY 1;
SELECT "UserID", t.small NOT IN (SELECT p.small FROM {S} p WHERE p."UserID" = t."UserID" + 3) AS x FROM {T} t WHERE "UserID" < 10 ORDER BY 1;
SELECT "UserID", t.small IN (SELECT p.small FROM {L} p WHERE p."UserID" IN (t."UserID", t."UserID" + 3)) AS x FROM {T} t WHERE "UserID" < 10 ORDER BY 1;
SELECT "UserID", EXISTS (SELECT 1 FROM {E} e WHERE e."UserID" = t."UserID") AS x, t.small NOT IN (SELECT e.small FROM {E} e) AS y FROM {T} t WHERE "UserID" < 4 ORDER BY 1;
-- Correlated subqueries in JOIN ... ON, window arguments, ORDER BY, aggregate arguments and FILTER.
SELECT t."UserID", u."UserID" FROM {T} t LEFT JOIN {L} u ON u."UserID" = t."UserID" + 1 AND EXISTS (SELECT 1 FROM {P} p WHERE p."UserID" = t."UserID" AND p.active) WHERE t."UserID" < 6 ORDER BY 1;
SELECT t."UserID", u."UserID" FROM {T} t RIGHT JOIN {S} u ON t."UserID" = u."UserID" - 1 AND u.small > (SELECT min(p.small) FROM {P} p WHERE p.active = u.active) WHERE u."UserID" < 6 ORDER BY 2;
SELECT t."UserID", u."UserID" FROM {T} t FULL JOIN {L} u ON t."UserID" = u."UserID" AND (SELECT count(*) FROM {P} p WHERE p."UserID" < t."UserID") > 95 WHERE coalesce(t."UserID", u."UserID") > 95 ORDER BY 1, 2;
SELECT t."UserID" FROM {T} t JOIN {P} u ON u."UserID" = t."UserID" AND u.small < (SELECT avg(s.small) FROM {S} s WHERE s.active = t.active) WHERE t."UserID" < 10 ORDER BY 1;
SELECT "UserID", sum((SELECT count(*) FROM {P} p WHERE p.small < t.small)) OVER (ORDER BY "UserID") AS running FROM {T} t WHERE "UserID" < 8 ORDER BY 1;
SELECT "UserID", rank() OVER (ORDER BY (SELECT count(*) FROM {L} p WHERE p.small > t.small) DESC) AS r FROM {T} t WHERE "UserID" < 8 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE "UserID" < 8 ORDER BY (SELECT count(*) FROM {S} p WHERE p.small > t.small) DESC, 1;
SELECT active, sum((SELECT count(*) FROM {P} p WHERE p."UserID" = t."UserID" + 1)) AS s FROM {T} t GROUP BY active ORDER BY 1;
SELECT active, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM {L} p WHERE p."UserID" = t."UserID" * 2)) AS c FROM {T} t GROUP BY active ORDER BY 1;
SELECT max((SELECT p."Username" FROM {S} p WHERE p."UserID" = t."UserID" + 1)) AS m FROM {T} t;
SELECT string_agg((SELECT p.email FROM {P} p WHERE p."UserID" = t."UserID"), ',' ORDER BY t."UserID") AS s FROM {T} t WHERE t."UserID" < 6;
SELECT DISTINCT ON ((SELECT count(*) FROM {L} p WHERE p.active = t.active)) "UserID" FROM {T} t ORDER BY (SELECT count(*) FROM {L} p WHERE p.active = t.active), "UserID";
-- CASE, COALESCE, AND and OR evaluate a subquery only for the rows that need it.
SELECT "UserID", CASE WHEN small > 0 THEN (SELECT 100 / t.small) ELSE -1 END AS q FROM {T} t WHERE "UserID" BETWEEN 48 AND 54 ORDER BY 1;
SELECT "UserID", CASE WHEN small <> 0 THEN (SELECT 100 / t.small FROM {P} p WHERE p."UserID" = t."UserID") END AS q FROM {T} t WHERE "UserID" BETWEEN 48 AND 54 ORDER BY 1;
SELECT "UserID", CASE WHEN small = 0 THEN 0 WHEN (SELECT 100 / t.small FROM {L} p WHERE p."UserID" = t."UserID") > 10 THEN 1 ELSE 2 END AS q FROM {T} t WHERE "UserID" BETWEEN 45 AND 55 ORDER BY 1;
SELECT "UserID", COALESCE(t.small, (SELECT 1 / (t."UserID" - t."UserID"))) AS c FROM {T} t WHERE "UserID" < 4 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE small <> 0 AND (SELECT 100 / t.small FROM {S} p WHERE p."UserID" = t."UserID") > 20 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE (small = 0 OR (SELECT 100 / t.small) < -30) AND "UserID" < 60 ORDER BY 1;
SELECT sum((SELECT 100 / t.small)) FILTER (WHERE small <> 0) AS s FROM {T} t;
-- Row comparisons and their NULL rules.
SELECT "UserID" FROM {T} WHERE ("UserID", small) = (3, -48);
SELECT "UserID", ("UserID", small) = (3, -48) AS eq, ("UserID", small) <> (3, -48) AS ne FROM {T} WHERE "UserID" < 6 ORDER BY 1;
SELECT "UserID", (small, "UserID") < (-47, 5) AS lt, (small, "UserID") <= (-47, 4) AS le, (small, "UserID") > (-47, 4) AS gt, (small, "UserID") >= (-47, 4) AS ge FROM {T} WHERE "UserID" < 8 ORDER BY 1;
SELECT "UserID", ROW("UserID", small) = ROW(4, NULL) AS eq, ("UserID", small) IS DISTINCT FROM (4, NULL) AS d, ("UserID", small) IS NOT DISTINCT FROM (4, NULL) AS nd FROM {T} WHERE "UserID" < 6 ORDER BY 1;
SELECT "UserID", ROW(small, "UserID") IS NULL AS n, ROW(small, email) IS NOT NULL AS nn FROM {T} WHERE "UserID" BETWEEN 3 AND 5 ORDER BY 1;
SELECT "UserID", ("UserID", small) IN ((1, -50), (2, 0), (4, NULL)) AS x, ("UserID", small) NOT IN ((1, -50), (4, NULL)) AS y FROM {T} WHERE "UserID" < 6 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE ("UserID", small) IN (SELECT "UserID" + 1, small + 1 FROM {P}) AND "UserID" < 10 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE ("UserID", active) IN (SELECT p."UserID", p.active FROM {L} p WHERE p."UserID" < 6) ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE ("UserID", active) NOT IN (SELECT p."UserID", p.active FROM {S} p WHERE p."UserID" < 6) AND "UserID" < 10 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE (t.small, t."UserID") NOT IN (SELECT p.small, p."UserID" FROM {P} p WHERE p."UserID" > 3) ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE (t."UserID", t.small) = (SELECT p."UserID", p.small FROM {L} p WHERE p."UserID" = 7);
SELECT "UserID", (t."UserID", t.small) > (SELECT 5, -46) AS gt FROM {T} t WHERE "UserID" < 8 ORDER BY 1;
SELECT "UserID", (t."UserID", t.small) = (SELECT p."UserID", p.small FROM {S} p WHERE p."UserID" = t."UserID" + 100) AS none FROM {T} t WHERE "UserID" < 3 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE (t.active, t.small) = ANY (SELECT p.active, p.small + 2 FROM {P} p WHERE p."UserID" < t."UserID") AND "UserID" < 10 ORDER BY 1;
SELECT "UserID", (t.active, t."UserID" % 3) IN (SELECT p.active, p."UserID" % 3 FROM {L} p WHERE p."UserID" < 4) AS x FROM {T} t WHERE "UserID" < 9 ORDER BY 1;
SELECT "UserID", (t."UserID", t.small) >= ALL (SELECT p."UserID", p.small FROM {S} p WHERE p.active = t.active AND p."UserID" <= t."UserID") AS x FROM {T} t WHERE "UserID" < 9 ORDER BY 1;
SELECT (1, 2) < (1, 3) AS a, (1, NULL::int) < (2, 0) AS b, (1, NULL::int) < (1, 0) AS c, (2, 1) > (1, NULL::int) AS d, ROW(1) = ROW(1) AS e;
SELECT count(*) FROM {T} t WHERE (t.active, t.small) IN (SELECT e.active, e.small FROM {E} e);
-- DISTINCT ON over groups, USING joins, LATERAL of outer joins.
SELECT DISTINCT ON (active) active, count(*) FROM {T} GROUP BY active, small > 0 ORDER BY active, count(*) DESC;
SELECT DISTINCT ON (small > 0) small > 0 AS pos, max("UserID") FROM {T} GROUP BY small > 0, active ORDER BY small > 0, max("UserID");
SELECT DISTINCT ON (active) active, count(*) FROM {T} GROUP BY active ORDER BY active;
SELECT t."UserID", s.x FROM {T} t RIGHT JOIN LATERAL (SELECT 1 AS x) s ON t."UserID" = s.x;
SELECT t."UserID", s.x FROM {T} t FULL JOIN LATERAL (SELECT 2 AS x) s ON t."UserID" = s.x ORDER BY 1 LIMIT 3;
SELECT t."UserID", s.c FROM {T} t LEFT JOIN LATERAL (SELECT count(*) AS c FROM {L} u WHERE u.small = t.small + 100) s ON true WHERE t."UserID" < 4 ORDER BY 1;
SELECT t."UserID", s.m FROM {T} t CROSS JOIN LATERAL (SELECT max(u."UserID") AS m FROM {S} u WHERE u."UserID" < t."UserID") s WHERE t."UserID" < 4 ORDER BY 1;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL (SELECT n + 1 FROM r WHERE n < 5 LIMIT 1)) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT min("UserID") FROM {T} UNION ALL (SELECT n + 1 FROM r WHERE n < 5 ORDER BY 1 DESC)) SELECT * FROM r;
-- JOIN ... USING (...) AS alias names the merged columns.
SELECT j."UserID", t.small FROM {T} t JOIN {L} u USING ("UserID") AS j WHERE j."UserID" < 4 ORDER BY 1;
SELECT j."UserID" FROM {T} t LEFT JOIN {P} u USING ("UserID") AS j WHERE t."UserID" < 3 ORDER BY 1;
SELECT j.* FROM {T} t JOIN {S} u USING ("UserID", active) AS j WHERE j."UserID" < 3 ORDER BY 1;
SELECT j."UserID", u.small FROM {T} t FULL JOIN {L} u USING ("UserID") AS j WHERE j."UserID" > 97 ORDER BY 1;
SELECT j."UserID", "UserID" FROM {T} t JOIN {P} u USING ("UserID") AS j JOIN {S} s USING ("UserID") WHERE j."UserID" < 3 ORDER BY 1;
