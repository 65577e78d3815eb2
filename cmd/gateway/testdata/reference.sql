-- Reference queries: each runs through Auger on every copy of the users
-- table ({T}: PostgreSQL's "Users", users.parquet locally and on S3, a
-- folder of Parquet files) and directly on PostgreSQL with {T} = "Users";
-- the text results must match cell for cell. Rows are compared in order
-- when the query says ORDER BY, as sorted sets otherwise. A query must
-- return rows unless a line "-- expect: no rows" precedes it.

SELECT * FROM {T} WHERE "UserID" <= 100 AND "UserID" IN (1, 2, 3, 4, 5, 42, 43, 44, 45, 99);
SELECT "Username" FROM {T} WHERE "UserID" = 42;
SELECT "UserID", email, balance FROM {T} WHERE balance > 1000.5 AND NOT active;
SELECT "UserID" FROM {T} WHERE email IS NULL;
SELECT "UserID", score FROM {T} WHERE score IS NOT NULL AND (score < 2 OR score > 100);
SELECT "UserID", signup FROM {T} WHERE signup >= '2023-01-01' AND signup < DATE '2024-06-01';
SELECT "UserID", last_login, created_at FROM {T} WHERE last_login > '2024-03-01 00:00:00';
SELECT "UserID", token, avatar FROM {T} WHERE "UserID" NOT IN (1, 2, 3) AND small BETWEEN -10 AND 10;
SELECT "UserID", "Username" FROM {T} WHERE "Username" = 'O''Brien_3';
SELECT "UserID", "Username" FROM {T} WHERE "Username" IN ('''; DROP TABLE x; --_6', 'zoë_4', '日本語_5');
SELECT "UserID" AS id, big, ratio FROM {T} WHERE big <> 0 AND ratio > 30;
SELECT "UserID" FROM {T} WHERE active = true AND "UserID" IN (1, 3, 4, NULL);
-- expect: no rows
SELECT "UserID" FROM {T} WHERE "UserID" NOT IN (2, NULL);
SELECT "UserID", email FROM {T} WHERE email IS NOT NULL AND "UserID" > 95;
SELECT "UserID", token FROM {T} WHERE token = 'c9b1b3d6-3c4b-5e07-a0a0-000000000000' OR "UserID" = 7;
SELECT created_at, "UserID" FROM {T} WHERE created_at < '2024-01-10 00:00:00+00' AND created_at >= '2024-01-01';
SELECT ratio FROM {T} WHERE ratio >= 1.5 AND ratio < 2;
SELECT "UserID", balance FROM {T} WHERE balance = -500 OR balance IN (12.34, 6172.50);
SELECT "UserID" FROM {T} WHERE NOT (active OR score > 50);
SELECT "UserID", avatar FROM {T} WHERE avatar IS NOT NULL AND "UserID" < 4;
-- expect: no rows
SELECT * FROM {T} LIMIT 0;

-- ORDER BY: positions, output names, expressions over unselected columns,
-- directions and NULL placement; text in byte order.
SELECT * FROM {T} ORDER BY "UserID" DESC LIMIT 7;
SELECT "UserID", score FROM {T} WHERE "UserID" < 30 ORDER BY score, "UserID";
SELECT "UserID", score FROM {T} WHERE "UserID" < 30 ORDER BY score DESC NULLS LAST, 1;
SELECT "UserID" AS id, active FROM {T} WHERE "UserID" < 20 ORDER BY active NULLS FIRST, id DESC;
SELECT "Username" FROM {T} WHERE "UserID" BETWEEN 10 AND 40 ORDER BY "Username";
SELECT "UserID" FROM {T} WHERE balance IS NOT NULL ORDER BY balance DESC, signup LIMIT 10 OFFSET 5;
SELECT email, "UserID" FROM {T} ORDER BY 1 NULLS FIRST, 2 LIMIT 20;
SELECT "UserID", created_at, last_login FROM {T} ORDER BY created_at, last_login DESC, "UserID" LIMIT 15;
SELECT "UserID", token, avatar, ratio, small, big FROM {T} WHERE "UserID" > 80 ORDER BY token, avatar DESC;
SELECT "UserID", small FROM {T} ORDER BY small DESC NULLS FIRST, "UserID" DESC LIMIT 12;
-- expect: no rows
SELECT "UserID" FROM {T} WHERE "UserID" < 0 ORDER BY "Username";

-- Arithmetic, typed as PostgreSQL types it.
SELECT "UserID" + 1, "UserID" - 100, "UserID" * 3, "UserID" / 7, "UserID" % 7, -"UserID" FROM {T} WHERE "UserID" <= 12;
SELECT small + 1, small * small, small / 3, small % 4, -small, big + small, big * 2 FROM {T} WHERE small IS NOT NULL AND "UserID" < 30;
SELECT "UserID", score * 2, score + "UserID", score / 4, -score FROM {T} WHERE score < 1000 AND "UserID" < 40;
SELECT ratio + ratio, ratio * 2, ratio - 0.5 FROM {T} WHERE "UserID" BETWEEN 1 AND 9;
SELECT balance + 1, balance - 0.125, balance * 2, balance * 1.5, balance + balance, "UserID" + balance FROM {T} WHERE "UserID" < 20;
SELECT "UserID" FROM {T} WHERE "UserID" * 2 > 150 AND "UserID" % 3 = 0;
SELECT "UserID", (big + "UserID") % 1000 FROM {T} WHERE big / 1000000007 = "UserID" - 1 ORDER BY 2 DESC LIMIT 5;
SELECT 7 / 2, -7 / 2, 7 % -3, -7 % 3, 2.5 * 4, 1.10 + 2.205, 3 - 4.5, 9223372036854775807 - 1;

-- Aggregates and GROUP BY, typed as PostgreSQL types them.
SELECT count(*) FROM {T};
SELECT count(*), count(email), count(DISTINCT active), sum("UserID"), sum(big), sum(balance), min(score), max(score) FROM {T};
SELECT avg("UserID"), avg(small), avg(balance), avg(score), avg(ratio), sum(ratio), sum(score) FROM {T};
SELECT active, count(*), sum(small), min("Username"), max("Username") FROM {T} GROUP BY active;
SELECT active, count(*) AS n FROM {T} GROUP BY 1 HAVING count(*) > 20 ORDER BY n DESC, active;
SELECT "UserID" % 5 AS bucket, count(*), avg(balance), max(created_at), min(signup) FROM {T} GROUP BY "UserID" % 5 ORDER BY bucket;
SELECT signup, count(*) FROM {T} WHERE signup IS NOT NULL GROUP BY signup HAVING count(*) >= 1 ORDER BY signup LIMIT 10;
SELECT count(*) + 1, sum(small) * 2, max("UserID") - min("UserID") FROM {T} WHERE "UserID" > 10;
SELECT email IS NULL, count(*), min("Username"), max(created_at) FROM {T} GROUP BY email IS NULL ORDER BY 1;
SELECT count(*), sum(balance), avg("UserID"), min(score) FROM {T} WHERE "UserID" < 0;
-- expect: no rows
SELECT active, count(*) FROM {T} WHERE "UserID" < 0 GROUP BY active;
SELECT big, count(*) FROM {T} GROUP BY big ORDER BY big NULLS FIRST LIMIT 5;

-- CASE, COALESCE, NULLIF, GREATEST/LEAST, text functions, LIKE and ILIKE.
SELECT "UserID", CASE WHEN active THEN 'yes' WHEN NOT active THEN 'no' ELSE 'unknown' END FROM {T} WHERE "UserID" < 12;
SELECT "UserID", CASE "UserID" % 3 WHEN 0 THEN 'fizz' WHEN 1 THEN 'one' END AS kind FROM {T} WHERE "UserID" < 10;
SELECT "UserID", CASE WHEN small = 0 THEN 0 ELSE 1000 / small END FROM {T} WHERE small BETWEEN -3 AND 3;
SELECT "UserID", CASE WHEN score > 50 THEN score ELSE balance END FROM {T} WHERE "UserID" < 15;
SELECT "UserID", coalesce("Username", 'none'), coalesce(small, big, 0), nullif(small, 0), nullif("Username", 'alice_1') FROM {T} WHERE "UserID" < 12;
SELECT "UserID", greatest(small, -5, "UserID" - 50), least(score, 10.5) FROM {T} WHERE "UserID" < 12;
SELECT lower("Username"), upper("Username"), length("Username"), char_length(email), "Username" || '!' || "UserID" FROM {T} WHERE "UserID" < 20;
SELECT "UserID", "Username" FROM {T} WHERE "Username" LIKE 'a%' OR "Username" LIKE '_ob%' OR "Username" LIKE '%\_4_';
SELECT "UserID" FROM {T} WHERE "Username" NOT LIKE '%e%' AND email NOT ILIKE '%3@%';
SELECT "UserID", "Username" FROM {T} WHERE "Username" ILIKE 'BOB%' OR "Username" ILIKE '%É%';
SELECT CASE WHEN count(*) > 50 THEN 'many' ELSE 'few' END, coalesce(max(email), '-') FROM {T} GROUP BY active ORDER BY 2;

-- Joins, within a source and across sources ({P} is always PostgreSQL's).
SELECT a."UserID", b."Username" FROM {T} a JOIN {P} b ON a."UserID" = b."UserID" + 1 WHERE a."UserID" < 10;
SELECT a."UserID", b."UserID" FROM {T} a LEFT JOIN {P} b ON a."UserID" = b."UserID" * 10 WHERE a."UserID" BETWEEN 5 AND 25;
SELECT a."UserID", b."UserID" FROM {P} a RIGHT JOIN {T} b ON a."UserID" = b."UserID" * 10 AND a.active WHERE b."UserID" BETWEEN 5 AND 25;
SELECT a."UserID", b."UserID" FROM {T} a FULL JOIN {T} b ON a."UserID" = b."UserID" + 90 WHERE coalesce(a."UserID", b."UserID") > 85 OR b."UserID" < 3;
SELECT a."UserID", b."UserID" FROM {T} a, {P} b WHERE a."UserID" < 3 AND b."UserID" < 3;
SELECT a."UserID", b."UserID" FROM {T} a CROSS JOIN {P} b WHERE a."UserID" + b."UserID" = 5;
SELECT a.active, count(*), sum(b.small) FROM {T} a JOIN {P} b ON a."UserID" = b."UserID" GROUP BY a.active ORDER BY 1;
-- expect: no rows
SELECT a."UserID", b."UserID" FROM {T} a JOIN {P} b ON a.email = b.email AND a."UserID" <> b."UserID";
SELECT a."Username", b.created_at FROM {T} a JOIN {P} b ON a.token = b.token WHERE a."UserID" % 10 = 0 ORDER BY 1;
SELECT * FROM {T} a JOIN {P} b ON a."UserID" = b."UserID" WHERE a."UserID" = 42;
SELECT a."UserID", b."UserID" FROM {T} a JOIN {P} b ON a.score < b.score AND b."UserID" = 3 WHERE a."UserID" < 10;

-- DISTINCT.
SELECT DISTINCT active FROM {T};
SELECT DISTINCT active, "UserID" % 3 AS m FROM {T} ORDER BY m DESC, active;
SELECT DISTINCT "UserID" / 10 AS tens FROM {T} WHERE "UserID" < 55 ORDER BY 1 LIMIT 4;

-- Subqueries in FROM and UNION.
SELECT s.id, s.doubled FROM (SELECT "UserID" AS id, "UserID" * 2 AS doubled FROM {T} WHERE "UserID" < 8) s WHERE s.doubled > 6;
SELECT t.active, t.n FROM (SELECT active, count(*) AS n FROM {T} GROUP BY active) t ORDER BY t.n DESC, t.active;
SELECT x."UserID", y."Username" FROM (SELECT "UserID" FROM {T} WHERE "UserID" < 5) x JOIN {P} y ON x."UserID" = y."UserID";
SELECT "UserID" FROM {T} WHERE "UserID" < 3 UNION ALL SELECT "UserID" FROM {P} WHERE "UserID" < 3 ORDER BY 1;
SELECT active FROM {T} UNION SELECT active FROM {P} ORDER BY active NULLS FIRST;
SELECT "UserID", 'parquet' AS src FROM {T} WHERE "UserID" = 1 UNION ALL SELECT small, 'pg' FROM {P} WHERE "UserID" = 2 UNION ALL SELECT 3, NULL;
SELECT balance FROM {T} WHERE "UserID" < 4 UNION SELECT score FROM {P} WHERE "UserID" < 4 ORDER BY 1 LIMIT 5;

-- Numeric division, with PostgreSQL's scale per quotient.
SELECT "UserID", balance / 3, balance / "UserID", 10 / balance, 1.5 / 7 FROM {T} WHERE "UserID" < 12;

-- Text functions.
SELECT "Username", substr("Username", 2), substr("Username", 2, 3), substring("Username" from 0 for 3), substr("Username", -1, 4) FROM {T} WHERE "UserID" < 12;
SELECT btrim('xxhixx', 'x'), ltrim('  hi  '), rtrim('  hi  '), trim(both 'x' from 'xhix'), trim(leading from '  a'), replace("Username", '_', '-') FROM {T} WHERE "UserID" < 4;
SELECT "Username", strpos("Username", '_'), position('b' in "Username"), left("Username", 3), right("Username", 2), left("Username", -2), right("Username", -3) FROM {T} WHERE "UserID" < 10;
SELECT "UserID" FROM {T} WHERE starts_with("Username", 'zo') OR starts_with(email, 'user1');

-- WITH.
WITH young AS (SELECT "UserID", "Username" FROM {T} WHERE "UserID" < 6), named AS (SELECT * FROM young WHERE "Username" LIKE '%o%') SELECT y."UserID", n."Username" FROM young y LEFT JOIN named n ON y."UserID" = n."UserID";
WITH counts AS (SELECT active, count(*) AS n FROM {T} GROUP BY active) SELECT * FROM counts c JOIN {P} p ON p."UserID" = c.n ORDER BY 1;

-- Subqueries in expressions (not correlated).
SELECT "UserID" FROM {T} WHERE "UserID" IN (SELECT "UserID" * 10 FROM {P} WHERE "UserID" < 5);
SELECT "UserID" FROM {T} WHERE "UserID" < 8 AND "UserID" NOT IN (SELECT small + 50 FROM {P} WHERE small IS NOT NULL);
-- expect: no rows
SELECT "UserID" FROM {T} WHERE "UserID" NOT IN (SELECT small FROM {P});
SELECT "UserID", (SELECT max(balance) FROM {P}) AS top, "UserID" = (SELECT min("UserID") FROM {T}) AS first FROM {T} WHERE "UserID" < 4;
SELECT count(*) FROM {T} WHERE EXISTS (SELECT 1 FROM {P} WHERE "UserID" = 1000) OR EXISTS (SELECT 1 FROM {P} WHERE "UserID" = 5);
SELECT "UserID" FROM {T} WHERE score > (SELECT avg(score) FROM {P} WHERE score < 100) AND "UserID" < 60;

-- Math functions, typed as PostgreSQL types them.
SELECT "UserID", abs(small), abs(balance), abs(score - 50), round(score), round(balance), round(balance, 1), round(balance, -2), ceil(balance), floor(balance), ceiling(score) FROM {T} WHERE "UserID" < 14;
SELECT round(2.5), round(-2.5), round(2.5::float8), ceil(-1.5), floor(-1.5), sqrt("UserID"), power("UserID", 2), mod("UserID", 7), mod(-"UserID", 4) FROM {T} WHERE "UserID" < 9;

-- INTERSECT and EXCEPT.
SELECT "UserID" % 5 FROM {T} WHERE "UserID" < 20 INTERSECT SELECT "UserID" % 3 FROM {P} ORDER BY 1;
SELECT active FROM {T} EXCEPT SELECT active FROM {P} WHERE active;
SELECT "UserID" % 4 AS m FROM {T} WHERE "UserID" < 13 INTERSECT ALL SELECT "UserID" % 2 FROM {P} WHERE "UserID" < 7 ORDER BY m;
SELECT "UserID" % 4 AS m FROM {T} WHERE "UserID" < 13 EXCEPT ALL SELECT "UserID" % 2 FROM {P} WHERE "UserID" < 7 ORDER BY m;
SELECT email FROM {T} WHERE "UserID" < 8 EXCEPT SELECT email FROM {P} WHERE "UserID" BETWEEN 2 AND 5 ORDER BY 1 NULLS FIRST;

-- string_agg, bool_and, bool_or, every.
SELECT active, string_agg("Username", ', '), bool_and(score > 10), bool_or(score > 100), every(small < 40) FROM {T} WHERE "UserID" < 12 GROUP BY active ORDER BY 1;
SELECT string_agg(DISTINCT left("Username", 1), '') FROM {T} WHERE "UserID" < 3;

-- Dates and times: extract (numeric), date_part (double), date_trunc.
SELECT "UserID", extract(year from signup), extract(month from last_login), extract(second from last_login), extract(dow from signup), extract(doy from created_at), extract(quarter from signup), extract(week from signup), extract(epoch from last_login), extract(epoch from signup) FROM {T} WHERE "UserID" < 10;
SELECT "UserID", date_part('hour', last_login), date_part('isodow', signup), date_trunc('month', last_login), date_trunc('week', created_at), date_trunc('hour', created_at), date_trunc('quarter', signup), date_trunc('year', last_login) FROM {T} WHERE "UserID" < 10;
SELECT extract(year from signup) AS y, count(*) FROM {T} GROUP BY 1 ORDER BY 1;

-- Date and time arithmetic.
SELECT "UserID", signup + 7, signup - 31, signup - DATE '2020-01-01', signup + interval '1 month', signup - '2 days'::interval FROM {T} WHERE "UserID" < 10;
SELECT "UserID", last_login + interval '1 day 02:00:00', last_login - interval '1 year 1 mon', created_at + '90 minutes', last_login - TIMESTAMP '2024-01-01 00:00:00', interval '1 day' + interval '3 hours' FROM {T} WHERE "UserID" < 10;
SELECT DATE '2024-01-31' + interval '1 month', TIMESTAMP '2024-03-31 10:00:00' - interval '1 mon', DATE '2024-02-29' + interval '1 year', 7 + DATE '2024-12-28';
SELECT "UserID" FROM {T} WHERE last_login > TIMESTAMP '2024-01-15 10:30:00' + interval '40 days' AND "UserID" < 40;

-- Regular expressions.
SELECT "UserID", "Username" FROM {T} WHERE "Username" ~ '^[a-d].*_[0-9]$' OR "Username" ~* '^BOB_1' OR email !~ '@example\.com$';
SELECT "UserID" FROM {T} WHERE "Username" !~* 'o' AND "UserID" < 30;

-- Combinations: NULLs, empty groups, duplicates, negatives, unicode and quotes.
SELECT count(*), count(DISTINCT active), count(DISTINCT email) FROM {T} WHERE "UserID" > 90;
SELECT small, count(*) FROM {T} WHERE small < -40 GROUP BY small ORDER BY small;
SELECT coalesce(left(email, 5), '(none)') AS e, count(*) FROM {T} GROUP BY 1 HAVING count(*) > 1 OR coalesce(left(email, 5), '(none)') = '(none)' ORDER BY 1;
SELECT "Username", length("Username"), upper("Username"), "Username" || '''s' FROM {T} WHERE "Username" LIKE '%''%' OR "Username" LIKE '日%' OR "Username" LIKE 'zo%' ORDER BY "UserID";
SELECT "UserID", -small, small * -1, abs(-small), small % -7 FROM {T} WHERE small < 0 ORDER BY "UserID" LIMIT 8;
SELECT min(created_at), max(created_at), min(signup), max(last_login), min("Username"), max("Username") FROM {T};
SELECT active, min(balance), max(balance), sum(balance), avg(balance) FROM {T} GROUP BY active ORDER BY active NULLS LAST;
SELECT "UserID" FROM {T} WHERE NOT (active IS NULL) AND NOT active AND "UserID" < 20 ORDER BY 1 DESC;
SELECT "UserID", CASE WHEN email IS NULL THEN NULL WHEN active THEN length(email) END FROM {T} WHERE "UserID" BETWEEN 1 AND 9;
SELECT "UserID" FROM {T} WHERE "UserID" IN (SELECT "UserID" FROM {P} WHERE email IS NULL) ORDER BY 1;
SELECT a.active, b.active, count(*) FROM {T} a JOIN {P} b ON a."UserID" = b."UserID" + 1 GROUP BY a.active, b.active ORDER BY 1 NULLS FIRST, 2 NULLS FIRST;
SELECT t.k, count(*) FROM (SELECT "UserID" % 3 AS k FROM {T} UNION ALL SELECT "UserID" % 3 FROM {P}) t GROUP BY t.k ORDER BY t.k;
SELECT "UserID", ratio, ratio * ratio, ratio / 3 FROM {T} WHERE ratio IS NOT NULL AND "UserID" < 8 ORDER BY ratio DESC;
SELECT big / 7, big % 7, big - big / 2 FROM {T} WHERE big IS NOT NULL AND "UserID" < 10 ORDER BY 1;
SELECT DISTINCT extract(month from signup) AS m FROM {T} WHERE signup IS NOT NULL ORDER BY m;
SELECT "UserID", greatest(created_at, last_login), least(signup, DATE '2022-06-01') FROM {T} WHERE "UserID" < 10;
SELECT count(*) FILTER_ALIAS FROM {T} WHERE "Username" ~ '[0-9]{2}$';
SELECT "UserID", NULLIF(small, small), COALESCE(NULL, NULL, small) FROM {T} WHERE "UserID" < 5;
-- expect: no rows
SELECT * FROM {T} a JOIN {P} b ON a."UserID" = b."UserID" WHERE a."UserID" IS NULL;
SELECT "UserID" FROM {T} WHERE email LIKE 'user1_@%' ORDER BY 1;
SELECT string_agg("Username", '|') FROM (SELECT "Username" FROM {T} WHERE "UserID" < 6 ORDER BY "UserID") s;
SELECT "UserID", score FROM {T} WHERE score = 1e20 OR score = 'Infinity' OR score < 0.2;
SELECT count(*) FROM {T} WHERE avatar IS NULL;
SELECT "UserID", token IS NULL, avatar IS NOT NULL FROM {T} WHERE "UserID" BETWEEN 3 AND 6;
SELECT sum(small), sum(big), sum(score), sum(ratio), avg(big) FROM {T} WHERE "UserID" % 2 = 0;
