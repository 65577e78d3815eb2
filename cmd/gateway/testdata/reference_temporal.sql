-- time, timestamptz in the session's TimeZone, and interval, as
-- PostgreSQL 15 has them. The SET statements change the session's zone
-- on both sides; the file ends back in UTC.

-- timestamptz input: offsets, Z, abbreviations and zone names, in UTC.
SELECT '2024-01-01 12:00+05'::timestamptz, '2024-01-01 12:00:00+05:30'::timestamptz, '2024-01-01 12:00:00-0800'::timestamptz, '2024-01-01 12:00:00Z'::timestamptz;
SELECT '2024-01-01 12:00:00 America/New_York'::timestamptz, '2024-07-01 12:00:00 America/New_York'::timestamptz, '2024-01-01 12:00:00 UTC'::timestamptz, '2024-01-01 12:00 america/new_york'::timestamptz;
SELECT timestamptz '2024-01-01 12:00:00+02', TIMESTAMPTZ '2024-01-01', '2024-01-01T12:00:00.123456789Z'::timestamptz, '2024-1-1 1:2:3'::timestamptz;
SELECT '2024-01-01 12:00 PST'::timestamptz, '2024-07-01 12:00 EST'::timestamptz, '2024-01-01 12:00 CET'::timestamptz, '2024-01-01 12:00 +0530'::timestamptz, '2024-01-01 12:00 -8'::timestamptz;
SELECT '2024-03-10 02:30 America/New_York'::timestamptz, '2024-11-03 01:30 America/New_York'::timestamptz, '0044-03-15 12:00 BC'::timestamptz, '2024-01-01 12:00:00+05:30:15'::timestamptz;
SELECT '2024-01-01 12:00+05'::timestamp, 'epoch'::timestamptz, 'epoch'::timestamp, 'epoch'::date, DATE '2024-02-29 10:00';
-- Infinite timestamps and dates.
SELECT 'infinity'::timestamp, '-infinity'::timestamp, 'infinity'::date, '-infinity'::date, 'infinity'::timestamptz, '-infinity'::timestamptz;
SELECT 'infinity'::date > DATE '2024-01-01', '-infinity'::timestamp < TIMESTAMP '1900-01-01', 'infinity'::timestamptz = 'infinity'::timestamptz, 'infinity'::timestamp > now()::timestamp;
SELECT x FROM (VALUES (TIMESTAMP 'infinity'), (TIMESTAMP '2024-01-01'), (TIMESTAMP '-infinity'), (NULL)) v(x) ORDER BY x DESC;
SELECT isfinite(TIMESTAMP 'infinity'), isfinite(DATE '-infinity'), isfinite(DATE '2024-01-01'), isfinite(TIMESTAMPTZ '-infinity'), isfinite(INTERVAL '1 day');
SELECT "UserID", last_login < 'infinity'::timestamp, created_at > '-infinity'::timestamptz, signup < 'infinity'::date FROM {T} WHERE "UserID" < 6;
-- Interval comparison: a month is 30 days, a day 24 hours.
SELECT INTERVAL '1 day' > INTERVAL '23 hours', INTERVAL '1 month' = INTERVAL '30 days', INTERVAL '1 mon 30 days' = INTERVAL '2 mons', INTERVAL '25 hours' > INTERVAL '1 day', INTERVAL '-1 day' < INTERVAL '-23:00:00';
SELECT INTERVAL '1 day' BETWEEN INTERVAL '23 hours' AND INTERVAL '25 hours', INTERVAL '1 mon' IN (INTERVAL '30 days', INTERVAL '1 day'), INTERVAL '2 days' NOT IN (INTERVAL '48 hours'), INTERVAL '1 year' <> INTERVAL '360 days', INTERVAL '1 day' >= NULL::interval;
SELECT x FROM (VALUES (INTERVAL '1 day'), (INTERVAL '23 hours'), (INTERVAL '1 month'), (INTERVAL '-1 hour'), (INTERVAL '1 year')) v(x) ORDER BY x;
SELECT x FROM (VALUES (INTERVAL '1 day'), (INTERVAL '23 hours'), (INTERVAL '1 month'), (INTERVAL '-1 hour')) v(x) ORDER BY x DESC;
SELECT count(*), min(x), max(x) FROM (VALUES (INTERVAL '1 month'), (INTERVAL '30 days'), (INTERVAL '720 hours'), (INTERVAL '1 day')) v(x) GROUP BY x ORDER BY 2;
SELECT count(DISTINCT x) FROM (VALUES (INTERVAL '1 month'), (INTERVAL '30 days'), (INTERVAL '720 hours'), (INTERVAL '1 day')) v(x);
SELECT a.x, b.y FROM (VALUES (INTERVAL '1 month'), (INTERVAL '1 day')) a(x) JOIN (VALUES (INTERVAL '30 days'), (INTERVAL '24 hours'), (INTERVAL '2 days')) b(y) ON a.x = b.y ORDER BY 1;
SELECT "UserID", last_login - created_at > INTERVAL '30 days', last_login - created_at = INTERVAL '1 day', last_login - created_at < INTERVAL '1 mon 10 days' FROM {T} WHERE "UserID" < 12;
SELECT "UserID", last_login - created_at FROM {T} WHERE last_login - created_at BETWEEN INTERVAL '10 days' AND INTERVAL '2 months' ORDER BY last_login - created_at;
SELECT min(last_login - created_at), max(last_login - created_at), count(DISTINCT date_trunc('day', last_login - created_at)) FROM {T};
SELECT "UserID", last_login - created_at FROM {T} ORDER BY last_login - created_at DESC NULLS LAST, "UserID" LIMIT 5;
SELECT date_trunc('month', age(last_login, created_at)) AS span, count(*) FROM {T} GROUP BY 1 ORDER BY 1 NULLS FIRST;
SELECT "UserID" FROM {T} WHERE last_login - created_at IN (SELECT last_login - created_at + INTERVAL '0 days' FROM {T} WHERE "UserID" IN (3, 5, 8)) ORDER BY 1;
-- Interval input and output.
SELECT INTERVAL 'P1Y2M', INTERVAL 'P1Y2M3DT4H5M6S', INTERVAL '@ 1 day ago', INTERVAL '1 day ago', INTERVAL 'PT1H30M', INTERVAL 'P2W', INTERVAL '@ 2 hours 3 mins ago', INTERVAL 'PT0.5S';
SELECT INTERVAL '1 year 2 months 3 days 04:05:06.7', INTERVAL '1.5 hours', INTERVAL '-1 day +02:00', INTERVAL '2 weeks', INTERVAL '100 years', INTERVAL '1.5 months', INTERVAL '0.5 days';
SELECT INTERVAL '1 day' * 1.5, INTERVAL '1 day' / 3, INTERVAL '1 mon' * 0.5, INTERVAL '1 hour' * 2.5, 2 * INTERVAL '3 days', INTERVAL '1 year' / 7;
SELECT -INTERVAL '1 day 2 hours', -INTERVAL '-1 mon', - (INTERVAL '1 year' - INTERVAL '1 day'), INTERVAL '1 day' - INTERVAL '1 hour', INTERVAL '1 mon' + INTERVAL '-40 days';
SELECT EXTRACT(hour FROM INTERVAL '3 days 04:05:06'), EXTRACT(epoch FROM INTERVAL '1 day'), EXTRACT(month FROM INTERVAL '14 months'), EXTRACT(day FROM INTERVAL '40 days'), EXTRACT(minute FROM INTERVAL '-01:30:00'), date_part('second', INTERVAL '1.25 seconds');
SELECT justify_hours(INTERVAL '50 hours'), justify_days(INTERVAL '35 days'), justify_interval(INTERVAL '1 month -1 hour'), justify_interval(INTERVAL '-35 days 50 hours'), justify_hours(INTERVAL '-50 hours');
SELECT "UserID", (last_login - created_at) * 2, (last_login - created_at) / 4, -(last_login - created_at), justify_hours(last_login - created_at) FROM {T} WHERE "UserID" < 8;
SELECT "UserID", extract(day from justify_interval(last_login - created_at)), extract(hour from last_login - created_at), extract(epoch from last_login - created_at) FROM {T} WHERE "UserID" < 8;
-- time of day.
SELECT TIME '12:34:56.789' + INTERVAL '1 hour', TIME '12:34:56' - TIME '10:00:00', DATE '2024-01-01' + TIME '10:00', TIME '23:00' + INTERVAL '2 hours', TIME '01:00' - INTERVAL '2 hours';
SELECT x FROM (VALUES (TIME '12:00'), (TIME '01:30:00.5'), (TIME '23:59:59.999999'), (TIME '00:00')) v(x) ORDER BY x DESC;
SELECT TIME '12:00' < TIME '13:00', TIME '12:00:00.5' = TIME '12:00:00.50', TIME '10:00' BETWEEN TIME '09:00' AND TIME '11:00', TIME '24:00:00', TIME '12:34:56.000001';
SELECT "UserID", last_login::time, created_at::time, last_login::time + INTERVAL '30 minutes', last_login::time - TIME '06:00' FROM {T} WHERE "UserID" < 12;
SELECT "UserID", signup + last_login::time, signup + TIME '23:59:59.5' FROM {T} WHERE "UserID" < 8;
SELECT max(last_login::time), min(last_login::time), count(DISTINCT created_at::time) FROM {T};
SELECT last_login::time AS t FROM {T} WHERE last_login::time > TIME '12:00' ORDER BY t DESC LIMIT 5;
-- AT TIME ZONE, timezone(), make_timestamptz, date_trunc with a zone.
SELECT TIMESTAMP '2024-01-01 12:00' AT TIME ZONE 'America/New_York', TIMESTAMPTZ '2024-01-01 12:00+00' AT TIME ZONE 'America/New_York', timezone('Asia/Kolkata', TIMESTAMPTZ '2024-01-01 12:00+00'), timezone('Asia/Tokyo', TIMESTAMP '2024-07-01 09:00');
SELECT TIMESTAMP '2024-01-01 12:00' AT TIME ZONE 'EST', TIMESTAMPTZ '2024-01-01 12:00+00' AT TIME ZONE 'UTC+5', TIMESTAMPTZ '2024-01-01 12:00+00' AT TIME ZONE INTERVAL '-08:00', TIMESTAMP '2024-03-10 02:30' AT TIME ZONE 'America/New_York';
SELECT "UserID", created_at AT TIME ZONE 'America/New_York', last_login AT TIME ZONE 'Europe/Berlin', (created_at AT TIME ZONE 'Asia/Kolkata')::date FROM {T} WHERE "UserID" < 12;
SELECT make_timestamptz(2024, 1, 1, 12, 0, 0, 'America/New_York'), make_timestamptz(2024, 7, 1, 12, 0, 0.5, 'Asia/Tokyo'), make_timestamptz(2024, 2, 29, 23, 59, 59.5), make_timestamptz(-44, 3, 15, 12, 0, 0, 'UTC');
SELECT date_trunc('day', TIMESTAMPTZ '2024-01-01 03:00+00', 'America/New_York'), date_trunc('month', TIMESTAMPTZ '2024-03-01 03:00+00', 'Asia/Tokyo'), date_trunc('hour', TIMESTAMPTZ '2024-01-01 03:40+00', 'Asia/Kolkata');
SELECT "UserID", date_trunc('day', created_at, 'America/New_York'), date_trunc('week', created_at, 'Asia/Tokyo') FROM {T} WHERE "UserID" < 10;
SELECT to_char(TIMESTAMPTZ '2024-01-01 12:00+00', 'YYYY-MM-DD HH24:MI TZ tz OF FMOF TZH TZM'), age(TIMESTAMPTZ '2024-03-01 00:00+00', TIMESTAMPTZ '2024-01-15 12:00+00');
SELECT localtime IS NOT NULL, localtimestamp IS NOT NULL, current_date = now()::date, localtimestamp = now()::timestamp;
-- Timestamps against timestamptz and dates, in UTC.
SELECT "UserID", last_login < created_at, last_login::timestamptz, signup::timestamptz, created_at::timestamp, created_at::date FROM {T} WHERE "UserID" < 10;
SELECT count(*) FROM {T} WHERE created_at > TIMESTAMP '2024-01-01' AND created_at < DATE '2024-06-01';
SHOW TimeZone;
SELECT current_setting('TimeZone'), current_setting('timezone'), current_setting('nosuch', true) IS NULL;
-- The session in New York.
-- expect: no rows
SET TIME ZONE 'America/New_York';
SHOW TimeZone;
SELECT current_setting('TimeZone');
SELECT '2024-01-01 12:00'::timestamptz, '2024-07-01 12:00+00'::timestamptz, TIMESTAMPTZ '2024-03-10 02:30', '2024-01-01 12:00 Asia/Tokyo'::timestamptz;
SELECT '2024-01-01 03:00+00'::timestamptz::date, '2024-01-01 03:00+00'::timestamptz::timestamp, '2024-01-01 03:00+00'::timestamptz::time, TIMESTAMP '2024-01-01 12:00'::timestamptz, DATE '2024-07-01'::timestamptz;
SELECT TIMESTAMP '2024-01-01 12:00' < TIMESTAMPTZ '2024-01-01 12:00+00', TIMESTAMP '2024-01-01 12:00' = TIMESTAMPTZ '2024-01-01 17:00+00', DATE '2024-01-01' = TIMESTAMPTZ '2024-01-01 05:00+00';
SELECT TIMESTAMPTZ '2024-03-09 12:00' + INTERVAL '1 day', TIMESTAMPTZ '2024-03-09 12:00' + INTERVAL '24 hours', TIMESTAMPTZ '2024-11-03 00:30' + INTERVAL '1 day 1 hour', TIMESTAMPTZ '2024-03-31 12:00' - INTERVAL '1 month';
SELECT date_trunc('day', TIMESTAMPTZ '2024-01-01 03:00+00'), date_part('hour', TIMESTAMPTZ '2024-01-01 03:00+00'), extract(day from TIMESTAMPTZ '2024-01-01 03:00+00'), extract(timezone from TIMESTAMPTZ '2024-07-01 03:00+00'), extract(timezone_hour from TIMESTAMPTZ '2024-01-01 03:00+00'), extract(epoch from TIMESTAMPTZ '2024-01-01 03:00+00');
SELECT generate_series(TIMESTAMPTZ '2024-03-09', TIMESTAMPTZ '2024-03-12', INTERVAL '1 day');
SELECT age(TIMESTAMPTZ '2024-03-01 00:00+00', TIMESTAMPTZ '2024-01-15 12:00+00'), '2024-06-01 12:00'::timestamptz - '2024-01-01 12:00'::timestamptz, make_timestamptz(2024, 7, 4, 9, 30, 0);
SELECT "UserID", created_at, created_at::date, created_at::timestamp, created_at::time FROM {T} WHERE "UserID" < 15;
SELECT "UserID", extract(hour from created_at), date_part('day', created_at), extract(timezone_hour from created_at), date_trunc('day', created_at), date_trunc('month', created_at) FROM {T} WHERE "UserID" < 15;
SELECT "UserID", to_char(created_at, 'YYYY-MM-DD HH24:MI:SS TZ OF'), created_at + INTERVAL '1 day', created_at - INTERVAL '1 mon', age(created_at, TIMESTAMPTZ '2023-01-01 00:00+00') FROM {T} WHERE "UserID" < 15;
SELECT "UserID", last_login::timestamptz, signup::timestamptz, last_login < created_at, signup = created_at::date FROM {T} WHERE "UserID" < 15;
SELECT created_at::date AS day, count(*) FROM {T} GROUP BY 1 ORDER BY 1 NULLS FIRST LIMIT 8;
SELECT count(*) FROM {T} WHERE created_at >= '2024-01-01' AND created_at < TIMESTAMP '2024-02-01 00:00';
SELECT "UserID", created_at FROM {T} WHERE created_at::date = DATE '2023-12-30' ORDER BY 1;
SELECT min(created_at), max(created_at), min(created_at::date), max(created_at::time) FROM {T};
SELECT "UserID", created_at AT TIME ZONE 'UTC', last_login AT TIME ZONE 'UTC' FROM {T} WHERE "UserID" < 6;
-- The session at fixed and fractional offsets.
-- expect: no rows
SET TimeZone = 'Asia/Kolkata';
SELECT to_char(TIMESTAMPTZ '2024-01-01 12:00+00', 'YYYY-MM-DD HH24:MI:SS TZ tz OF FMOF TZH TZM'), TIMESTAMPTZ '2024-01-01 12:00+00'::text, make_timestamptz(2024, 1, 1, 12, 0, 0), current_setting('TimeZone');
SELECT "UserID", created_at, created_at::date, date_trunc('hour', created_at) FROM {T} WHERE "UserID" < 8;
-- expect: no rows
SET TIME ZONE 5;
SHOW TimeZone;
SELECT TIMESTAMPTZ '2024-01-01 12:00+00', '2024-01-01 12:00'::timestamptz, to_char(TIMESTAMPTZ '2024-01-01 12:00+00', 'TZ OF');
-- expect: no rows
SET TIME ZONE -3.5;
SHOW TimeZone;
SELECT TIMESTAMPTZ '2024-01-01 12:00+00', extract(timezone from TIMESTAMPTZ '2024-01-01 12:00+00'), extract(timezone_minute from TIMESTAMPTZ '2024-01-01 12:00+00');
-- expect: no rows
SET TIME ZONE 'UTC+5';
SELECT TIMESTAMPTZ '2024-01-01 12:00+00', current_setting('timezone');
-- expect: no rows
SET TIME ZONE 'europe/berlin';
SHOW TIME ZONE;
SELECT "UserID", created_at, created_at::timestamp FROM {T} WHERE "UserID" < 6;
-- Back to the start.
-- expect: no rows
SET timezone TO DEFAULT;
SHOW TimeZone;
-- expect: no rows
SET TIME ZONE 'Pacific/Auckland';
-- expect: no rows
RESET TimeZone;
SHOW TimeZone;
SELECT '2024-01-01 12:00'::timestamptz;
