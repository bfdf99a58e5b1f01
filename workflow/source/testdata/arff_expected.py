"""Reference values for the ARFF reader tests (arff_test.go).

Made with:  cd workflow/source/testdata && /usr/bin/python3 arff_expected.py > arff/expected.json

Two independent readers are used:
- scipy.io.arff.loadarff (Debian python3-scipy 1.10) for the dense files
  with numeric and nominal attributes;
- Weka itself (Debian package weka 3.6, weka.core.converters.CSVSaver) for
  files with string and date attributes, which scipy cannot read: Weka writes
  them as CSV and pandas reads that CSV back.
"""
import io
import json
import math
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy.io import arff

SCIPY_FILES = ["weather.numeric", "iris", "labor", "credit-g", "breast-cancer", "penguins"]
WEKA_FILES = ["dates", "reuters-excerpt"]


def scipy_summary(name):
    rows, meta = arff.loadarff("arff/%s.arff" % name)
    cols = []
    for col in meta.names():
        kind, levels = meta[col]
        vals = rows[col]
        c = {"name": col, "type": kind}
        if kind == "nominal":
            dec = [v.decode() for v in vals]
            c["levels"] = [lv.strip() for lv in levels]
            c["missing"] = sum(1 for v in dec if v == "?")
            c["first"] = [None if v == "?" else v.strip() for v in dec[:5]]
        else:
            f = np.asarray(vals, dtype=float)
            c["missing"] = int(np.isnan(f).sum())
            c["sum"] = float(np.nansum(f))
            c["first"] = [None if math.isnan(v) else float(v) for v in f[:5]]
        cols.append(c)
    return {"rows": len(rows), "columns": cols}


def weka_summary(name):
    with tempfile.NamedTemporaryFile(suffix=".csv") as out:
        subprocess.run(["java", "-cp", "/usr/share/java/weka.jar", "weka.core.converters.CSVSaver",
                        "-i", "arff/%s.arff" % name, "-o", out.name], check=True, capture_output=True)
        text = open(out.name, encoding="utf-8").read()
    # Weka writes a newline inside a value as \n and a backslash as \\; turn
    # them back before pandas reads the quotes (escapechar handles \' and \").
    text = text.replace("\\\\", "\x01").replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r")
    text = text.replace("\x01", "\\\\")
    df = pd.read_csv(io.StringIO(text), quotechar="'", escapechar="\\", na_values=["?"],
                     keep_default_na=False, dtype=str)
    cols = []
    for col in df.columns:
        vals = [None if isinstance(v, float) else v for v in df[col].tolist()]
        cols.append({"name": col, "values": vals, "missing": sum(v is None for v in vals)})
    return {"rows": len(df), "columns": cols}


out = {n: scipy_summary(n) for n in SCIPY_FILES}
out.update({n: weka_summary(n) for n in WEKA_FILES})
json.dump(out, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
