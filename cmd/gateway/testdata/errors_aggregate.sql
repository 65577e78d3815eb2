-- Aggregation errors: aggregates PostgreSQL lacks for a type, misplaced
-- FILTER, ORDER BY and grouping(), ungrouped columns.

SELECT max(active) FROM {T};
SELECT min(avatar) FROM {T};
SELECT max(token) FROM {T};
SELECT stddev("Username") FROM {T};
SELECT variance(active) FROM {T};
SELECT var_pop(signup) FROM {T};
SELECT bit_and(balance) FROM {T};
SELECT bit_or(score) FROM {T};
SELECT bit_xor(active) FROM {T};
SELECT avg("Username") FROM {T};
SELECT sum(signup) FROM {T};
SELECT sum(1e308::float8) FROM {T};
SELECT avg(1e308::float8) FROM {T};
SELECT count(*) FILTER (WHERE "Username") FROM {T};
SELECT count(*) FILTER (WHERE 1) FROM {T};
SELECT count(*) FILTER (WHERE count(*) > 1) FROM {T};
SELECT sum(small) FILTER (WHERE max(small) > 1) FROM {T} GROUP BY active;
SELECT string_agg(DISTINCT "Username", ',' ORDER BY "UserID") FROM {T};
SELECT lower("Username" ORDER BY "UserID") FROM {T};
SELECT lower("Username") FILTER (WHERE active) FROM {T};
SELECT abs(DISTINCT small) FROM {T};
SELECT count(DISTINCT *) FROM {T};
SELECT grouping(active) FROM {T} GROUP BY "UserID";
SELECT grouping(active) FROM {T};
SELECT "UserID" FROM {T} WHERE grouping("UserID") = 0 GROUP BY "UserID";
SELECT u."Username", count(*) FROM {T} u GROUP BY u.active;
SELECT u.email FROM {T} u GROUP BY ROLLUP (u.active);
SELECT u.active, count(*) FROM {T} u GROUP BY CUBE (u.small) HAVING u.active;
SELECT u.active FROM {T} u HAVING count(*) > 1;
SELECT DISTINCT active, count(*) FROM {T} GROUP BY active ORDER BY sum(small);
SELECT count(*) FROM {T} GROUP BY ROLLUP (count(*));
SELECT active FROM {T} GROUP BY GROUPING SETS ((active), (3));
SELECT sum(count(*)) FILTER (WHERE active) FROM {T};
SELECT sum(small, big) FROM {T};
SELECT sum(small ORDER BY "UserID") OVER () FROM {T};
