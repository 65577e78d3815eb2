-- Window functions. Where a value depends on the order of rows within a
-- window (row_number, lag, ROWS frames, string_agg), the window's ORDER BY
-- ends with "UserID" so that it is total on every source; peers (rank,
-- RANGE and GROUPS frames) need no such tie-break.

-- Ranking.
SELECT "UserID", row_number() OVER (ORDER BY "UserID") FROM {T};
SELECT "UserID", active, row_number() OVER (PARTITION BY active ORDER BY "UserID") AS rn FROM {T} ORDER BY "UserID";
SELECT "UserID", small, rank() OVER (ORDER BY small), dense_rank() OVER (ORDER BY small) FROM {T};
SELECT "UserID", active, rank() OVER (PARTITION BY active ORDER BY small DESC NULLS LAST), dense_rank() OVER (PARTITION BY active ORDER BY small / 10) FROM {T};
SELECT "UserID", score, percent_rank() OVER (ORDER BY score), cume_dist() OVER (ORDER BY score) FROM {T};
SELECT "UserID", percent_rank() OVER (PARTITION BY active ORDER BY small / 7 NULLS FIRST), cume_dist() OVER (PARTITION BY active ORDER BY small / 7 NULLS FIRST) FROM {T};
SELECT "UserID", ntile(4) OVER (ORDER BY "UserID"), ntile(7) OVER (ORDER BY balance DESC, "UserID") FROM {T};
SELECT "UserID", active, ntile(3) OVER (PARTITION BY active ORDER BY "UserID"), ntile(200) OVER (PARTITION BY active ORDER BY "UserID") FROM {T};
SELECT "UserID", "Username", rank() OVER (ORDER BY "Username"), row_number() OVER (ORDER BY score DESC NULLS LAST, "UserID") FROM {T};
SELECT "UserID", rank() OVER (ORDER BY score NULLS FIRST), rank() OVER (ORDER BY signup DESC), rank() OVER (ORDER BY token) FROM {T};

-- lag and lead: offsets, defaults typed with the value, every type.
SELECT "UserID", lag("UserID") OVER (ORDER BY "UserID"), lead("UserID") OVER (ORDER BY "UserID") FROM {T};
SELECT "UserID", lag(score, 2, -1) OVER (ORDER BY "UserID"), lead("Username", 3, 'none') OVER (ORDER BY "UserID") FROM {T};
SELECT "UserID", lag(balance, 1, 0) OVER (PARTITION BY active ORDER BY "UserID"), lead("UserID", 1, 0.5) OVER (ORDER BY "UserID") FROM {T};
SELECT "UserID", lag(small, -1) OVER (ORDER BY "UserID"), lead(small, 0) OVER (ORDER BY "UserID"), lag(small, 1, small) OVER (ORDER BY "UserID") FROM {T};
SELECT "UserID", lag(signup) OVER w, lead(last_login, 2) OVER w, lag(created_at) OVER w, lag(token) OVER w, lead(avatar) OVER w, lag(active) OVER w, lead(ratio) OVER w FROM {T} WINDOW w AS (ORDER BY "UserID");
SELECT "UserID", "UserID" - lag("UserID") OVER (ORDER BY "UserID") AS gap, lead(email, 1, "Username") OVER (PARTITION BY email IS NULL ORDER BY "UserID") FROM {T} WHERE "UserID" % 3 = 0;

