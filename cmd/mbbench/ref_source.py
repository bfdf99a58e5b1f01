"""Reference side of mbbench's source tasks: pandas from Debian's packages.

Usage: python3 ref_source.py TASK FILE. Prints one JSON line {"seconds", "note"}.
Debian's pandas has no Parquet engine (no pyarrow), so the Parquet task's
reference is read_csv of the same data; the PostgreSQL task's is read_sql
over psycopg2 (python3-psycopg2) when it is installed.
"""
import json
import os
import sys
import time

import pandas as pd


def parquet_1m(path):
    df = pd.read_csv(path)
    return "read_csv of the same data (no pyarrow): %d rows x %d cols" % df.shape


def postgres_100k(path):
    url = os.environ.get("MODELBENCH_TEST_PG")
    if not url:
        return "skipped: MODELBENCH_TEST_PG is unset"
    try:
        import psycopg2
    except ImportError:
        return "skipped: python3-psycopg2 is not installed"
    with psycopg2.connect(url) as conn:
        df = pd.read_sql("SELECT * FROM mb_bench_clf100k", conn)
    return "read_sql: %d rows x %d cols" % df.shape


TASKS = {"source/parquet-1m": parquet_1m, "source/postgres-100k": postgres_100k}

if __name__ == "__main__":
    task, path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    note = TASKS[task](path)
    print(json.dumps({"seconds": time.perf_counter() - start, "note": note}))
