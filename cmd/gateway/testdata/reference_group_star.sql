-- SELECT * and t.* with GROUP BY and aggregates: each column a star stands
-- for is a select-list column of its own, for GROUP BY positions too.
SELECT r.*, count(*) FROM (VALUES (1, 2), (1, 2), (3, 4)) r(a, b) GROUP BY 1, 2 ORDER BY 1;
SELECT *, count(*) FROM (VALUES (1, 2), (1, 2)) r(a, b) GROUP BY a, b;
SELECT 1 AS one, r.*, count(*) FROM (VALUES (1, 2), (1, 3)) r(a, b) GROUP BY 3, 2 ORDER BY 3;
SELECT s.*, sum(small) FROM (SELECT active, "UserID" % 3 AS k FROM {T}) s JOIN {T} u ON u.active = s.active GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2;
SELECT t.*, count(*) FROM (SELECT active, signup IS NULL AS nosignup FROM {T}) t GROUP BY t.active, t.nosignup ORDER BY 1 NULLS LAST, 2;
SELECT g.*, max(u."UserID") FROM (SELECT DISTINCT active FROM {T}) g JOIN {P} u ON u.active IS NOT DISTINCT FROM g.active GROUP BY 1 HAVING count(*) > 1 ORDER BY 1;
