-- Errors of FROM and of names, with PostgreSQL's SQLSTATEs and messages.
SELECT 1 FROM {T} a JOIN {P} b USING (nosuch);
SELECT 1 FROM {T} a JOIN (SELECT 1 AS x) b USING ("UserID");
SELECT 1 FROM {T} a JOIN {L} b USING ("UserID", "UserID");
SELECT 1 FROM ({T} a JOIN {S} b USING ("UserID")) JOIN {P} c USING (email);
SELECT 1 FROM {T} a, {P} a;
-- expect: same SQLSTATE
SELECT 1 FROM {T}, {T};
SELECT x."UserID" FROM {T} u;
SELECT u.nosuch FROM {T} u;
SELECT nosuch FROM {T} u;
SELECT "UserID" FROM {T} a, {P} b;
SELECT "UserID" AS id FROM {T} WHERE id > 3;
SELECT * FROM (SELECT u."UserID") s, {T} u;
-- expect: same SQLSTATE
SELECT "Users"."UserID" FROM {T} u;
SELECT * FROM {T} AS x(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q);
SELECT DISTINCT ON ("UserID") email FROM {T} ORDER BY email;
SELECT DISTINCT ON ("UserID", email) email FROM {T} ORDER BY "UserID", score, email;
VALUES (1, 2), (3);
VALUES (1), ('x');
WITH r(a, b) AS (SELECT 1) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1::bigint FROM r WHERE n < 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT n FROM r UNION ALL SELECT 1) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT r.n FROM r, r r2) SELECT * FROM r;
SELECT t."UserID" FROM {T} t, LATERAL (SELECT nosuch FROM {P} p WHERE p."UserID" = t."UserID") s;
SELECT a.x FROM (SELECT "UserID" AS x FROM {T}) a JOIN (SELECT "UserID" AS y FROM {L}) b USING (x);
