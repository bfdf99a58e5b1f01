"""Reference side of mbbench's data tasks: pandas from Debian's python3-pandas.

Usage: python3 ref_data.py TASK FILE. Prints one JSON line {"seconds", "note"}
timing only the work, as the Go worker does.
"""
import json
import sys
import time

import pandas as pd


def load_csv(path):
    df = pd.read_csv(path)
    return "%d rows x %d cols" % df.shape


TASKS = {"load/csv-1m": load_csv, "load/csv-100k": load_csv}

if __name__ == "__main__":
    task, path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    note = TASKS[task](path)
    print(json.dumps({"seconds": time.perf_counter() - start, "note": note}))
