-- Queries that fail: through Auger on every copy of the users table and
-- directly on PostgreSQL, the SQLSTATE and the message must be the same
-- ("-- expect: same SQLSTATE" before a query whose message names the table or
-- comes from a different regular-expression engine).

SELECT "UserID" / 0 FROM {T};
SELECT "UserID" % 0 FROM {T};
SELECT score / 0 FROM {T} WHERE score IS NOT NULL;
SELECT big * 1000000000000 FROM {T};
SELECT "UserID" + 2147483647 FROM {T};
SELECT small * CAST(1000 AS smallint) FROM {T} WHERE small IS NOT NULL;
SELECT -("UserID" - 2147483647 - 2) FROM {T};
SELECT nosuch FROM {T};
SELECT "UserID" FROM {T} WHERE "Username";
SELECT "UserID" FROM {T} WHERE "UserID" = 'abc';
SELECT "UserID" FROM {T} ORDER BY 3;
SELECT "UserID" + "Username" FROM {T};
SELECT min(token) FROM {T};
SELECT sum("Username") FROM {T};
-- expect: same SQLSTATE
SELECT "UserID", count(*) FROM {T};
SELECT count(*) FROM {T} GROUP BY 2;
SELECT lower("UserID") FROM {T};
SELECT nosuchfn("UserID") FROM {T};
SELECT CASE WHEN active THEN 1 ELSE 'x' END FROM {T};
SELECT CASE WHEN active THEN 1 ELSE created_at END FROM {T};
SELECT "UserID" FROM {T} WHERE count(*) > 1;
SELECT sum(count(*)) FROM {T};
SELECT count(*) FROM {T} GROUP BY count(*);
SELECT "UserID" FROM {T} a JOIN {P} b ON a."UserID" = b."UserID";
SELECT c."UserID" FROM {T} a JOIN {P} b ON true;
SELECT DISTINCT active FROM {T} ORDER BY "UserID";
SELECT "UserID" FROM {T} UNION SELECT "UserID", 1 FROM {P};
SELECT "UserID" FROM {T} UNION SELECT created_at FROM {P};
SELECT * FROM (SELECT 1);
SELECT balance / 0 FROM {T};
SELECT substr("Username", 1, -1) FROM {T};
SELECT (SELECT "UserID" FROM {P}) FROM {T};
SELECT "UserID" FROM {T} WHERE "UserID" IN (SELECT "UserID", small FROM {P});
SELECT sqrt(small) FROM {T} WHERE small < 0;
SELECT abs("Username") FROM {T};
SELECT extract(hour from signup) FROM {T};
-- expect: same SQLSTATE
SELECT "UserID" FROM {T} WHERE "Username" ~ '(';
