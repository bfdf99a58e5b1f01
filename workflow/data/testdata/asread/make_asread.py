"""Awkward delimited files and the records Python's csv module reads from
them, the reference for data's TestTable_WriteCSVAsRead: the scored file
must hold these fields exactly.

Run with Debian's python3 from this folder: /usr/bin/python3 make_asread.py
It writes each input file and <name>.json with {"header": [...] or null,
"rows": [[...], ...]}; blank lines (which csv.reader returns as []) are
left out, as Modelbench's loader skips them.
"""
import csv
import io
import json

CASES = {
    # Numbers written as people write them, missing-value tokens, spaces,
    # quotes, a comma and a line break inside quotes, text after a closing
    # quote, mixed yes/no spellings, CRLF line ends, blank lines and no
    # final line end.
    "awkward.csv": (
        b' id ,amount,note,flag,churn\r\n'
        b'1,007,"a, b",Yes,Yes\r\n'
        b'2,1.50,"say ""hi""",yes,No\r\n'
        b'\r\n'
        b'3,1e3,"two\r\nlines",Y,No\r\n'
        b'4,,"ab"c,no,Yes\r\n'
        b'5,NA, padded ,N,no\r\n'
        b'6, 4 ,-,n/a,Yes',
        {"delimiter": ",", "quotechar": '"', "encoding": "utf-8"}, True),
    # Semicolons and Latin-1 bytes (é, ü as single bytes).
    "latin1.csv": (
        b'name;city;value\n'
        b'Ren\xe9;"M\xfcnchen; Bayern";0.10\n'
        b'Zo\xe9;Paris;-0\n'
        b'Ana;"";3.0\n',
        {"delimiter": ";", "quotechar": '"', "encoding": "latin-1"}, True),
    # Tabs and single quotes.
    "single.tsv": (
        b"word\tcount\tflag\n"
        b"'it''s'\t01\tTRUE\n"
        b"'a\tb'\t2\tFALSE\n"
        b"plain\t3\tTRUE\n",
        {"delimiter": "\t", "quotechar": "'", "encoding": "utf-8"}, True),
    # A byte-order mark and no header: the first row holds numbers.
    "bom_noheader.csv": (
        b"\xef\xbb\xbf1,2.50,x\n"
        b"3,4.0,y\n"
        b"5,6e1,z\n",
        {"delimiter": ",", "quotechar": '"', "encoding": "utf-8-sig"}, False),
    # One column with blank lines between the values.
    "one_column.csv": (
        b"x\n1.0\n\n2\n\n\n03\n",
        {"delimiter": ",", "quotechar": '"', "encoding": "utf-8"}, True),
}

for name, (raw, opts, header) in CASES.items():
    with open(name, "wb") as f:
        f.write(raw)
    text = raw.decode(opts["encoding"])
    recs = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=opts["delimiter"], quotechar=opts["quotechar"]) if r]
    out = {"header": recs[0] if header else None, "rows": recs[1:] if header else recs}
    with open(name.rsplit(".", 1)[0] + ".json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    print(name, len(out["rows"]), "rows")
