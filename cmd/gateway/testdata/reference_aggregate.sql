-- Aggregation: the variances and standard deviations with PostgreSQL's
-- result scales, the bitwise aggregates, min and max of every orderable
-- type, DISTINCT, FILTER, ORDER BY inside calls, GROUPING SETS, ROLLUP and
-- CUBE with grouping(), HAVING without GROUP BY, empty input.

-- Variance and standard deviation: numeric for integers and numerics,
-- double precision for floats.
SELECT stddev("UserID"), stddev_samp(small), stddev_pop(big), variance(balance), var_samp("UserID"), var_pop(small) FROM {T};
SELECT stddev(ratio), variance(ratio), stddev_pop(ratio), var_pop(ratio) FROM {T};
SELECT stddev(score), variance(score), stddev_pop(score), var_samp(score) FROM {T} WHERE score < 1e10;
SELECT stddev(score), var_pop(score), avg(score) FROM {T};
SELECT active, stddev(balance), var_pop(balance), stddev_pop(small), variance(big) FROM {T} GROUP BY active ORDER BY 1;
SELECT "UserID" % 4 AS k, variance(big), stddev(balance / 3), var_pop(balance / 7) FROM {T} GROUP BY 1 ORDER BY 1;
SELECT stddev(small), variance(small), stddev_pop(small), var_pop(balance), stddev(ratio), var_pop(score) FROM {T} WHERE "UserID" = 5;
SELECT variance(small * 0), stddev(balance * 0), var_pop(big - big), stddev_samp(ratio * 0) FROM {T};
SELECT "UserID" % 3 AS k, stddev(score::numeric), variance(score::numeric) FROM {T} WHERE score < 1000 GROUP BY 1 ORDER BY 1;
SELECT stddev(small::bigint * 1000000007), var_samp("UserID"::numeric / 3) FROM {T};
SELECT "UserID" % 23 AS k, stddev(balance), stddev_pop(big), stddev(small * small), stddev_pop("UserID" * 1.5), variance(balance / 7) FROM {T} GROUP BY 1 ORDER BY 1;

-- bit_and, bit_or, bit_xor keep the integer type.
SELECT bit_and(small), bit_or(small), bit_xor(small), bit_and("UserID"), bit_or("UserID"), bit_xor(big), bit_or(big) FROM {T};
SELECT active, bit_or("UserID" % 16), bit_and(small + 100), bit_xor("UserID") FROM {T} GROUP BY active ORDER BY 1;

-- min and max of every orderable type; between equal values the later one.
SELECT min(signup), max(signup), min(last_login), max(last_login), min(created_at), max(created_at) FROM {T};
SELECT min(email), max(email), min("Username"), max("Username") FROM {T} WHERE "UserID" > 20;
SELECT min(ratio), max(ratio), min(score), max(score), min(balance), max(balance), min(small), max(big) FROM {T};
SELECT max(last_login - TIMESTAMP '2024-01-01 00:00:00'), min(last_login - TIMESTAMP '2024-01-01 00:00:00') FROM {T};
SELECT sum(last_login - TIMESTAMP '2024-01-01 00:00:00'), avg(last_login - TIMESTAMP '2024-01-01 00:00:00'), avg(TIMESTAMP '2024-01-01 00:00:00' - last_login) FROM {T};
SELECT "UserID" % 7 AS k, avg(CASE WHEN active THEN INTERVAL '1 mon 2 days' ELSE INTERVAL '3 mons 01:00:00' END), sum(CASE WHEN small > 0 THEN INTERVAL '1 year 1 second' END) FROM {T} GROUP BY 1 ORDER BY 1;
SELECT min(balance / 7), max(balance / 7), min(balance * 1.50), max("UserID" / 4.0) FROM {T};
SELECT max(CAST(CASE WHEN active THEN '1.0' ELSE '1.00' END AS numeric)), min(CAST(CASE WHEN active THEN '2.50' ELSE '2.5' END AS numeric)) FROM {T};
SELECT active, min(signup), max(created_at), min(lower("Username")), max(score) FROM {T} GROUP BY active ORDER BY 1 NULLS FIRST;

-- count(DISTINCT ...) and other DISTINCT aggregates over many types.
SELECT count(DISTINCT signup), count(DISTINCT last_login), count(DISTINCT created_at), count(DISTINCT token), count(DISTINCT avatar), count(DISTINCT ratio), count(DISTINCT balance) FROM {T};
SELECT count(DISTINCT "UserID" % 7), count(DISTINCT small / 10), count(DISTINCT active), count(DISTINCT lower(left("Username", 2))) FROM {T};
SELECT active, count(DISTINCT signup), count(DISTINCT email), sum(DISTINCT small), avg(DISTINCT "UserID" % 10) FROM {T} GROUP BY active ORDER BY 1;
SELECT count(DISTINCT balance * 0), count(DISTINCT score * 0), count(DISTINCT CAST(CASE WHEN active THEN '1.0' ELSE '1.00' END AS numeric)) FROM {T};
SELECT sum(DISTINCT ratio), avg(DISTINCT score), stddev(DISTINCT ratio), sum(DISTINCT balance) FROM {T} WHERE score < 1e10;
SELECT string_agg(DISTINCT left("Username", 2), ',') FROM {T};
SELECT count(DISTINCT last_login - TIMESTAMP '2024-01-01 00:00:00'), count(DISTINCT extract(month from signup)) FROM {T};

