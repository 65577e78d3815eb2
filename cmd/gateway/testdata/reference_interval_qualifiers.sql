-- Interval literals with a field qualifier, as the SQL standard and TPC-H
-- write them: a bare number counts in the smallest field, the fields
-- below it are dropped, a seconds precision rounds.
SELECT INTERVAL '90' DAY, INTERVAL '1' YEAR, INTERVAL '14' MONTH, INTERVAL '90' HOUR, INTERVAL '100' MINUTE, INTERVAL '-1' DAY;
SELECT INTERVAL '1 day 3 hours' DAY, INTERVAL '1.5' DAY, INTERVAL '1 year 5 mons 3 days' YEAR, INTERVAL '5 days 1:02:03.5' HOUR, '2 days'::interval DAY;
SELECT INTERVAL '1-2' YEAR TO MONTH, INTERVAL '3 4:05:06' DAY TO SECOND, INTERVAL '1:30' HOUR TO MINUTE, INTERVAL '1 2' DAY TO HOUR, INTERVAL '12.345678' SECOND(2), INTERVAL '12.5' SECOND(0);
SELECT DATE '1998-12-01' - INTERVAL '90' DAY, DATE '1994-01-01' + INTERVAL '1' YEAR, TIMESTAMP '2024-01-31 10:00' + INTERVAL '1' MONTH;
SELECT "UserID", signup FROM {T} WHERE signup <= DATE '2024-03-01' - INTERVAL '30' DAY AND signup >= DATE '2023-01-01' - INTERVAL '1' YEAR ORDER BY "UserID";
