-- Functional dependency on a primary key: every column of a table whose
-- primary-key columns are all grouped may be read ungrouped. Only the
-- PostgreSQL table has a key, so these read {P} on every source ({L} and
-- {S}, Parquet, only through a join); errors_fundep.sql has the tables
-- without one.
SELECT u."UserID", u."Username", count(*) FROM {P} u GROUP BY u."UserID" ORDER BY u."UserID";
SELECT "Username", email, score, balance, signup FROM {P} GROUP BY "UserID" ORDER BY "UserID" LIMIT 10;
SELECT u.*, count(*) FROM {P} u GROUP BY u."UserID" ORDER BY 1 LIMIT 5;
SELECT "Username", upper(email) FROM {P} GROUP BY "UserID" HAVING score > 0 ORDER BY "Username";
SELECT "UserID" FROM {P} GROUP BY "UserID" ORDER BY score DESC NULLS LAST, "UserID" LIMIT 5;
SELECT "UserID", rank() OVER (ORDER BY active NULLS FIRST) FROM {P} GROUP BY "UserID" ORDER BY 1 LIMIT 8;
SELECT "UserID", "Username", count(*) FROM {P} GROUP BY GROUPING SETS (("UserID"), ("UserID", active)) ORDER BY 1, 3 LIMIT 8;
SELECT "UserID", (SELECT u."Username") FROM {P} u GROUP BY "UserID" ORDER BY 1 LIMIT 5;
SELECT a."Username", count(*) FROM {P} a JOIN {P} b ON a."UserID" <= b."UserID" GROUP BY a."UserID" ORDER BY a."UserID" LIMIT 5;
SELECT a."Username", b.score FROM {P} a JOIN {P} b USING ("UserID") GROUP BY "UserID", b."UserID" ORDER BY "UserID" LIMIT 5;
SELECT p."Username", count(l."UserID"), max(s.email) FROM {P} p JOIN {L} l ON p."UserID" = l."UserID" JOIN {S} s ON s."UserID" = l."UserID" GROUP BY p."UserID" ORDER BY p."UserID" LIMIT 5;
