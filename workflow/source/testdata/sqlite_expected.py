"""Reference values for the SQLite reader tests (sqlite_test.go).

Made with:  cd workflow/source/testdata && /usr/bin/python3 sqlite_expected.py > sqlite/expected.json

Python's sqlite3 module reads sqlite/shop.db (made by the sqlite3 CLI from
make_sqlite.sql) and pandas.read_sql_query (pandas 1.5.3) summarises it.
"""
import json
import sqlite3
import sys

import pandas as pd

con = sqlite3.connect("file:sqlite/shop.db?mode=ro", uri=True)
tables = [r[0] for r in con.execute(
    "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def cell(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, bytes):
        return v.hex()
    return v


out = {"tables": tables}
for t in tables:
    df = pd.read_sql_query('SELECT * FROM "%s"' % t, con)
    cols = []
    for c in df.columns:
        vals = [cell(v) for v in df[c].tolist()]
        entry = {"name": c, "missing": sum(v is None for v in vals), "first": vals[:6]}
        if df[c].dtype.kind in "if":
            entry["sum"] = float(df[c].sum())
        cols.append(entry)
    out[t] = {"rows": len(df), "columns": cols}
json.dump(out, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
