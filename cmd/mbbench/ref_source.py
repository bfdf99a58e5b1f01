"""Reference side of mbbench's source tasks: pandas from Debian's packages.

Debian's pandas has no Parquet engine (no pyarrow), so the Parquet task's
reference is read_csv of the same data; the PostgreSQL task's is read_sql
over psycopg2 (python3-psycopg2) when it is installed. Reading is the work,
so there is no setup. See ref_common.py.
"""
import os

import pandas as pd

from ref_common import identity, main


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


TASKS = {"source/parquet-1m": (identity, parquet_1m), "source/postgres-100k": (identity, postgres_100k)}

if __name__ == "__main__":
    main(TASKS)
