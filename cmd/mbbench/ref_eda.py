"""Reference side of mbbench's eda task: pandas from Debian's python3-pandas.
The setup reads the file; the work is describe(include="all") plus corr().
See ref_common.py.
"""
import pandas as pd

from ref_common import main


def describe(df):
    df.describe(include="all")
    df.corr(numeric_only=True)
    return "%d columns" % df.shape[1]


TASKS = {"eda/describe-1m": (pd.read_csv, describe)}

if __name__ == "__main__":
    main(TASKS)
