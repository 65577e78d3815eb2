-- Errors of outer-level aggregates, row comparisons, LATERAL and recursive
-- queries, with PostgreSQL's SQLSTATEs and messages.
SELECT "UserID", (SELECT max(t."UserID")) FROM {T} t;
SELECT * FROM {T} t WHERE EXISTS (SELECT max(t."UserID"));
SELECT "UserID" FROM {T} t WHERE "UserID" IN (SELECT count(t.small) FROM {P} p);
SELECT * FROM {T} t JOIN {L} s ON EXISTS (SELECT max(t."UserID"));
SELECT * FROM {T} t, LATERAL (SELECT max(t."UserID")) x;
SELECT 1 FROM {T} t GROUP BY (SELECT max(t."UserID"));
SELECT (SELECT max(count(t.small)) FROM {P} u) FROM {T} t;
SELECT max(t.small), (SELECT max(max(t.small))) FROM {T} t;
SELECT (SELECT max(t.small) FROM {S} u) FROM {T} t;
SELECT count(*), (SELECT count(t."UserID") FROM {P} u WHERE u."UserID" < 3) FROM {T} t;
SELECT t.active, (SELECT t.small) FROM {T} t GROUP BY t.active;
SELECT t.active FROM {T} t GROUP BY t.active HAVING (SELECT t."UserID") > 1;
SELECT (1, 2) = (1, 2, 3);
SELECT "UserID" FROM {T} WHERE ("UserID", small) IN (SELECT "UserID" FROM {P});
SELECT "UserID" FROM {T} WHERE ("UserID", small) IN (SELECT "UserID", small, big FROM {L});
SELECT "UserID" FROM {T} WHERE ("UserID", active) = (1, 2);
SELECT "UserID" FROM {T} WHERE ("UserID", active) < (1, 'x');
SELECT "UserID" FROM {T} WHERE ("UserID", small) = 1;
SELECT "UserID" FROM {T} WHERE ("UserID", small) IN ((1, 2), (3));
SELECT "UserID" FROM {T} t WHERE ("UserID", small) = (SELECT p."UserID", p.small FROM {S} p);
SELECT "UserID" FROM {T} t WHERE (SELECT p."UserID", p.small FROM {P} p LIMIT 1) = ("UserID", small);
SELECT * FROM {T} t RIGHT JOIN LATERAL (SELECT t."UserID" AS x) s ON true;
SELECT * FROM {T} t FULL JOIN LATERAL (SELECT t.small AS x) s ON true;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3 ORDER BY 1 LIMIT 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3 LIMIT 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3 LIMIT 3 OFFSET 1) SELECT * FROM r;
SELECT DISTINCT ON (active) active, count(*) FROM {T} GROUP BY active ORDER BY count(*);
