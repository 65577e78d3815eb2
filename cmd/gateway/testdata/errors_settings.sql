-- SET of statement_timeout with values PostgreSQL refuses.

SET statement_timeout = 'abc';
SET statement_timeout = '10kB';
SET statement_timeout = -5;
SET statement_timeout TO '3000000000';
SET statement_timeout = '3000000s';
SET statement_timeout = '-1min';
