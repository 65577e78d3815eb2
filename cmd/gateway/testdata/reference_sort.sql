-- ORDER BY over every column type, with and without LIMIT (a TopN keeps
-- only the rows it returns), OFFSET, ties broken by "UserID", NULLs first
-- and last, and ORDER BY ... LIMIT over joins, unions and DISTINCT.

SELECT "UserID", score FROM {T} ORDER BY score DESC NULLS LAST, "UserID" LIMIT 5;
SELECT "UserID", score FROM {T} ORDER BY score NULLS FIRST, "UserID" LIMIT 12 OFFSET 3;
SELECT "UserID", balance FROM {T} ORDER BY balance, "UserID" DESC LIMIT 9;
SELECT "UserID", balance FROM {T} ORDER BY balance DESC, "UserID" LIMIT 3 OFFSET 95;
SELECT "UserID", active FROM {T} ORDER BY active DESC NULLS LAST, "UserID" LIMIT 60;
SELECT "UserID", signup FROM {T} ORDER BY signup, "UserID" LIMIT 10;
SELECT "UserID", last_login FROM {T} ORDER BY last_login DESC NULLS FIRST, "UserID" LIMIT 20;
SELECT "UserID", created_at FROM {T} ORDER BY created_at, "UserID";
SELECT "UserID", avatar FROM {T} ORDER BY avatar DESC, "UserID" LIMIT 8;
SELECT "UserID", token FROM {T} ORDER BY token NULLS FIRST, "UserID" LIMIT 15;
SELECT "UserID", small FROM {T} ORDER BY small DESC NULLS LAST, "UserID" LIMIT 7;
SELECT "UserID", big FROM {T} ORDER BY big, "UserID" LIMIT 30;
SELECT "UserID", ratio FROM {T} ORDER BY ratio DESC, "UserID" LIMIT 11;
SELECT "UserID", "Username" FROM {T} ORDER BY "Username" DESC, "UserID" LIMIT 25;
SELECT "UserID", email FROM {T} ORDER BY email NULLS FIRST, "UserID" LIMIT 16 OFFSET 10;
SELECT "UserID", last_login - created_at AS gap FROM {T} ORDER BY gap, "UserID" LIMIT 12;
SELECT "UserID", last_login - created_at AS gap FROM {T} ORDER BY gap DESC NULLS LAST, "UserID";
SELECT "UserID" % 4 AS m, "UserID" FROM {T} ORDER BY m, "UserID" DESC LIMIT 13;
SELECT "UserID", score * 2 AS doubled FROM {T} WHERE score IS NOT NULL ORDER BY doubled DESC, "UserID" LIMIT 4;
SELECT "UserID" FROM {T} ORDER BY "UserID" LIMIT 200;
SELECT "UserID" FROM {T} ORDER BY "UserID" DESC LIMIT 1 OFFSET 99;
-- expect: no rows
SELECT "UserID" FROM {T} ORDER BY "UserID" LIMIT 5 OFFSET 100;
-- expect: no rows
SELECT "UserID" FROM {T} ORDER BY "UserID" LIMIT 0;
SELECT a."UserID", b."UserID" AS other FROM {T} a JOIN {T} b ON a.small = b.small - 1 ORDER BY a.score DESC NULLS LAST, a."UserID", b."UserID" LIMIT 10;
SELECT a."UserID", b."UserID" AS other FROM {T} a CROSS JOIN {T} b WHERE a."UserID" < 4 ORDER BY b.balance DESC NULLS LAST, a."UserID", b."UserID" LIMIT 14 OFFSET 2;
SELECT "UserID" FROM {T} WHERE "UserID" < 40 UNION SELECT "UserID" + 1 FROM {T} WHERE "UserID" > 60 ORDER BY 1 DESC LIMIT 6;
SELECT DISTINCT active, small % 3 AS r FROM {T} ORDER BY active NULLS FIRST, r DESC NULLS FIRST LIMIT 5;
SELECT s."UserID", s.score FROM (SELECT "UserID", score FROM {T} ORDER BY score DESC NULLS LAST, "UserID" LIMIT 10) s ORDER BY s."UserID";
SELECT count(*), min("UserID") FROM (SELECT "UserID" FROM {T} ORDER BY ratio, "UserID" LIMIT 33) t;
SELECT p."UserID", l."Username", p.email FROM {P} p JOIN {L} l ON l."UserID" = p."UserID" ORDER BY l."Username" DESC, p."UserID" LIMIT 7;
SELECT active, count(*) AS n FROM {T} GROUP BY active ORDER BY n DESC, active NULLS FIRST LIMIT 2;
-- An output name matches as written; columns of one name computing the
-- same expression are not ambiguous.
SELECT "UserID", "UserID" FROM {T} WHERE "UserID" < 4 ORDER BY "UserID";
SELECT 1 AS "A", 2 AS a ORDER BY a;
