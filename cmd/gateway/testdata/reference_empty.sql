-- Empty tables: {E} is each source's table with the users table's columns
-- and no rows.
SELECT count(*), count(email), sum(balance), avg(score), min(signup), max("Username"), bool_and(active), string_agg("Username", ',') FROM {E};
-- expect: no rows
SELECT * FROM {E};
-- expect: no rows
SELECT active, count(*) FROM {E} GROUP BY active;
-- expect: no rows
SELECT "UserID" FROM {E} WHERE "UserID" > 0 ORDER BY 1 LIMIT 5;
SELECT t."UserID", e."UserID" FROM {T} t LEFT JOIN {E} e ON e."UserID" = t."UserID" WHERE t."UserID" < 4 ORDER BY 1;
-- expect: no rows
SELECT t."UserID" FROM {T} t JOIN {E} e ON e."UserID" = t."UserID";
SELECT e."UserID", t."UserID" FROM {E} e RIGHT JOIN {T} t ON e."UserID" = t."UserID" WHERE t."UserID" BETWEEN 5 AND 7 ORDER BY 2;
SELECT "UserID" FROM {T} WHERE "UserID" < 5 UNION SELECT "UserID" FROM {E} ORDER BY 1;
SELECT "UserID" FROM {T} WHERE "UserID" < 5 EXCEPT SELECT "UserID" FROM {E} ORDER BY 1;
-- expect: no rows
SELECT "UserID" FROM {T} INTERSECT SELECT "UserID" FROM {E};
SELECT count(*) FROM {T} WHERE "UserID" NOT IN (SELECT "UserID" FROM {E});
-- expect: no rows
SELECT "UserID" FROM {T} WHERE "UserID" IN (SELECT "UserID" FROM {E});
SELECT (SELECT max(score) FROM {E}) IS NULL AS empty_max, EXISTS (SELECT 1 FROM {E}) AS any_rows;
-- expect: no rows
SELECT DISTINCT "Username" FROM {E};
SELECT count(*) FROM (SELECT "UserID" FROM {E} UNION ALL SELECT "UserID" FROM {E}) u;
