-- Errors of the regular-expression functions returning text[].
SELECT regexp_match('a', 'a', 'g');
SELECT regexp_split_to_array('a1b', '\d', 'g');
SELECT regexp_match("Username", 'x', 'z') FROM {T};
SELECT regexp_match(email, '(') FROM {T} WHERE email IS NOT NULL;
-- Pattern syntax errors in PostgreSQL's words.
SELECT "Username" ~ 'a)' FROM {T};
SELECT "Username" ~ '[a' FROM {T};
SELECT "Username" ~ '*' FROM {T};
SELECT regexp_replace("Username", '[z-a]', '') FROM {T};
SELECT regexp_split_to_array("Username", 'a{2,1}') FROM {T};
