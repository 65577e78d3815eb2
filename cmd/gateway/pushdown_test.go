package main

import (
	"strings"
	"testing"
)

// TestPushdownExplain shows, through EXPLAIN, which parts of a query over
// PostgreSQL tables run there as one remote statement, and which stay in
// the engine because PostgreSQL would answer otherwise.
func TestPushdownExplain(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	const users = `postgresql.public."Users"`
	cases := []struct {
		name, query string
		want        []string // substrings of the plan
		absent      []string
	}{
		{"filter and projection", `SELECT "UserID" + 1 FROM ` + users + ` WHERE big > 5 LIMIT 3`,
			[]string{"RemoteQuery postgresql", "WHERE big > $1::bigint", "LIMIT $"}, []string{"Scan "}},
		{"a plain scan shows its statement", `SELECT "Username" FROM ` + users + ` WHERE "UserID" = 3`,
			[]string{"Scan postgresql.public.Users", `Remote SQL: SELECT "Username" FROM public."Users" WHERE "UserID" = $1::int`, "Parameters: $1=3"},
			[]string{"RemoteQuery"}},
		{"join", `SELECT a."Username", b.email FROM ` + users + ` a JOIN ` + users + ` b ON a."UserID" = b.small + 1 WHERE a.big > 3`,
			[]string{"RemoteQuery postgresql tables=[postgresql.public.Users, postgresql.public.Users]", " JOIN ", "ON l.c"}, []string{"Scan ", "Join"}},
		{"left, right and full joins", `SELECT count(*) FROM ` + users + ` a LEFT JOIN ` + users + ` b ON a."UserID" = b.small RIGHT JOIN ` +
			users + ` c ON c.big = b.big FULL JOIN ` + users + ` d ON d."UserID" = c."UserID"`,
			[]string{"LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "pg_catalog.count(*)"}, []string{"Scan ", "Join", "Aggregate"}},
		{"aggregate, group by, having", `SELECT active, count(*), sum(big), avg(small), min(signup), max(balance) FROM ` + users +
			` GROUP BY active HAVING count(*) > 1`,
			[]string{"GROUP BY 1", "pg_catalog.sum(s.c", "pg_catalog.avg(s.c", "WHERE s.c1 > $1::bigint"}, []string{"Scan ", "Aggregate", "Filter"}},
		{"top-N", `SELECT "UserID", "Username" FROM ` + users + ` ORDER BY signup DESC, "UserID" LIMIT 5`,
			[]string{"ORDER BY s.c", "DESC NULLS FIRST", "LIMIT $"}, []string{"Scan ", "Sort", "TopN"}},
		{"text order, bytewise", `SELECT "Username" FROM ` + users + ` ORDER BY "Username" LIMIT 5`,
			[]string{`COLLATE pg_catalog."C"`}, []string{"Scan ", "TopN"}},
		{"distinct", `SELECT DISTINCT active, small FROM ` + users,
			[]string{"GROUP BY 1, 2"}, []string{"Scan ", "Aggregate"}},
		{"offset", `SELECT "UserID" FROM ` + users + ` ORDER BY "UserID" LIMIT 3 OFFSET 4`,
			[]string{"OFFSET $"}, []string{"Scan ", "TopN", "Limit"}},
		{"IN subquery as a semi join", `SELECT "UserID" FROM ` + users + ` a WHERE EXISTS (SELECT 1 FROM ` + users + ` b WHERE b.small = a."UserID")`,
			[]string{"WHERE EXISTS (SELECT FROM"}, []string{"Scan ", "Join"}},
		{"a string range stays", `SELECT count(*) FROM ` + users + ` WHERE "Username" > 'm'`,
			[]string{`Filter ("Username" > 'm')`, "Aggregate"}, []string{"RemoteQuery"}},
		{"a function PostgreSQL computes otherwise stays", `SELECT count(*) FROM ` + users + ` WHERE length("Username") = 5`,
			[]string{"Filter", "Aggregate"}, []string{"RemoteQuery"}},
		{"a volatile function stays", `SELECT "UserID" FROM ` + users + ` WHERE random() < 2 LIMIT 3`,
			[]string{"random()", "Limit"}, []string{"RemoteQuery"}},
		{"a float sum stays", `SELECT sum(score) FROM ` + users,
			[]string{"Aggregate"}, []string{"RemoteQuery"}},
		{"a text min stays, its grouping too", `SELECT small, min("Username") FROM ` + users + ` GROUP BY small`,
			[]string{"Aggregate"}, []string{"RemoteQuery"}},
		{"two plugins never merge", `SELECT count(*) FROM ` + users + ` a JOIN postgresql2.public."Users" b ON a."UserID" = b."UserID"`,
			[]string{"Join", "Aggregate", "Scan postgresql.public.Users", "Scan postgresql2.public.Users"}, []string{"RemoteQuery"}},
		{"a join with Parquet stays, each side filtered", `SELECT count(*) FROM ` + users + " a JOIN dfs.data.`users.parquet` b ON a.\"UserID\" = b.\"UserID\" WHERE a.big > 2",
			[]string{"Join", "Aggregate", `filter=("big" > 2)(exact)`}, []string{"RemoteQuery"}},
	}
	for _, c := range cases {
		r := mustText(t, conn, "EXPLAIN "+c.query)
		plan := strings.Join(cells(r, 0), "\n")
		for _, w := range c.want {
			if !strings.Contains(plan, w) {
				t.Errorf("%s: the plan lacks %q:\n%s", c.name, w, plan)
			}
		}
		for _, a := range c.absent {
			if strings.Contains(plan, a) {
				t.Errorf("%s: the plan has %q:\n%s", c.name, a, plan)
			}
		}
	}
}
