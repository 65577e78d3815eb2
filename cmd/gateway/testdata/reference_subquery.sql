-- Subqueries: correlated and not, in WHERE, the select list and HAVING,
-- nested, with SQL's NULL rules for IN, NOT IN, ANY and ALL; joins across
-- {P} PostgreSQL, {L} local Parquet and {S} S3 Parquet.

-- EXISTS and NOT EXISTS with equality correlation (semi and anti joins).
SELECT "UserID", "Username" FROM {T} t WHERE EXISTS (SELECT 1 FROM {P} p WHERE p."UserID" = t."UserID" + 1 AND p.active) AND "UserID" < 30 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE NOT EXISTS (SELECT 1 FROM {L} l WHERE l."UserID" = t."UserID" AND l.score > 20) ORDER BY 1;
SELECT count(*) FROM {T} t WHERE EXISTS (SELECT * FROM {S} s WHERE s.small = t.small AND s."UserID" <> t."UserID");
SELECT "UserID", email FROM {T} t WHERE NOT EXISTS (SELECT 1 FROM {P} p WHERE p.email = t.email) ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE EXISTS (SELECT 1 FROM {L} l WHERE l."UserID" > t."UserID" * 2 - 3) AND t."UserID" > 45 ORDER BY 1;
-- IN and NOT IN, correlated: NOT IN over a set holding NULL is never true.
SELECT "UserID", small FROM {T} t WHERE small IN (SELECT s.small FROM {S} s WHERE s.active = t.active AND s."UserID" < 20) ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE "UserID" NOT IN (SELECT l."UserID" + 1 FROM {L} l WHERE l.active = t.active) ORDER BY 1;
-- expect: no rows
SELECT "UserID" FROM {T} t WHERE score NOT IN (SELECT p.score FROM {P} p WHERE p."UserID" % 10 = t."UserID" % 10);
SELECT "UserID" FROM {T} t WHERE "UserID" NOT IN (SELECT p."UserID" FROM {P} p WHERE p.active = t.active AND p."UserID" < 50) AND "UserID" < 60 ORDER BY 1;
SELECT "UserID", email FROM {T} t WHERE email IN (SELECT p.email FROM {P} p WHERE p."UserID" BETWEEN t."UserID" - 1 AND t."UserID" + 1) ORDER BY 1 LIMIT 10;
-- Uncorrelated NOT IN with a NULL, ANY and ALL.
-- expect: no rows
SELECT "UserID" FROM {T} WHERE "UserID" NOT IN (SELECT small FROM {P});
SELECT "UserID" FROM {T} WHERE "UserID" NOT IN (SELECT small FROM {L} WHERE small IS NOT NULL) ORDER BY 1;
SELECT "UserID", small FROM {T} WHERE small > ALL (SELECT small FROM {S} WHERE "UserID" < 80 AND small IS NOT NULL) ORDER BY 1;
-- expect: no rows
SELECT "UserID" FROM {T} WHERE small > ALL (SELECT small FROM {S} WHERE "UserID" < 80);
SELECT "UserID" FROM {T} WHERE small < ANY (SELECT small + 40 FROM {P} WHERE "UserID" < 5) ORDER BY 1;
SELECT "UserID" FROM {T} WHERE "UserID" = ANY (SELECT "UserID" * 7 FROM {L}) ORDER BY 1;
SELECT "UserID" FROM {T} WHERE "UserID" <> ALL (SELECT "UserID" FROM {S} WHERE "UserID" > 5) ORDER BY 1;
SELECT "UserID", score FROM {T} WHERE score >= ALL (SELECT score FROM {P} WHERE score IS NOT NULL AND score < 1000 AND "UserID" < 40) AND "UserID" < 40 ORDER BY 1;
SELECT count(*) FROM {T} WHERE small <= ALL (SELECT small FROM {E});
-- expect: no rows
SELECT "UserID" FROM {T} WHERE small = ANY (SELECT small FROM {E});
-- Correlated ANY and ALL.
SELECT "UserID" FROM {T} t WHERE t.small > ALL (SELECT p.small FROM {P} p WHERE p.active = t.active AND p."UserID" < 30) ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE t.score < ANY (SELECT l.score FROM {L} l WHERE l."UserID" = t."UserID" + 1) ORDER BY 1;
-- Scalar subqueries, correlated, in the select list: no row gives NULL,
-- count(*) over no rows gives 0.
SELECT "UserID", (SELECT p."Username" FROM {P} p WHERE p."UserID" = t."UserID" + 1) AS next FROM {T} t WHERE "UserID" > 95 ORDER BY 1;
SELECT "UserID", (SELECT count(*) FROM {L} l WHERE l.active = t.active AND l."UserID" < t."UserID") AS earlier FROM {T} t WHERE "UserID" < 15 ORDER BY 1;
SELECT "UserID", (SELECT count(*) FROM {S} s WHERE s."UserID" = t."UserID" AND s.email IS NULL) AS c, (SELECT max(s.score) FROM {S} s WHERE s."UserID" = t."UserID" AND s.email IS NULL) AS m FROM {T} t WHERE "UserID" < 12 ORDER BY 1;
SELECT "UserID", (SELECT sum(p.balance) FROM {P} p WHERE p.small BETWEEN t.small - 2 AND t.small + 2) FROM {T} t WHERE "UserID" BETWEEN 20 AND 30 ORDER BY 1;
SELECT t."UserID", (SELECT max(l.signup) FROM {L} l WHERE l."UserID" < t."UserID") - t.signup AS gap FROM {T} t WHERE t."UserID" BETWEEN 3 AND 12 ORDER BY 1;
SELECT "UserID", (SELECT avg(p.score) FROM {P} p WHERE p.active = t.active AND p.score < 1000) FROM {T} t WHERE "UserID" IN (1, 2, 4) ORDER BY 1;
SELECT "UserID", EXISTS (SELECT 1 FROM {L} l WHERE l."UserID" = t."UserID" * 3) AS tripled FROM {T} t WHERE "UserID" BETWEEN 30 AND 36 ORDER BY 1;
SELECT "UserID", "UserID" IN (SELECT l."UserID" * 2 FROM {L} l WHERE l.active = t.active) AS x FROM {T} t WHERE "UserID" < 9 ORDER BY 1;
-- In WHERE, compared with the outer row.
SELECT "UserID", score FROM {T} t WHERE score > (SELECT avg(p.score) FROM {P} p WHERE p.active = t.active AND p.score < 1000) AND score < 1000 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE t.balance = (SELECT max(s.balance) FROM {S} s WHERE s.active = t.active);
SELECT "UserID" FROM {T} t WHERE (SELECT count(*) FROM {L} l WHERE l.small < t.small) = 3;
-- In HAVING, reading the group's key.
SELECT active, count(*) FROM {T} t GROUP BY active HAVING count(*) > (SELECT count(*) FROM {P} p WHERE p.active = t.active) / 2 ORDER BY 1;
SELECT active, max(score) FROM {T} t GROUP BY active HAVING EXISTS (SELECT 1 FROM {S} s WHERE s.active = t.active AND s.small > 40) ORDER BY 1;
SELECT active, count(*), (SELECT count(*) FROM {L} l WHERE l.active = t.active AND l.score > 50) AS high FROM {T} t GROUP BY active ORDER BY 1 NULLS FIRST;
-- Nested, reading columns of every enclosing level.
SELECT "UserID" FROM {T} t WHERE EXISTS (SELECT 1 FROM {P} p WHERE p."UserID" = t."UserID" AND EXISTS (SELECT 1 FROM {L} l WHERE l."UserID" = p."UserID" + 1 AND l.active <> t.active)) ORDER BY 1;
SELECT "UserID", (SELECT count(*) FROM {P} p WHERE p.active = t.active AND p."UserID" IN (SELECT s."UserID" FROM {S} s WHERE s.small = t.small OR s."UserID" = p."UserID" + t."UserID")) AS n FROM {T} t WHERE "UserID" < 8 ORDER BY 1;
SELECT "UserID" FROM {T} t WHERE "UserID" < 40 AND NOT EXISTS (SELECT 1 FROM {S} s WHERE s."UserID" = t."UserID" AND s.score > (SELECT avg(l.score) FROM {L} l WHERE l."UserID" < t."UserID")) ORDER BY 1;
SELECT (SELECT (SELECT max(p."UserID") FROM {P} p WHERE p."UserID" < l."UserID" + t."UserID") FROM {L} l WHERE l."UserID" = t."UserID") AS deep FROM {T} t WHERE "UserID" < 6 ORDER BY 1;
-- An inner name hides the outer one; an unqualified name reaches outward.
SELECT "UserID" FROM {T} t WHERE EXISTS (SELECT 1 FROM {P} p WHERE "UserID" = 3 AND p.small = t.small) ORDER BY 1;
SELECT "UserID", (SELECT max("UserID") FROM {L} l WHERE l.big < t.big) FROM {T} t WHERE "UserID" < 5 ORDER BY 1;
SELECT t."UserID" FROM {T} t WHERE EXISTS (SELECT 1 FROM (SELECT "UserID" AS id FROM {S}) s WHERE s.id = t."UserID" AND email IS NULL) ORDER BY 1;
-- Subqueries over CTEs and across sources in one statement.
WITH hi AS (SELECT "UserID", score FROM {P} WHERE score > 50) SELECT t."UserID" FROM {T} t WHERE EXISTS (SELECT 1 FROM hi WHERE hi."UserID" = t."UserID" - 1) AND t."UserID" < 70 ORDER BY 1;
SELECT l."UserID", (SELECT s."Username" FROM {S} s WHERE s."UserID" = l."UserID") FROM {L} l JOIN {P} p ON p."UserID" = l."UserID" WHERE l."UserID" IN (SELECT t."UserID" FROM {T} t WHERE t.small = p.small) AND l."UserID" < 10 ORDER BY 1;
-- Uncorrelated scalar subqueries without FROM and in SELECT without FROM.
SELECT (SELECT 1) + 1 AS two, (SELECT max("UserID") FROM {T}) AS top, EXISTS (SELECT 1 FROM {E}) AS any_empty;
SELECT "UserID" FROM {T} WHERE "UserID" = (SELECT min("UserID") FROM {L} WHERE active);
