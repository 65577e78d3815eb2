-- Window functions used where PostgreSQL refuses them.

-- Window functions without OVER, functions that are not window functions.
SELECT row_number() FROM {T};
SELECT first_value("UserID") FROM {T};
SELECT lower("Username") OVER () FROM {T};
SELECT nosuchfn("UserID") OVER () FROM {T};
SELECT count(DISTINCT "UserID") OVER () FROM {T};
SELECT string_agg("Username", ',' ORDER BY "UserID") OVER () FROM {T};
SELECT rank(1) OVER () FROM {T};
SELECT row_number(1) OVER () FROM {T};

-- Clauses that cannot hold window functions.
SELECT "UserID" FROM {T} WHERE row_number() OVER () > 1;
SELECT 1 FROM {T} GROUP BY row_number() OVER ();
SELECT row_number() OVER (ORDER BY "UserID") AS r FROM {T} GROUP BY r;
SELECT count(*) FROM {T} HAVING row_number() OVER () > 1;
SELECT sum(row_number() OVER ()) FROM {T};
SELECT sum(sum("UserID") OVER ()) OVER () FROM {T};
SELECT sum("UserID") OVER (PARTITION BY row_number() OVER ()) FROM {T};
SELECT 1 FROM {T} a JOIN {P} b ON row_number() OVER () > 1;
-- expect: same SQLSTATE
SELECT rank() OVER (ORDER BY "UserID") FROM {T} GROUP BY small;

-- Named windows.
SELECT row_number() OVER w FROM {T};
SELECT rank() OVER (w) FROM {T} WINDOW w AS (ORDER BY "UserID" ROWS 1 PRECEDING);
SELECT rank() OVER (w ROWS CURRENT ROW) FROM {T} WINDOW w AS (ORDER BY "UserID" ROWS 1 PRECEDING);
SELECT rank() OVER (w ORDER BY small) FROM {T} WINDOW w AS (ORDER BY "UserID");
SELECT rank() OVER (w PARTITION BY small) FROM {T} WINDOW w AS (ORDER BY "UserID");
SELECT 1 FROM {T} WINDOW w AS (), w AS ();
SELECT rank() OVER w2 FROM {T} WINDOW w AS (ORDER BY "UserID"), w2 AS (w2);
SELECT 1 FROM {T} WINDOW w AS (PARTITION BY nosuch);

-- Arguments.
SELECT ntile(0) OVER () FROM {T};
SELECT ntile(-1) OVER (ORDER BY "UserID") FROM {T};
SELECT ntile("Username") OVER () FROM {T};
SELECT ntile(big) OVER () FROM {T};
SELECT ntile(2.5) OVER () FROM {T};
SELECT nth_value(score, 0) OVER (ORDER BY "UserID") FROM {T};
SELECT nth_value("UserID", big) OVER () FROM {T};
SELECT lag("UserID", big) OVER () FROM {T};
SELECT lag("UserID", 1.5) OVER () FROM {T};
SELECT lag("UserID", 1, "Username") OVER () FROM {T};
SELECT lag("UserID", 1, 'a') OVER () FROM {T};
SELECT lag("UserID", 'a') OVER () FROM {T};
SELECT lag('a') OVER () FROM {T};
SELECT first_value(NULL) OVER () FROM {T};
SELECT lead() OVER () FROM {T};

-- Frames the grammar refuses.
SELECT sum("UserID") OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM {T};
SELECT sum("UserID") OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM {T};
SELECT sum("UserID") OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ROWS UNBOUNDED FOLLOWING) FROM {T};

-- Frames the binder refuses.
SELECT sum("UserID") OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID", small RANGE 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (GROUPS 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" ROWS "UserID" PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" RANGE "UserID" PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" ROWS 'a' PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" ROWS "Username" PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "Username" RANGE 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY active RANGE 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY token RANGE 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" RANGE 1.5 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" RANGE 1.5::float8 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" RANGE '1 day' PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY small RANGE 'x' PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY signup RANGE 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY created_at RANGE 1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY balance RANGE 1.5::float8 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY score RANGE '1 day' PRECEDING) FROM {T};

-- Frame offsets that fail when the query runs.
SELECT sum("UserID") OVER (ORDER BY "UserID" ROWS -1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN CURRENT ROW AND -2 FOLLOWING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" GROUPS BETWEEN NULL PRECEDING AND CURRENT ROW) FROM {T};
SELECT sum("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN CURRENT ROW AND NULL FOLLOWING) FROM {E};
SELECT sum("UserID") OVER (ORDER BY "UserID" RANGE -1 PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY score RANGE 'NaN' PRECEDING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY balance RANGE BETWEEN CURRENT ROW AND -1 FOLLOWING) FROM {T};
SELECT sum("UserID") OVER (ORDER BY signup RANGE '-1 day' PRECEDING) FROM {T};