-- first_value, last_value, nth_value over frames.
SELECT "UserID", first_value("Username") OVER (PARTITION BY active ORDER BY "UserID"), last_value("Username") OVER (PARTITION BY active ORDER BY "UserID") FROM {T};
SELECT "UserID", last_value(email) OVER (PARTITION BY active ORDER BY "UserID" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), first_value(score) OVER (ORDER BY small / 10, "UserID" DESC) FROM {T};
SELECT "UserID", nth_value(score, 3) OVER (ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING), nth_value("UserID", 2) OVER (PARTITION BY small / 20 ORDER BY "UserID") FROM {T};
SELECT "UserID", max("UserID") OVER (ORDER BY small / 10), first_value("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) FROM {T};

-- Aggregates over the whole partition and over the default frame (peers
-- included), typed as PostgreSQL types them.
SELECT "UserID", count(*) OVER (), count(email) OVER (), sum("UserID") OVER (), avg(score) OVER (), min(signup) OVER (), max("Username") OVER () FROM {T};
SELECT "UserID", active, count(*) OVER (PARTITION BY active), max(score) OVER (PARTITION BY active), min(last_login) OVER (PARTITION BY active), sum(balance) OVER (PARTITION BY active) FROM {T};
SELECT "UserID", sum("UserID") OVER (ORDER BY "UserID"), avg("UserID") OVER (ORDER BY "UserID"), count(score) OVER (ORDER BY "UserID") FROM {T};
SELECT "UserID", sum(balance) OVER (PARTITION BY active ORDER BY "UserID"), avg(balance) OVER (PARTITION BY active ORDER BY "UserID") FROM {T};
SELECT "UserID", sum(small) OVER w, avg(small) OVER w, sum(big) OVER w, avg(big) OVER w FROM {T} WINDOW w AS (ORDER BY small / 10);
SELECT "UserID", active, sum("UserID") OVER (ORDER BY active), count(*) OVER (ORDER BY active NULLS FIRST), bool_and(active) OVER (ORDER BY active) FROM {T};
SELECT "UserID", avg(ratio) OVER (ORDER BY "UserID"), avg(score) OVER (PARTITION BY active ORDER BY "UserID"), sum(score) OVER (ORDER BY "UserID") FROM {T};
SELECT "UserID", sum(balance / 3) OVER (ORDER BY "UserID" ROWS 2 PRECEDING), avg(balance / 7) OVER (ORDER BY "UserID" ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM {T};
SELECT "UserID", bool_and(active) OVER (ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING), bool_or(active) OVER (PARTITION BY small > 0 ORDER BY "UserID"), every(active) OVER (PARTITION BY "UserID" % 5) FROM {T};
SELECT "UserID", string_agg("Username", ', ') OVER (ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM {T} WHERE "UserID" < 30;
SELECT "UserID", string_agg(email, ';') OVER (PARTITION BY active ORDER BY "UserID") FROM {T} WHERE "UserID" <= 25;
SELECT "UserID", sum(CASE WHEN active THEN 1 ELSE 0 END) OVER (ORDER BY "UserID"), count(*) OVER (ORDER BY "UserID" / 10) FROM {T};

-- ROWS frames: sliding sums and extremes, frames past the partition's ends.
SELECT "UserID", min(score) OVER (ORDER BY "UserID" ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING), max("Username") OVER (ORDER BY "UserID" ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) FROM {T};
SELECT "UserID", sum(score) OVER (ORDER BY "UserID" ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), sum(ratio) OVER (ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM {T};
SELECT "UserID", sum("UserID") OVER (ORDER BY "UserID" ROWS UNBOUNDED PRECEDING), count(*) OVER (ORDER BY "UserID" ROWS 2 PRECEDING), sum("UserID") OVER (ORDER BY "UserID" ROWS CURRENT ROW) FROM {T};
SELECT "UserID", sum("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), min(balance) OVER (ORDER BY "UserID" ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM {T};
SELECT "UserID", sum("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN 2 FOLLOWING AND 4 FOLLOWING), count(*) OVER (ORDER BY "UserID" ROWS BETWEEN 5 PRECEDING AND 3 PRECEDING) FROM {T};
SELECT "UserID", active, max(small) OVER (PARTITION BY active ORDER BY "UserID" ROWS BETWEEN 1 PRECEDING AND 1.5 FOLLOWING) FROM {T};

-- RANGE frames by value: integers, floats (NaN, infinities), numerics,
-- dates and timestamps by intervals; a NULL key's frame is its NULL peers.
SELECT "UserID", sum("UserID") OVER (ORDER BY "UserID" RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) FROM {T};
SELECT "UserID", small, count(*) OVER (ORDER BY small RANGE BETWEEN 10 PRECEDING AND CURRENT ROW), sum("UserID") OVER (ORDER BY small DESC RANGE BETWEEN 3 PRECEDING AND 1 FOLLOWING) FROM {T};
SELECT "UserID", score, count(*) OVER (ORDER BY score RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING), sum("UserID") OVER (ORDER BY score DESC RANGE BETWEEN 'Infinity' PRECEDING AND 10 FOLLOWING) FROM {T};
SELECT "UserID", ratio, count(*) OVER (ORDER BY ratio RANGE BETWEEN 1.5 PRECEDING AND 0.5 FOLLOWING) FROM {T};
SELECT "UserID", balance, sum(balance) OVER (ORDER BY balance RANGE BETWEEN 1000 PRECEDING AND 500.5 FOLLOWING), count(*) OVER (ORDER BY balance DESC NULLS FIRST RANGE BETWEEN CURRENT ROW AND '2500' FOLLOWING) FROM {T};
SELECT "UserID", signup, count(*) OVER (ORDER BY signup RANGE BETWEEN INTERVAL '1 month' PRECEDING AND CURRENT ROW), count(*) OVER (ORDER BY signup DESC RANGE BETWEEN '10 days' PRECEDING AND '1 year' FOLLOWING) FROM {T};
SELECT "UserID", count(*) OVER (ORDER BY last_login RANGE BETWEEN '3 days' PRECEDING AND '1 day 12 hours' FOLLOWING), count(*) OVER (ORDER BY created_at DESC RANGE BETWEEN CURRENT ROW AND '2 days' FOLLOWING) FROM {T};
SELECT "UserID", big, max("UserID") OVER (ORDER BY big RANGE BETWEEN 3000000000 PRECEDING AND 9223372036854775807 FOLLOWING) FROM {T};

-- GROUPS frames and exclusions.
SELECT "UserID", count(*) OVER (ORDER BY active GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW), sum("UserID") OVER (ORDER BY small / 10 GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM {T};
SELECT "UserID", sum("UserID") OVER (ORDER BY small / 10 GROUPS BETWEEN 2 PRECEDING AND 1 PRECEDING), count(*) OVER (ORDER BY small / 10 GROUPS 1 PRECEDING) FROM {T};
SELECT "UserID", sum("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW), sum("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE NO OTHERS) FROM {T};
SELECT "UserID", count(*) OVER (ORDER BY small / 10 RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP), sum("UserID") OVER (ORDER BY small / 10 RANGE BETWEEN CURRENT ROW AND CURRENT ROW EXCLUDE TIES) FROM {T};
SELECT "UserID", max("UserID") OVER (ORDER BY small / 10 GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE GROUP), min(score) OVER (ORDER BY active RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE TIES) FROM {T};
SELECT "UserID", nth_value("UserID", 2) OVER (ORDER BY "UserID" ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW), last_value("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING EXCLUDE CURRENT ROW), min("UserID") OVER (ORDER BY small / 10 GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING EXCLUDE GROUP) FROM {T};

-- Named windows, one extending another.
SELECT "UserID", rank() OVER w, sum("UserID") OVER w, first_value(email) OVER w FROM {T} WINDOW w AS (PARTITION BY active ORDER BY "UserID");
SELECT "UserID", row_number() OVER (w ORDER BY "UserID"), count(*) OVER w, sum("UserID") OVER (w ORDER BY small / 10 RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM {T} WINDOW w AS (PARTITION BY active);
SELECT "UserID", sum("UserID") OVER b, sum("UserID") OVER (b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM {T} WINDOW a AS (PARTITION BY "UserID" % 4), b AS (a ORDER BY "UserID");
SELECT "UserID" FROM {T} WHERE "UserID" < 4 WINDOW unused AS (ORDER BY score);

-- Windows over groups: window functions of aggregates.
SELECT active, count(*), rank() OVER (ORDER BY count(*) DESC), sum(count(*)) OVER () FROM {T} GROUP BY active;
SELECT small / 10 AS bucket, sum("UserID"), sum(sum("UserID")) OVER (ORDER BY small / 10), lag(count(*)) OVER (ORDER BY small / 10) FROM {T} GROUP BY small / 10 ORDER BY 1;
SELECT active, avg(score), dense_rank() OVER (ORDER BY max(balance)), count(*) OVER () FROM {T} GROUP BY active HAVING count(*) > 10;
SELECT "UserID" % 5 AS k, count(*), rank() OVER w FROM {T} GROUP BY "UserID" % 5 WINDOW w AS (ORDER BY sum(small) NULLS FIRST);

-- DISTINCT after windows, windows in ORDER BY, LIMIT.
SELECT DISTINCT active, count(*) OVER (PARTITION BY active) FROM {T};
SELECT DISTINCT small / 10 AS b, max("UserID") OVER (PARTITION BY small / 10) AS top FROM {T} ORDER BY 1;
SELECT "UserID", score FROM {T} ORDER BY rank() OVER (ORDER BY score DESC NULLS LAST), "UserID" LIMIT 10;
SELECT "UserID", dense_rank() OVER (ORDER BY small / 10) AS dr FROM {T} ORDER BY dr DESC, "UserID" LIMIT 15 OFFSET 3;
SELECT "UserID", 100.0 * row_number() OVER (ORDER BY "UserID") / count(*) OVER () AS pct FROM {T} ORDER BY pct DESC LIMIT 5;

-- Windows in subqueries, CTEs, joins and unions across sources.
SELECT * FROM (SELECT "UserID", active, row_number() OVER (PARTITION BY active ORDER BY score DESC NULLS LAST, "UserID") AS rn FROM {T}) s WHERE rn <= 3;
WITH r AS (SELECT "UserID", rank() OVER (ORDER BY balance DESC NULLS LAST) AS rk FROM {T}) SELECT rk, count(*) FROM r GROUP BY rk HAVING count(*) > 1;
SELECT count(*), max(rn) FROM (SELECT row_number() OVER () AS rn FROM {T}) s;
SELECT a."UserID", b."Username", rank() OVER (PARTITION BY a.active ORDER BY b.score) FROM {T} a JOIN {P} b ON a."UserID" = b."UserID" WHERE a."UserID" < 40;
SELECT l."UserID", sum(s.small) OVER (ORDER BY l."UserID" ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), lag(s."Username") OVER (ORDER BY l."UserID") FROM {L} l JOIN {S} s ON l."UserID" = s."UserID" + 1;
SELECT "UserID", row_number() OVER (ORDER BY "UserID") FROM {T} WHERE "UserID" < 5 UNION ALL SELECT "UserID", row_number() OVER (ORDER BY "UserID" DESC) FROM {P} WHERE "UserID" > 95;
SELECT "UserID", "Username" FROM {T} WHERE "UserID" = (SELECT max(rn) FROM (SELECT row_number() OVER () AS rn FROM {S}) x);
SELECT "UserID", row_number() OVER (ORDER BY "UserID") FROM {T} WHERE "UserID" > 90;
SELECT "UserID", rank() OVER (PARTITION BY active, small > 0 ORDER BY "UserID" DESC), count(*) OVER (PARTITION BY small % 3) FROM {T};

-- Empty input.
-- expect: no rows
SELECT "UserID", row_number() OVER (ORDER BY "UserID"), sum(score) OVER () FROM {E};
-- expect: no rows
SELECT "UserID", lag("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM {T} WHERE "UserID" < 0;

-- Constant keys, every column, grouped expressions.
SELECT "UserID", rank() OVER (ORDER BY 1), count(*) OVER (PARTITION BY 'x' ORDER BY NULL), sum("UserID") OVER (ORDER BY 2 + 2) FROM {T};
SELECT *, rank() OVER (ORDER BY "UserID" DESC) FROM {T} WHERE "UserID" BETWEEN 40 AND 46;
SELECT small / 10 AS b, lag(small / 10) OVER (ORDER BY small / 10), max(count(*)) OVER (ORDER BY small / 10 ROWS 1 PRECEDING) FROM {T} GROUP BY small / 10;
SELECT active, count(*), rank() OVER (PARTITION BY count(*) > 40 ORDER BY min("UserID")) FROM {T} GROUP BY active;
SELECT "UserID", first_value("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING), nth_value(email, 1) OVER (ORDER BY "UserID" ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) FROM {T};
SELECT "UserID", ntile(NULL) OVER (ORDER BY "UserID"), ntile(CASE WHEN "UserID" > 50 THEN 3 END) OVER (ORDER BY "UserID"), nth_value(score, NULL) OVER (ORDER BY "UserID") FROM {T};
SELECT "UserID", sum("UserID") OVER w, min(score) OVER w, lag("UserID", 2) OVER w FROM {T} WINDOW w AS (PARTITION BY active ORDER BY "UserID" ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING);
SELECT "UserID", last_login - TIMESTAMP '2024-01-01', lag(last_login - TIMESTAMP '2024-01-01') OVER (ORDER BY "UserID"), count(*) OVER (ORDER BY last_login - TIMESTAMP '2024-01-01' RANGE BETWEEN '2 days' PRECEDING AND CURRENT ROW) FROM {T};
SELECT "UserID", lag("UserID", 1, (SELECT min("UserID") - 1 FROM {P})) OVER (ORDER BY "UserID"), sum("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN (SELECT count(*) FROM {S} WHERE "UserID" < 3) PRECEDING AND CURRENT ROW) FROM {T} WHERE "UserID" IN (SELECT "UserID" FROM {L} WHERE "UserID" < 10);
