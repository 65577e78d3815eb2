-- FROM and query shapes: JOIN ... USING and NATURAL JOIN with PostgreSQL's
-- merged columns, LATERAL, VALUES, column aliases, WITH RECURSIVE,
-- DISTINCT ON and SELECT without FROM; joins across {P}, {L} and {S}.

-- USING: SELECT * shows the USING column once, first; qualified names
-- still reach either side.
SELECT * FROM (SELECT "UserID", "Username" FROM {T}) a JOIN (SELECT "UserID", email FROM {P}) b USING ("UserID") WHERE "UserID" < 6 ORDER BY 1;
SELECT "UserID", a.small, b.small FROM {T} a JOIN {L} b USING ("UserID") WHERE a."UserID" % 20 = 0 ORDER BY "UserID";
SELECT a."UserID", b."UserID", "UserID" FROM {T} a LEFT JOIN (SELECT "UserID" FROM {S} WHERE "UserID" % 3 = 0) b USING ("UserID") WHERE a."UserID" < 8 ORDER BY 1;
SELECT "UserID", a."UserID" AS left_id, b."UserID" AS right_id FROM (SELECT "UserID" FROM {T} WHERE "UserID" < 6) a FULL JOIN (SELECT "UserID" + 3 AS "UserID" FROM {P} WHERE "UserID" < 6) b USING ("UserID") ORDER BY 1;
SELECT * FROM (SELECT "UserID", active FROM {T} WHERE "UserID" < 5) a RIGHT JOIN (SELECT "UserID", active, small FROM {L} WHERE "UserID" BETWEEN 3 AND 7) b USING ("UserID", active) ORDER BY 1, 2;
SELECT count(*), count("UserID"), sum("UserID") FROM {T} a JOIN {P} b USING ("UserID", active);
SELECT "UserID", c.score FROM {T} a JOIN {L} b USING ("UserID") JOIN {S} c USING ("UserID") WHERE "UserID" > 97 ORDER BY 1;
-- NATURAL joins take every common column.
SELECT * FROM (SELECT "UserID", small FROM {T}) a NATURAL JOIN (SELECT "UserID", small, big FROM {P}) b WHERE "UserID" < 8 ORDER BY 1;
SELECT count(*) FROM {T} NATURAL JOIN (SELECT * FROM {S}) s;
SELECT * FROM (SELECT "UserID" AS id FROM {T} WHERE "UserID" < 3) a NATURAL JOIN (SELECT "UserID" AS uid FROM {L} WHERE "UserID" < 3) b ORDER BY 1, 2;
SELECT * FROM (SELECT "UserID", email FROM {T} WHERE "UserID" < 6) a NATURAL LEFT JOIN (SELECT "UserID", email FROM {P} WHERE "UserID" % 2 = 1) b ORDER BY 1;
SELECT * FROM (SELECT "UserID", active FROM {T} WHERE "UserID" < 5) a NATURAL FULL JOIN (SELECT "UserID", active FROM {S} WHERE "UserID" BETWEEN 3 AND 6) b ORDER BY 1, 2;
-- LATERAL: the subquery reads the FROM items before it.
SELECT t."UserID", s."UserID" AS near FROM {T} t, LATERAL (SELECT p."UserID" FROM {P} p WHERE p.small = t.small + 1 ORDER BY p."UserID" LIMIT 2) s WHERE t."UserID" < 10 ORDER BY 1, 2;
SELECT t."UserID", s.n FROM {T} t LEFT JOIN LATERAL (SELECT l."UserID" AS n FROM {L} l WHERE l."UserID" = t."UserID" * 30) s ON true WHERE t."UserID" < 6 ORDER BY 1;
SELECT t."UserID", s.c, s.m FROM {T} t CROSS JOIN LATERAL (SELECT count(*) AS c, max(l.score) AS m FROM {S} l WHERE l.active = t.active AND l."UserID" < t."UserID") s WHERE t."UserID" BETWEEN 5 AND 12 ORDER BY 1;
SELECT t."UserID", x.v FROM {T} t JOIN LATERAL (SELECT t.small * 2 AS v) x ON x.v > 80 ORDER BY 1;
SELECT t."UserID", s."UserID" FROM {T} t LEFT JOIN LATERAL (SELECT p."UserID" FROM {P} p WHERE p."UserID" > t."UserID" ORDER BY 1 LIMIT 1) s ON s."UserID" % 2 = 0 WHERE t."UserID" > 94 ORDER BY 1;
SELECT t."UserID", v.x, v.y FROM {T} t, LATERAL (VALUES (t."UserID", 'a'), (t."UserID" * 10, 'b')) v(x, y) WHERE t."UserID" < 3 ORDER BY 2;
-- VALUES as a query and in FROM, typed as PostgreSQL types the rows.
VALUES (1, 'one'), (2, 'two'), (3, NULL);
VALUES (1, 2.5), (2, 3), (NULL, -1) ORDER BY 1 NULLS FIRST;
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, name) ORDER BY id DESC;
SELECT v.id, t."Username" FROM (VALUES (3), (42), (1000)) v(id) LEFT JOIN {T} t ON t."UserID" = v.id ORDER BY 1;
SELECT column1, column2 FROM (VALUES (1.5, DATE '2024-01-01'), (2, '2024-02-29')) v ORDER BY 1;
SELECT * FROM (VALUES ('x'), ('y')) v(c) CROSS JOIN (VALUES (1), (2)) w(n) ORDER BY 1, 2;
SELECT t."UserID", v.label FROM {T} t JOIN (VALUES (true, 'yes'), (false, 'no')) v(flag, label) ON v.flag = t.active WHERE t."UserID" < 6 ORDER BY 1;
VALUES (1) UNION ALL VALUES (2) ORDER BY 1 DESC;
-- Column aliases for any FROM item.
SELECT x.a, x.b FROM {T} AS x(a, b) WHERE x.a < 4 ORDER BY 1;
SELECT * FROM (SELECT "UserID", "Username" FROM {P} WHERE "UserID" < 4) s(id, name) ORDER BY id;
SELECT id, u.name FROM {T} u(id, name) JOIN {S} s ON s."UserID" = u.id WHERE id > 97 ORDER BY 1;
WITH c(n, label) AS (SELECT "UserID", "Username" FROM {L} WHERE "UserID" < 4) SELECT * FROM c ORDER BY n;
-- WITH RECURSIVE: UNION ALL and UNION, typed by the non-recursive term.
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT * FROM r;
WITH RECURSIVE r(n, total) AS (SELECT 1, 1::bigint UNION ALL SELECT n + 1, total * (n + 1) FROM r WHERE n < 15) SELECT n, total FROM r ORDER BY n;
WITH RECURSIVE r(x) AS (SELECT 5 UNION SELECT x % 3 + 1 FROM r) SELECT * FROM r ORDER BY 1;
WITH RECURSIVE chain AS (SELECT "UserID", "Username", 1 AS depth FROM {T} WHERE "UserID" = 1 UNION ALL SELECT p."UserID", p."Username", c.depth + 1 FROM chain c JOIN {P} p ON p."UserID" = c."UserID" * 2) SELECT * FROM chain ORDER BY depth;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT a.n, b.n FROM r a JOIN r b ON b.n = a.n + 1 ORDER BY 1;
WITH RECURSIVE r(d) AS (SELECT DATE '2024-01-30' UNION ALL SELECT d + 1 FROM r WHERE d < DATE '2024-02-02') SELECT d FROM r ORDER BY d;
-- A WITH query hides a table of its name.
WITH "Users" AS (SELECT 1 AS "UserID") SELECT * FROM "Users";
-- DISTINCT ON, with ORDER BY starting with its expressions.
SELECT DISTINCT ON (active) active, "UserID", score FROM {T} ORDER BY active, score DESC NULLS LAST, "UserID";
SELECT DISTINCT ON (t.small % 5) t.small % 5 AS k, t."UserID" FROM {T} t WHERE t.small IS NOT NULL ORDER BY t.small % 5, t."UserID" DESC;
SELECT DISTINCT ON (1) "UserID" / 10 AS decade, "Username" FROM {T} ORDER BY 1, "Username";
SELECT DISTINCT ON (active, "UserID" % 2) active, "UserID" % 2 AS odd, "UserID" FROM {T} ORDER BY "UserID" % 2, active, "UserID";
SELECT DISTINCT ON (p.active) p.active, l."UserID" FROM {P} p JOIN {L} l ON l."UserID" = p."UserID" + 1 ORDER BY p.active NULLS FIRST, l."UserID" LIMIT 2;
-- SELECT without FROM.
SELECT 1 AS a, 'x' AS b WHERE true ORDER BY 1;
-- expect: no rows
SELECT 1 WHERE false;
SELECT count(*), max(1), sum(2);
SELECT 1 AS a UNION SELECT 2 ORDER BY a DESC;
SELECT 2 AS x ORDER BY x LIMIT 1 OFFSET 0;
-- Output names in ORDER BY; positions.
SELECT "UserID" AS id, score AS s FROM {T} WHERE "UserID" < 10 ORDER BY s DESC NULLS LAST, id;
SELECT "Username" AS name, "UserID" FROM {T} WHERE "UserID" > 90 ORDER BY 2 DESC;
