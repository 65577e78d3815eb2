-- Array queries that fail, with PostgreSQL's SQLSTATE and message.

-- Malformed array literals (22P02) and bad elements.
SELECT '{1,2'::int[];
SELECT '1,2'::int[];
SELECT '{{1},{2,3}}'::int[];
SELECT '{1,,2}'::int[];
SELECT '{"a}'::text[];
SELECT '{1}x'::int[];
SELECT '{a}'::int[];
SELECT ints = '{1,x}' FROM {A};
SELECT ARRAY['a'] || 'b';
SELECT 'x'::text::int[];
SELECT '[2:1]={}'::int[];

-- ARRAY[...] and ARRAY(subquery).
SELECT ARRAY[1, 'a'::text];
SELECT ARRAY[ARRAY[1], 2];
SELECT ARRAY[] FROM {T};
SELECT ARRAY[ints, ARRAY[1]] FROM {A};
SELECT ARRAY(SELECT "UserID", "Username" FROM {T});
SELECT ARRAY(SELECT ints FROM {A} WHERE "ID" IN (1, 2));
SELECT ARRAY(SELECT ints FROM {A} WHERE "ID" IN (1, 5));
SELECT ARRAY(SELECT ints FROM {A} WHERE "ID" IN (1, 8));

-- Subscripts.
SELECT "UserID"[1] FROM {T};
SELECT ints['a'] FROM {A};
SELECT ints[true] FROM {A};

-- Operators need arrays of one type.
SELECT "UserID" FROM {T} WHERE "UserID" IN (ARRAY[1, 2]);
SELECT 1 = ANY(5);
SELECT 'a' = ANY(ARRAY[1, 2]);
SELECT ints = ARRAY[1::bigint] FROM {A};
SELECT ints @> smalls FROM {A};
SELECT ints < tags FROM {A};
SELECT ints || tags FROM {A};

-- Functions.
SELECT array_length(ints) FROM {A};
SELECT array_length("UserID", 1) FROM {T};
SELECT cardinality('{1,2}');
SELECT ints::int FROM {A};
SELECT array_append(matrix, 1) FROM {A};
SELECT array_position(matrix, 1) FROM {A};
SELECT array_remove(matrix, 1) FROM {A};
SELECT array_position(ints, 1, NULL) FROM {A};
SELECT array_cat(matrix, ARRAY[1, 2, 3]) FROM {A};
SELECT array_to_string(ints) FROM {A};

-- Set-returning functions where they cannot run.
SELECT unnest(ints, tags) FROM {A};
SELECT "ID" FROM {A} WHERE unnest(ints) > 1;
SELECT count(unnest(ints)) FROM {A};
SELECT CASE WHEN true THEN unnest(ints) END FROM {A};
SELECT coalesce(unnest(ints), 0) FROM {A};
SELECT unnest('{1,2}');
SELECT * FROM unnest(ARRAY[generate_series(1, 2)]);
SELECT * FROM unnest(ARRAY[1]) WITH ORDINALITY AS t(a, b, c);
SELECT generate_series(1, 10, 0);
SELECT generate_series('2024-01-01'::timestamp, '2024-01-02', '0 days');
SELECT generate_series(1.5::float8, 3);
SELECT generate_series(1::smallint, 2::smallint);

-- array_agg.
SELECT array_agg(NULL);
SELECT array_agg('a') FROM {T};
SELECT array_agg(ints) FROM {A} WHERE "ID" IN (1, 2);
SELECT array_agg(ints) FROM {A} WHERE "ID" IN (1, 8);
SELECT array_agg(ints) FROM {A} WHERE "ID" IN (5, 1);
SELECT array_agg("UserID", "Username") FROM {T};
SELECT 'x' || tags FROM {A};
SELECT upper(tags) FROM {A};
SELECT length(ints) FROM {A};
