-- A star's column that is neither grouped nor aggregated.
SELECT *, count(*) FROM {T} t;
SELECT t.*, count(*) FROM {T} t GROUP BY t.active, t."Username";
SELECT s.*, count(*) FROM {T} t GROUP BY 1;
