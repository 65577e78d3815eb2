-- Errors of subqueries, with PostgreSQL's SQLSTATEs and messages.
SELECT (SELECT "UserID" FROM {T});
SELECT (SELECT "UserID", email FROM {T} LIMIT 1);
SELECT 1 WHERE 1 IN (SELECT 1, 2);
SELECT "UserID" FROM {T} t WHERE EXISTS (SELECT 1 FROM {P} p WHERE p.nosuch = t."UserID");
SELECT "UserID" FROM {T} t WHERE EXISTS (SELECT 1 FROM {P} p WHERE p."UserID" = t.nosuch);
SELECT "UserID" FROM {T} t WHERE EXISTS (SELECT 1 FROM {P} p WHERE p."UserID" = x."UserID");
SELECT "UserID" FROM {T} t WHERE "UserID" IN (SELECT "UserID" FROM {P} p, {L} l);
SELECT (SELECT u.email) FROM {T} u GROUP BY active;
SELECT "UserID", (SELECT p."Username" FROM {P} p WHERE p.active = t.active) FROM {T} t WHERE "UserID" < 5;
-- expect: same SQLSTATE
SELECT "UserID" FROM {T} WHERE "UserID" < ALL (SELECT email FROM {T});
SELECT "UserID" FROM {T} WHERE "UserID" = ANY (SELECT "Username" FROM {P});
SELECT "UserID" FROM {T} t WHERE (SELECT p."UserID" FROM {P} p WHERE p.small > t.small) > 3;
