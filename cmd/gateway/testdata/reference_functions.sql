-- Text functions and operators, typed and rendered as PostgreSQL's. Strict
-- functions give NULL for a NULL argument; concat, concat_ws, format and
-- quote_nullable take NULLs as values. Text cases as the "C" locale does.
SELECT "UserID", lower("Username"), upper("Username"), initcap("Username"), reverse("Username") FROM {T} WHERE "UserID" < 12;
SELECT "UserID", length("Username"), char_length(email), character_length("Username"), octet_length("Username"), bit_length(email), length(avatar), octet_length(avatar) FROM {T} WHERE "UserID" < 15;
SELECT "UserID", concat("Username", '-', "UserID", '-', email), concat_ws('|', "Username", email, score, active, signup), concat(NULL, small), concat_ws(NULL, 'a', "Username") FROM {T} WHERE "UserID" < 12;
SELECT "UserID", lpad("Username", 12, '*.'), rpad("Username", 12, '-'), lpad(email, 5), rpad("Username", 3), lpad("Username", -1), rpad(email, 20, '') FROM {T} WHERE "UserID" < 12;
SELECT "UserID", split_part(email, '@', 1), split_part(email, '@', 2), split_part("Username", '_', -1), split_part(email, '.', 5), split_part("Username", '', 1), split_part(email, 'e', -2) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", md5("Username"), md5(email), md5(avatar), repeat(left("Username", 2), 3), repeat("Username", 0), repeat("Username", -2) FROM {T} WHERE "UserID" < 10;
SELECT "UserID", translate("Username", 'aeiou', 'AEIOU'), translate(email, '@.', '#'), ascii("Username"), ascii(email), chr(65 + "UserID" % 26), chr(233 + "UserID") FROM {T} WHERE "UserID" < 12;
SELECT "UserID", overlay("Username" placing '***' from 2 for 3), overlay(email placing 'X' from 1), overlay("Username" placing '' from 3 for 0), overlay("Username" placing '#' from 40) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", regexp_replace("Username", '[aeiou]', '_', 'g'), regexp_replace("Username", '(\w)_(\d+)', '\2:\1'), regexp_replace(email, 'USER', 'U', 'i'), regexp_replace("Username", 'o', '0'), regexp_replace(email, 'e', 'E', 3), regexp_replace(email, 'e', 'E', 1, 2) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", quote_literal("Username"), quote_ident("Username"), quote_literal(score), quote_nullable(email), quote_ident(lower(left("Username", 4))), quote_literal(signup) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", format('%s has %s', "Username", score), format('%I.%L', "Username", email), format('%2$s-%1$s', "UserID", small), format('[%-8s|%8s]', left("Username", 5), "UserID"), format('%s%%', ratio), format('none') FROM {T} WHERE "UserID" < 12;
SELECT "UserID", to_hex("UserID"), to_hex(big), to_hex(small::int), to_hex(-"UserID"), to_hex(big * -1) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", "Username" || "UserID", "Username" || score, 'id:' || "UserID" || ':' || active, email || signup, small || '', balance || '$', avatar || avatar FROM {T} WHERE "UserID" < 12;
SELECT "UserID", substring("Username" from '[0-9]+'), substring(email from '(.*)@'), substring("Username" similar '%#"_#_%' escape '#'), substring("Username", 2), substring("Username" from 3 for 2), substring(email from 'x') FROM {T} WHERE "UserID" < 12;
SELECT "UserID", strpos("Username", 'o'), position('@' in email), starts_with("Username", 'al'), left(email, -12), right("Username", 3), substr(email, 0, 5) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", btrim("Username", 'a_0123456789'), ltrim(email, 'user'), rtrim("Username", '0123456789'), trim(both '_' from "Username"), trim(trailing 'm' from email) FROM {T} WHERE "UserID" < 12;
SELECT "UserID", regexp_like("Username", '^[a-d]'), regexp_count("Username", '[aeiou]'), regexp_count(email, 'e', 3), regexp_like(email, 'USER', 'i'), regexp_count("Username", 'O', 1, 'i') FROM {T} WHERE "UserID" < 12;
SELECT concat_ws(NULL, 'a', 'b'), lpad(NULL, 3), repeat('x', NULL), split_part(NULL, ',', 1), format(NULL), quote_nullable(NULL), length(NULL), upper(NULL) FROM {T} WHERE "UserID" = 1;
-- Unicode, quotes and other awkward strings.
SELECT "UserID", upper("Username"), initcap("Username"), reverse("Username"), length("Username"), octet_length("Username"), quote_literal("Username"), quote_ident("Username"), md5("Username") FROM {T} WHERE "UserID" BETWEEN 3 AND 7;
SELECT "UserID", lpad("Username", 10, 'é'), translate("Username", 'ëÉ日', 'eEn'), strpos("Username", '語'), split_part("Username", '語', 1), regexp_replace("Username", '[^a-z]', '', 'g'), left("Username", 2), right("Username", 2) FROM {T} WHERE "UserID" BETWEEN 3 AND 7;
-- LIKE and ILIKE with ESCAPE, and SIMILAR TO.
SELECT "UserID", "Username" FROM {T} WHERE "Username" LIKE '%!_1_' ESCAPE '!' ORDER BY "UserID";
SELECT "UserID" FROM {T} WHERE "Username" NOT LIKE 'a%#_%' ESCAPE '#' AND "UserID" < 20 ORDER BY 1;
SELECT "UserID", "Username" FROM {T} WHERE "Username" ILIKE 'BOB$_%' ESCAPE '$' OR "Username" NOT ILIKE '%o%' ESCAPE '' AND "UserID" < 10 ORDER BY "UserID";
SELECT "UserID", "Username" LIKE '%\_%', "Username" LIKE '%\_%' ESCAPE '', email LIKE 'user1%' ESCAPE 'u', email LIKE 'xuser%' ESCAPE 'x', "Username" LIKE '%' FROM {T} WHERE "UserID" < 12;
SELECT "UserID", "Username" FROM {T} WHERE "Username" SIMILAR TO '(alice|bob|dave)%' ORDER BY "UserID";
SELECT "UserID", "Username" SIMILAR TO '%[0-9]{2}', "Username" NOT SIMILAR TO '[a-z]+\_[0-9]', email SIMILAR TO 'user_@%', "Username" SIMILAR TO '%!_1%' ESCAPE '!' FROM {T} WHERE "UserID" < 15;
SELECT "UserID", "Username" ~ '^[A-Z]', "Username" ~* '^o''', email !~ 'example', "Username" !~* 'BOB' FROM {T} WHERE "UserID" < 10;
-- IS [NOT] DISTINCT FROM, IS TRUE and friends, BETWEEN SYMMETRIC.
SELECT "UserID" FROM {T} WHERE email IS DISTINCT FROM 'user3@example.com' AND "UserID" < 6 ORDER BY 1;
SELECT "UserID", email IS NOT DISTINCT FROM NULL, "Username" IS DISTINCT FROM email, small IS DISTINCT FROM "UserID" - 51, score IS NOT DISTINCT FROM balance FROM {T} WHERE "UserID" < 12;
SELECT "UserID" FROM {T} WHERE active IS NOT DISTINCT FROM NULL ORDER BY 1;
SELECT "UserID", active IS TRUE, active IS NOT TRUE, active IS FALSE, active IS NOT FALSE, active IS UNKNOWN, active IS NOT UNKNOWN, NULL IS TRUE FROM {T} WHERE "UserID" < 10;
SELECT "UserID" FROM {T} WHERE active IS NOT TRUE AND "UserID" < 12 ORDER BY 1;
SELECT "UserID" FROM {T} WHERE (score > 50) IS UNKNOWN ORDER BY 1;
SELECT "UserID" FROM {T} WHERE "UserID" BETWEEN SYMMETRIC 10 AND 5 OR small NOT BETWEEN SYMMETRIC 40 AND -40 ORDER BY 1;
SELECT "UserID", "UserID" BETWEEN SYMMETRIC 9 AND 3, signup BETWEEN SYMMETRIC DATE '2023-01-01' AND '2021-01-01' FROM {T} WHERE "UserID" < 12;
-- COALESCE, NULLIF, GREATEST and LEAST across types.
SELECT "UserID", coalesce(small, big, "UserID"), coalesce(score, balance), greatest(small, "UserID", big), least(balance, score, 0), nullif("UserID" % 3, 0), coalesce(signup, last_login), greatest('b', "Username") FROM {T} WHERE "UserID" < 12;
-- Text functions in filters, groups and orders; constant calls fold.
SELECT upper(left("Username", 1)) AS initial, count(*), max(length(email)), min(lower("Username")) FROM {T} GROUP BY 1 ORDER BY 1;
SELECT "UserID", "Username" FROM {T} WHERE lower("Username") LIKE 'o''brien%' OR upper(email) = 'USER7@EXAMPLE.COM' ORDER BY 1;
SELECT "UserID", length("Username") FROM {T} WHERE length("Username") > 12 ORDER BY length("Username") DESC, "UserID" LIMIT 5;
SELECT "UserID", "Username" FROM {T} WHERE "Username" = concat('alice', '_', '1') OR "Username" = upper('dave_8') OR "Username" = lower('DAVE_16') OR "Username" = 'Bob' || '_' || 2 ORDER BY 1;
SELECT "UserID" FROM {T} WHERE email = lower('USER' || 2 || '@EXAMPLE.COM') OR "Username" = initcap('bob_10') ORDER BY 1;
-- expect: no rows
SELECT "UserID" FROM {T} WHERE "Username" = repeat('z', 3) OR email = md5('x');
-- A type's name as a function is a cast, as in PostgreSQL.
SELECT "UserID", date(last_login), text("UserID"), int8(small), float8(ratio), bool('t'), int4(' 7 ') FROM {T} WHERE "UserID" < 6;
