-- SET of statement_timeout with values PostgreSQL refuses.

SET statement_timeout = 'abc';
SET statement_timeout = '10kB';
SET statement_timeout = -5;
SET statement_timeout TO '3000000000';
SET statement_timeout = '3000000s';
SET statement_timeout = '-1min';

-- Other parameters, with values PostgreSQL refuses or names it does not know.
SET work_mem = '10ms';
SET work_mem = 10;
SET extra_float_digits = 5;
SET jit = 'maybe';
SET bytea_output = 'foo';
SET default_transaction_isolation = 'bogus';
SET datestyle = 'foo';
SET datestyle = 'iso, sql';
SET client_encoding = 'foo';
SET TimeZone = 'Nowhere/Never';
SET server_version = '1';
SET max_connections = 5;
SET nosuch = 1;
RESET nosuch;
SHOW nosuch;
SHOW nosuch.param;
SELECT current_setting('nosuch');
SELECT set_config('nosuch', 'x', false);
SET work_mem = 1, 2;
SET ROLE nosuch;

-- Savepoints outside a transaction block.
SAVEPOINT a;
RELEASE a;
ROLLBACK TO a;
COMMIT AND CHAIN;
