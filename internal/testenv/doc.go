// Package testenv gives tests real servers instead of mocks: a PostgreSQL
// (AUGER_TEST_PG_URL, else the one answering on 127.0.0.1:5432, else a
// throwaway cluster started from the installed binaries), fresh databases on
// it for isolation, a versitygw S3 server built with `go install` and
// started on loopback, the psql client, a certificate authority with a
// server certificate for TLS, and real client drivers: a JDK with Debian's
// PostgreSQL JDBC driver, and the system Python with psycopg2 and
// SQLAlchemy (Debian packages installed on demand, under a lock shared by
// parallel test processes). A test that cannot get a server
// fails with the reason; it is never skipped. Call StopServers and StopS3
// from TestMain.
package testenv
