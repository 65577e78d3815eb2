-- json, jsonb: over literals and over the types table {Y}.
SELECT "ID", doc, docb FROM {Y} ORDER BY "ID";
SELECT "ID", raw, uid, tod, code, label, note, amount FROM {Y} ORDER BY "ID";
