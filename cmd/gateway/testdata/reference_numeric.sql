-- Exact numeric arithmetic beyond Decimal128: the unconstrained numeric
-- (the results of division and avg), 38+ digits, modulo of decimals.
SELECT "UserID", balance / 3 + 1, balance / 7 * 2, (balance / 3) - (balance / 6), balance % 7, balance % 0.3 FROM {T} WHERE "UserID" < 12;
SELECT "UserID", balance / 3 > 100, balance / 3 = balance / 3.0, -(balance / 3) FROM {T} WHERE "UserID" < 12 ORDER BY balance / 3 NULLS FIRST, 1;
SELECT avg(balance) * 2, avg(balance) + avg(small), avg(small) - 1, sum(balance) / count(*) FROM {T};
SELECT active, avg(balance) / 100, avg(big) * avg(big) FROM {T} GROUP BY active ORDER BY 1 NULLS LAST;
SELECT "UserID", big::numeric * big * big, big * 1000000000000000000000.5 FROM {T} WHERE big IS NOT NULL AND "UserID" < 8 ORDER BY 1;
SELECT "UserID", (balance / 3)::float8, (balance / 3)::numeric(20,4), (balance / 7)::int, (balance / 7)::bigint, (balance / 3)::text FROM {T} WHERE "UserID" < 12;
SELECT "UserID", score::numeric, ratio::numeric, small::numeric / 4, "UserID"::numeric % 3 FROM {T} WHERE "UserID" < 12 AND score < 1e10;
SELECT sum(balance / 3), avg(balance / 3), min(balance / 3), max(balance / 3), count(balance / 3) FROM {T};
SELECT "UserID" % 3 AS k, sum(score::numeric), avg("UserID"::numeric) FROM {T} WHERE score < 1e10 GROUP BY 1 ORDER BY 1;
SELECT 1.5e-7::numeric, 12.500 / 4, 10 % 3.5, 1e20::numeric + 1, 99999999999999999999.123456789 * 2;
SELECT "UserID", big % 7.5, balance * balance * balance FROM {T} WHERE "UserID" BETWEEN 20 AND 28 ORDER BY 1;