-- FILTER (WHERE ...) on every kind of aggregate.
SELECT count(*) FILTER (WHERE active), count(*) FILTER (WHERE NOT active), count(email) FILTER (WHERE "UserID" > 50), sum(small) FILTER (WHERE small > 0) FROM {T};
SELECT active, count(*) FILTER (WHERE score > 10), avg(balance) FILTER (WHERE balance < 0), max("Username") FILTER (WHERE "UserID" % 2 = 0) FROM {T} GROUP BY active ORDER BY 1;
SELECT count(DISTINCT signup) FILTER (WHERE active), string_agg("Username", ',') FILTER (WHERE "UserID" < 5), bool_and(active) FILTER (WHERE small > 0) FROM {T};
SELECT sum("UserID") FILTER (WHERE NULL), count(*) FILTER (WHERE false), max(score) FILTER (WHERE "UserID" < 0) FROM {T};
SELECT stddev(small) FILTER (WHERE active), bit_or(small) FILTER (WHERE small > 0), min(signup) FILTER (WHERE NOT active), var_pop(ratio) FILTER (WHERE ratio > 10) FROM {T};
SELECT "UserID" % 3 AS k, count(*), count(*) FILTER (WHERE email LIKE '%1%') AS ones FROM {T} GROUP BY 1 HAVING count(*) FILTER (WHERE active) > 10 ORDER BY 1;

-- ORDER BY inside a call: the order string_agg and float sums take.
SELECT string_agg("Username", ',' ORDER BY "UserID" DESC) FROM {T} WHERE "UserID" < 10;
SELECT active, string_agg(left("Username", 3), '|' ORDER BY "Username") FROM {T} WHERE "UserID" < 30 GROUP BY active ORDER BY 1;
SELECT string_agg(DISTINCT left("Username", 1), '' ORDER BY left("Username", 1) DESC) FROM {T};
SELECT string_agg(email, ';' ORDER BY signup NULLS FIRST, "UserID") FILTER (WHERE "UserID" < 15) FROM {T};
SELECT sum(ratio ORDER BY ratio DESC), sum(score ORDER BY "UserID" DESC), avg(ratio ORDER BY "Username") FROM {T} WHERE score < 1e10;
SELECT count(email ORDER BY "UserID"), max(small ORDER BY big DESC), string_agg("Username", '' ORDER BY big DESC NULLS LAST, "UserID") FILTER (WHERE "UserID" > 90) FROM {T};

-- GROUPING SETS, ROLLUP, CUBE: NULL for the keys a set leaves out, grouping() as a bit mask.
SELECT active, signup IS NULL AS nosignup, count(*), grouping(active, signup IS NULL) AS g FROM {T} GROUP BY GROUPING SETS ((active, signup IS NULL), (active), ()) ORDER BY g, 1 NULLS FIRST, 2 NULLS FIRST;
SELECT active, "UserID" % 3 AS k, count(*), sum(small), grouping(active, "UserID" % 3) FROM {T} GROUP BY ROLLUP (active, "UserID" % 3) ORDER BY 5, 1 NULLS FIRST, 2 NULLS FIRST;
SELECT active, email IS NULL AS noemail, count(*), grouping(active) AS ga, grouping(email IS NULL) AS ge FROM {T} GROUP BY CUBE (active, email IS NULL) ORDER BY ga, ge, 1 NULLS FIRST, 2 NULLS FIRST;
SELECT "UserID" % 2 AS a, active, "UserID" % 3 AS b, count(*), grouping("UserID" % 2, active, "UserID" % 3) AS g FROM {T} GROUP BY "UserID" % 2, ROLLUP (active, "UserID" % 3) ORDER BY g, 1, 2 NULLS FIRST, 3 NULLS FIRST;
SELECT active, count(*), grouping(active) FROM {T} GROUP BY ROLLUP (active), ROLLUP (active) ORDER BY 3, 1 NULLS FIRST, 2;
SELECT active, count(*), grouping(active) FROM {T} GROUP BY DISTINCT ROLLUP (active), ROLLUP (active) ORDER BY 3, 1 NULLS FIRST;
SELECT active, small > 0 AS pos, count(*), max(score) FROM {T} GROUP BY GROUPING SETS (active, small > 0, ROLLUP (active, small > 0)) ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3, 4;
SELECT active, "UserID" % 4 AS k, sum(balance), avg(small) FROM {T} GROUP BY ROLLUP (1, 2) HAVING count(*) > 10 ORDER BY grouping(active, "UserID" % 4), 1 NULLS FIRST, 2 NULLS FIRST;
SELECT active, string_agg(left("Username", 2), ',' ORDER BY "UserID") FILTER (WHERE "UserID" < 12), count(DISTINCT signup) FROM {T} GROUP BY CUBE (active) ORDER BY grouping(active), 1 NULLS FIRST;
SELECT extract(year from signup) AS y, active, count(*) FROM {T} GROUP BY GROUPING SETS ((extract(year from signup), active), (active, extract(year from signup))) ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3;
SELECT active, (active IS NULL) AS unknown, count(*) FROM {T} GROUP BY (active, active IS NULL) ORDER BY 1 NULLS FIRST;
SELECT count(*), sum(small) FROM {T} GROUP BY ();
SELECT count(*), max(score), grouping(active) FROM {E} GROUP BY GROUPING SETS ((active), ());

