"""Reference values for loader_pandas_test.go: pandas 1.5.3 (Debian's
python3-pandas) reading every shared dataset.

Made with (from the repository root):
    /usr/bin/python3 workflow/data/testdata/pandas_ref.py > workflow/data/testdata/pandas_ref.json

pandas is told to use Modelbench's missing-value tokens (data.DefaultMissingTokens:
"", NA, N/A, null, NaN, ?, -, compared ignoring case and surrounding spaces)
instead of its own defaults, so the two agree on what is missing. The
differences in the defaults, kept on purpose and documented in the test:
pandas reads "None", "nan", "#N/A", "<NA>" and "n/a" as missing; Modelbench
keeps "None" (a real category in many files) and also reads "?" and "-" as
missing.
"""
import glob
import json
import os
import sys

import pandas as pd

TOKENS = ["", "NA", "N/A", "null", "NaN", "?", "-"]


def variants(tokens):
    out = set()
    for t in tokens:
        for v in (t, t.lower(), t.upper(), t.title()):
            out.add(v)
            out.add(" " + v)
            out.add(v + " ")
    return sorted(out)


def describe(path):
    df = pd.read_csv(path, keep_default_na=False, na_values=variants(TOKENS))
    cols = []
    for name in df.columns:
        s = df[name]
        col = {"name": name, "missing": int(s.isna().sum()), "dtype": s.dtype.kind}
        if s.dtype.kind in "if":
            col["sum"] = float(s.sum())
        cols.append(col)
    return {"rows": int(len(df)), "columns": cols}


def main(folder):
    out = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        out[os.path.basename(path)] = describe(path)
    json.dump({"pandas": pd.__version__, "files": out}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets")
