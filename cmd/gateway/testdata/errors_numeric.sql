-- Errors of exact numeric arithmetic and casts.
SELECT (balance / 3)::numeric(5, 2) FROM {T};
SELECT balance % 0 FROM {T} WHERE balance IS NOT NULL;
SELECT (balance / 3) / 0 FROM {T} WHERE balance IS NOT NULL;
SELECT (big::numeric * 100000)::int FROM {T} WHERE big > 0;
