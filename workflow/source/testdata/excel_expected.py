"""Reference values for the Excel reader tests (excel_test.go).

Made with:  cd workflow/source/testdata && /usr/bin/python3 excel_expected.py > excel/expected.json

openpyxl (Debian python3-openpyxl) reads excel/report.xlsx on its own: the
value of each merged range is copied to all its cells, fully empty rows and
columns are dropped, a repeated header gets _2, dates are written
YYYY-MM-DD (with HH:MM:SS when a column has a time of day).
"""
import datetime as dt
import json
import sys

from openpyxl import load_workbook

SHEETS = {"Sales": 2, "Iris": 1}  # sheet -> 1-based header row


def grid(ws):
    g = [[c.value for c in row] for row in ws.iter_rows()]
    for rng in ws.merged_cells.ranges:
        v = g[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row - 1, rng.max_row):
            for c in range(rng.min_col - 1, rng.max_col):
                g[r][c] = v
    return g


def empty(v):
    return v is None or (isinstance(v, str) and v.strip() == "")


def sheet(ws, header):
    g = grid(ws)
    head = g[header - 1]
    rows = [r for r in g[header:] if not all(empty(v) for v in r)]
    width = max(c + 1 for c in range(len(head)) if not empty(head[c]) or any(not empty(r[c]) for r in rows))
    names, used = [], set()
    for c in range(width):
        n = str(head[c]).strip()
        k = 2
        base = n
        while n in used:
            n = "%s_%d" % (base, k)
            k += 1
        used.add(n)
        names.append(n)
    cols = []
    for c in range(width):
        vals = [r[c] for r in rows]
        clock = any(isinstance(v, dt.datetime) and v.time() != dt.time(0) for v in vals)
        out = []
        for v in vals:
            if empty(v):
                out.append(None)
            elif isinstance(v, dt.datetime):
                out.append(v.strftime("%Y-%m-%d %H:%M:%S" if clock else "%Y-%m-%d"))
            elif isinstance(v, bool):
                out.append("true" if v else "false")
            elif isinstance(v, (int, float)):
                out.append(float(v))
            else:
                out.append(v)
        cols.append({"name": names[c], "values": out})
    return {"rows": len(rows), "columns": cols}


wb = load_workbook("excel/report.xlsx")
out = {"sheets": wb.sheetnames}
out.update({name: sheet(wb[name], h) for name, h in SHEETS.items()})
json.dump(out, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