-- HAVING without GROUP BY, aggregates of empty input, empty groups.
SELECT count(*), sum(small) FROM {T} HAVING count(*) > 50;
-- expect: no rows
SELECT count(*) FROM {T} HAVING count(*) > 500;
SELECT count(*), count(email), sum(small), avg(balance), stddev(small), var_pop(score), bit_and(small), bit_or(big), min(signup), max(created_at) FROM {E};
SELECT count(*) FILTER (WHERE active), string_agg(email, ',' ORDER BY email), count(DISTINCT email), bool_or(active) FROM {E};
-- expect: no rows
SELECT active, count(*), stddev(small) FROM {E} GROUP BY ROLLUP (active) HAVING count(*) > 0;
SELECT active, count(*) FROM {T} WHERE "UserID" < 0 GROUP BY CUBE (active, small);
SELECT count(*), stddev("UserID"), min("Username") FROM {T} WHERE "UserID" < 0;

-- SELECT DISTINCT over an aggregation; grouping on values that compare equal.
SELECT DISTINCT count(*) > 40 AS big, active IS NULL AS unknown FROM {T} GROUP BY active ORDER BY 1, 2;
SELECT DISTINCT "UserID" % 4 AS k FROM {T} GROUP BY "UserID" ORDER BY k;
SELECT x, count(*) FROM (SELECT CAST(CASE WHEN active THEN '1.0' ELSE '1.00' END AS numeric) AS x FROM {T}) s GROUP BY x;
SELECT x, count(*) FROM (SELECT CASE WHEN active THEN 0.0::float8 ELSE '-0'::float8 END AS x FROM {T}) s GROUP BY x;
SELECT last_login - TIMESTAMP '2024-01-01 00:00:00' AS span, count(*) FROM {T} WHERE "UserID" < 20 GROUP BY 1;

SELECT token, avatar, count(*) FROM {T} WHERE "UserID" % 9 = 1 OR token IS NULL GROUP BY token, avatar;
SELECT created_at, signup, score, count(*) FROM {T} WHERE "UserID" < 12 OR score > 1e10 GROUP BY 1, 2, 3;
SELECT active, count(*) FILTER (WHERE small > 0) AS pos FROM {T} GROUP BY active HAVING count(*) FILTER (WHERE small > 0) > 10 ORDER BY count(*) FILTER (WHERE small < 0), 1;
SELECT active, small > 0 AS pos, count(*) FROM {T} GROUP BY ROLLUP (active, small > 0) HAVING grouping(active, small > 0) = 0 AND count(*) > 5 ORDER BY 1, 2;

-- The new aggregates over window frames.
SELECT "UserID", stddev(small) OVER (PARTITION BY active ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), bit_or("UserID") OVER (ORDER BY "UserID" ROWS 1 PRECEDING), var_pop(balance) OVER (PARTITION BY active) FROM {T} WHERE "UserID" < 20 ORDER BY 1;

-- Across sources.
SELECT p.active, stddev(l.small), count(DISTINCT s.signup), bit_or(p.small) FROM {P} p JOIN {L} l ON p."UserID" = l."UserID" JOIN {S} s ON s."UserID" = l."UserID" GROUP BY ROLLUP (p.active) ORDER BY 1 NULLS FIRST;
SELECT t.active, count(*) FILTER (WHERE p.score > 10), string_agg(s."Username", ',' ORDER BY s."UserID") FILTER (WHERE s."UserID" < 8) FROM {T} t JOIN {P} p ON p."UserID" = t."UserID" JOIN {S} s ON s."UserID" = t."UserID" GROUP BY CUBE (t.active) ORDER BY 1 NULLS FIRST;
SELECT k, count(*), var_pop(v) FROM (SELECT "UserID" % 3 AS k, small AS v FROM {P} UNION ALL SELECT "UserID" % 3, small FROM {L} UNION ALL SELECT "UserID" % 3, small FROM {S}) u GROUP BY GROUPING SETS ((k), ()) ORDER BY 1 NULLS FIRST;
