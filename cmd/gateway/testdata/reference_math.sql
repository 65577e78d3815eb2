-- Mathematical functions and operators: integers keep their type, double
-- precision goes through the C library as in PostgreSQL, numeric is exact
-- with PostgreSQL's result scales. Strict: NULL in, NULL out.
SELECT "UserID", abs(small), abs(big), abs(score), abs(balance), abs(ratio), @ small, @ balance, @ -score FROM {T} WHERE "UserID" < 12;
SELECT "UserID", round(score), round(score::numeric, 2), round(balance), round(balance, 1), round(balance, -2), round(ratio), round(balance, 5) FROM {T} WHERE "UserID" < 15;
SELECT round(2.5), round(3.5), round(-2.5), round(2.5::float8), round(3.5::float8), round(-0.5::float8), round(1234.5678, 2), round(1234.5678, -2), round(0.5), round(-0.5), round(12.34, 5), round('1.5');
SELECT "UserID", trunc(score), trunc(balance), trunc(balance, 1), trunc(balance, -1), trunc(score::numeric, 3), trunc(ratio), trunc(-balance, 0) FROM {T} WHERE "UserID" < 15;
SELECT "UserID", ceil(score), ceiling(balance), floor(score), floor(balance), ceil(ratio), floor(-balance), ceil(small), floor(big) FROM {T} WHERE "UserID" < 15;
SELECT "UserID", mod("UserID", 7), mod(small, 3::smallint), mod(big, 1000), mod(balance, 7), mod(-"UserID", 4), div(balance, 3), div("UserID", 4), div(-balance, 2.5) FROM {T} WHERE "UserID" < 15;
SELECT "UserID", power("UserID", 2), power(score, 0.5), pow(2, small), power(balance, 2), "UserID" ^ 3, 2.0 ^ "UserID", power(1.5, small), power("UserID"::numeric, 0.5) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", sqrt(abs(score)), sqrt(balance + 1000), cbrt(score), |/ "UserID", ||/ big, sqrt("UserID"::numeric), sqrt(big::numeric), sqrt(abs(balance)) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", ln(score), log(score), log10("UserID"), ln(balance + 1000), log(balance + 1000), log(2, "UserID" + 1), exp("UserID"), exp(small / 10.0) FROM {T} WHERE "UserID" BETWEEN 2 AND 12;
SELECT "UserID", ln(big::numeric + 1), log(big::numeric + 10), log10(balance + 1000), exp(small::numeric / 7), exp(ratio), log(1.5, "UserID") FROM {T} WHERE "UserID" BETWEEN 2 AND 9;
SELECT "UserID", sign(score), sign(balance), sign(small), sign(-"UserID"), pi(), degrees(ratio), radians("UserID") FROM {T} WHERE "UserID" < 12;
SELECT "UserID", sin(ratio), cos(ratio), tan(ratio), asin(ratio / 10), acos(ratio / 10), atan(score), atan2(small, "UserID"), cot(ratio + 1) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", sinh(ratio), cosh(ratio), tanh(ratio), asinh(score), acosh("UserID"), atanh(ratio / 10) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", gcd("UserID", 12), gcd(big, 1000000), lcm("UserID", 4), lcm(small, 6), gcd(balance, 2.5), lcm("UserID"::numeric, 1.5) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", width_bucket(score, 0, 100, 10), width_bucket(balance, -500, 2000, 5), width_bucket(small, 10, -50, 6), width_bucket(ratio, 0.5, 3.5, 3) FROM {T} WHERE "UserID" < 20;
SELECT "UserID", "UserID" & 5, "UserID" | 8, "UserID" # 3, ~"UserID", "UserID" << 2, big >> 3, small & 7::smallint, ~small, big << 40 FROM {T} WHERE "UserID" < 12;
SELECT 7 & 3, 7 | 8, 5 # 1, ~0, 1 << 4, -16 >> 2, 2 ^ 10, |/ 16, ||/ 27, @ -5, 1 << 33, 2.5 ^ 2, '2' ^ '3';
-- The extreme rows: 1e20, 1.5e-7, Infinity; negative and NULL values.
SELECT "UserID", round(score), trunc(score), floor(score), ceil(score), sign(score), sqrt(score), ln(score), log(score), abs(score), cbrt(score), score ^ 0.5 FROM {T} WHERE "UserID" BETWEEN 42 AND 45;
SELECT "UserID", width_bucket(score, 0, 100, 4), degrees(score), atan(score), to_char(score, '9.99EEEE') FROM {T} WHERE "UserID" BETWEEN 42 AND 45;
SELECT "UserID", abs(balance), round(balance / 3, 4), sqrt(abs(balance / 7)), mod(balance, -3), trunc(balance / 3, 3), power(balance / 100, 3) FROM {T} WHERE balance < 0 ORDER BY "UserID" LIMIT 8;
-- random() has no value to compare; its range and type do.
SELECT count(*), min(r) >= 0, max(r) < 1, count(DISTINCT r) > 50 FROM (SELECT random() AS r FROM {T}) s;
SELECT random() * 0, setseed(0.5), floor(random() * 0);
-- Functions in filters, aggregates and orders; constants fold, so the filter still reaches the source.
SELECT "UserID" FROM {T} WHERE abs(small) < 3 ORDER BY 1;
SELECT "UserID" FROM {T} WHERE "UserID" = abs(-5) OR "UserID" = power(2, 3)::int OR small = mod(-7, 4) OR "UserID" = round(19.5) ORDER BY 1;
SELECT round(avg(score)::numeric, 3), trunc(sum(balance) / 7, 2), floor(avg(small)), ceil(max(ratio)), sqrt(count(*)), abs(min(balance)) FROM {T} WHERE score < 1e10;
SELECT mod("UserID", 4) AS m, count(*), round(avg(balance), 2), max(abs(small)) FROM {T} GROUP BY mod("UserID", 4) ORDER BY m;
SELECT "UserID", score FROM {T} WHERE score < 1e10 ORDER BY sin(score), "UserID" LIMIT 6;
