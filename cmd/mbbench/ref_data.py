"""Reference side of mbbench's data tasks: pandas from Debian's python3-pandas.
Reading the file is the work, so there is no setup. See ref_common.py.
"""
import pandas as pd

from ref_common import identity, main


def load_csv(path):
    df = pd.read_csv(path)
    return "%d rows x %d cols" % df.shape


TASKS = {"load/csv-1m": (identity, load_csv), "load/csv-100k": (identity, load_csv)}

if __name__ == "__main__":
    main(TASKS)
