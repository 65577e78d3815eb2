"""Runs commands through psycopg2 and SQLAlchemy against one server and
prints what the drivers return, one JSON line per command, so that the
same commands run on Auger and on PostgreSQL can be compared.

Usage: python3 pyclient.py DSN < commands

Each input line is a JSON object; "op" names the command:

  query    psycopg2 cursor.execute(sql, params): the columns and rows
  named    a psycopg2 named (server-side) cursor over sql, read itersize
           rows at a time: the row count and the first rows
  sa_text  SQLAlchemy engine.connect() and text(sql) with bind params
  inspect  the SQLAlchemy inspector: schema names, and for each schema in
           "schemas" its table names, and for each table in "tables"
           ([schema, table]) its columns and primary key
"""

import json
import sys

import psycopg2
import sqlalchemy
from sqlalchemy import inspect, text


def cell(v):
    return None if v is None else str(v)


def query(conn, cmd):
    with conn.cursor() as cur:
        cur.execute(cmd["sql"], cmd.get("params"))
        columns = [[d.name, d.type_code] for d in cur.description]
        rows = [[cell(v) for v in row] for row in cur.fetchall()]
    conn.commit()
    return {"columns": columns, "rows": rows}


def named(conn, cmd):
    with conn.cursor(name="auger_cursor") as cur:
        cur.itersize = cmd["itersize"]
        cur.execute(cmd["sql"])
        count, first = 0, []
        for row in cur:
            if count < 3:
                first.append([cell(v) for v in row])
            count += 1
    conn.commit()
    return {"count": count, "first": first}


def sa_text(engine, cmd):
    with engine.connect() as conn:
        result = conn.execute(text(cmd["sql"]), cmd.get("params", {}))
        return {"columns": list(result.keys()), "rows": [[cell(v) for v in row] for row in result]}


def inspect_schemas(engine, cmd):
    insp = inspect(engine)
    out = {"schemas": sorted(insp.get_schema_names())}
    out["tables"] = {s: sorted(insp.get_table_names(schema=s)) for s in cmd.get("schemas", [])}
    columns, keys = {}, {}
    for schema, table in cmd.get("tables", []):
        name = schema + "." + table
        columns[name] = [[c["name"], str(c["type"]), c["nullable"], c["default"]]
                         for c in insp.get_columns(table, schema=schema)]
        pk = insp.get_pk_constraint(table, schema=schema)
        keys[name] = [pk["constrained_columns"], pk.get("name")]
    out["columns"], out["primary_keys"] = columns, keys
    return out


def main():
    dsn = sys.argv[1]
    conn = psycopg2.connect(dsn)
    engine = sqlalchemy.create_engine("postgresql+psycopg2://", creator=lambda: psycopg2.connect(dsn))
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        try:
            if cmd["op"] == "query":
                out = query(conn, cmd)
            elif cmd["op"] == "named":
                out = named(conn, cmd)
            elif cmd["op"] == "sa_text":
                out = sa_text(engine, cmd)
            elif cmd["op"] == "inspect":
                out = inspect_schemas(engine, cmd)
            else:
                raise ValueError("unknown op " + cmd["op"])
        except psycopg2.Error as e:
            conn.rollback()
            out = {"error": e.pgcode}
            print(line.strip() + ": " + str(e), file=sys.stderr)
        except sqlalchemy.exc.DBAPIError as e:
            out = {"error": getattr(e.orig, "pgcode", None)}
            print(line.strip() + ": " + str(e), file=sys.stderr)
        print(json.dumps(out, sort_keys=True))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
