"""Reference side of mbbench's eda tasks: pandas from Debian's python3-pandas.

Usage: python3 ref_eda.py TASK FILE. Prints one JSON line {"seconds", "note"}
timing the whole task (reading included, as the Go worker's time is); the
note gives the time of describe(include="all") plus corr() alone, after
read_csv, to compare with the Go side's note.
"""
import json
import sys
import time

import pandas as pd


def describe_1m(path):
    df = pd.read_csv(path)
    start = time.perf_counter()
    df.describe(include="all")
    df.corr(numeric_only=True)
    took = time.perf_counter() - start
    return "describe+corr %.3f s; %d columns" % (took, df.shape[1])


TASKS = {"eda/describe-1m": describe_1m}

if __name__ == "__main__":
    task, path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    note = TASKS[task](path)
    print(json.dumps({"seconds": time.perf_counter() - start, "note": note}))
