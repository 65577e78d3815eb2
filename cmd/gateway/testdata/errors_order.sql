-- ORDER BY a name two output columns carry, computed differently.
SELECT "UserID" AS x, "UserID"::text AS x FROM {T} ORDER BY x;
SELECT small, small + 1 AS small FROM {T} ORDER BY small;
SELECT 1 AS a, 2 AS a ORDER BY a;
SELECT "Username" AS n, email AS n FROM {T} ORDER BY n DESC;
