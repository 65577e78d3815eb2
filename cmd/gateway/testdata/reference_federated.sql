-- One statement over all three kinds of source: {P} PostgreSQL, {L} local
-- Parquet, {S} Parquet on S3, with {T} the source under test.
SELECT "UserID", 'pg' AS src FROM {P} WHERE "UserID" < 4 UNION ALL SELECT "UserID", 'local' FROM {L} WHERE "UserID" < 3 UNION ALL SELECT "UserID", 's3' FROM {S} WHERE "UserID" < 2 ORDER BY 2, 1;
SELECT count(*) FROM (SELECT "UserID" FROM {P} UNION SELECT "UserID" FROM {L} UNION SELECT "UserID" FROM {S}) u;
SELECT p."UserID", l."Username", s.signup, t.score FROM {P} p JOIN {L} l ON l."UserID" = p."UserID" JOIN {S} s ON s."UserID" = l."UserID" JOIN {T} t ON t."UserID" = s."UserID" WHERE p."UserID" % 9 = 0 ORDER BY 1;
SELECT l.active, count(*), sum(p.balance), max(s.last_login) FROM {L} l LEFT JOIN {P} p ON p."UserID" = l."UserID" AND p.score > 20 LEFT JOIN {S} s ON s."UserID" = p."UserID" GROUP BY l.active ORDER BY 1 NULLS FIRST;
SELECT "UserID", "Username" FROM {P} WHERE "UserID" IN (SELECT "UserID" FROM {S} WHERE small > 40) AND "UserID" NOT IN (SELECT "UserID" FROM {L} WHERE "UserID" % 2 = 0) ORDER BY 1;
SELECT "UserID" FROM {S} WHERE score > (SELECT avg(score) FROM {P} WHERE score < 1000) AND "UserID" < 90 INTERSECT SELECT "UserID" FROM {L} WHERE active ORDER BY 1;
WITH pg AS (SELECT "UserID", balance FROM {P} WHERE balance > 0), files AS (SELECT "UserID", "Username" FROM {L} UNION ALL SELECT "UserID", "Username" FROM {S}) SELECT f."Username", pg.balance, count(*) FROM files f JOIN pg ON pg."UserID" = f."UserID" GROUP BY 1, 2 HAVING count(*) = 2 ORDER BY 2 DESC, 1 LIMIT 7;
SELECT t."UserID", t.signup, s.signup - t.signup AS days FROM {T} t FULL JOIN {S} s ON s."UserID" = t."UserID" + 50 WHERE coalesce(t."UserID", s."UserID") BETWEEN 45 AND 56 ORDER BY t."UserID" NULLS LAST, s."UserID";
SELECT "UserID" FROM {L} EXCEPT SELECT "UserID" FROM {P} WHERE "UserID" > 3 EXCEPT SELECT "UserID" FROM {S} WHERE "UserID" = 2 ORDER BY 1;
SELECT (SELECT count(*) FROM {P}) + (SELECT count(*) FROM {L}) + (SELECT count(*) FROM {S}) AS total;
