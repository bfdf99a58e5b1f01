"""Reference values for the JSON reader tests (json_test.go).

Made with:  cd workflow/source/testdata && /usr/bin/python3 json_expected.py > json/expected.json

pandas.json_normalize (Debian python3-pandas 1.5.3) flattens the records
with dotted names; lists are expected as their compact JSON text.
"""
import json
import sys

import pandas as pd

FILES = {"penguins.json": False, "seattle.ndjson": True, "cars-nested.json": False}


def records(path, lines):
    with open(path, encoding="utf-8") as f:
        if lines:
            return [json.loads(l) for l in f if l.strip()]
        return json.load(f)


def cell(v):
    if isinstance(v, list):
        return json.dumps(v, separators=(",", ":"))
    if v is None or (isinstance(v, float) and v != v):
        return None
    return v


out = {}
for name, lines in FILES.items():
    df = pd.json_normalize(records("json/" + name, lines), sep=".")
    cols = []
    for c in df.columns:
        vals = [cell(v) for v in df[c].tolist()]
        entry = {"name": c, "missing": sum(v is None for v in vals), "first": vals[:3]}
        if df[c].dtype.kind in "if":
            entry["sum"] = float(df[c].sum())
        cols.append(entry)
    out[name] = {"rows": len(df), "columns": cols}
json.dump(out, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
