-- Functional dependency on a primary key does not reach: a table without
-- a key ({E}, on every source), a key grouped only in an expression or in
-- some grouping sets, another table of a join, a subquery in FROM.
SELECT u."UserID", u."Username", count(*) FROM {E} u GROUP BY u."UserID";
SELECT u."Username" FROM {P} u GROUP BY u."UserID" + 0;
SELECT u."Username" FROM {P} u GROUP BY ROLLUP (u."UserID");
SELECT b.email FROM {P} a JOIN {P} b ON a."UserID" = b."UserID" GROUP BY a."UserID";
SELECT s."Username" FROM (SELECT * FROM {P}) s GROUP BY s."UserID";
SELECT a."Username" FROM {L} l LEFT JOIN {P} a USING ("UserID") GROUP BY "UserID";
