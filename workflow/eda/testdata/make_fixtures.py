"""Reference statistics for workflow/eda's tests, computed with pandas,
numpy and scipy from Debian's packages (pandas 1.5.3, numpy 1.24,
scipy 1.10) on the shared datasets.

Made with (from the repository root):
    /usr/bin/python3 workflow/eda/testdata/make_fixtures.py /work/shared/datasets workflow/eda/testdata/reference

Writes one JSON file per dataset. NaN is written as null. What is compared
and why it is computed this way is explained in ../reference_test.go.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
from scipy.stats import median_abs_deviation
from scipy.stats.contingency import association

# The datasets and the target each one is described against (README.md).
TARGETS = {
    "sk_iris": "target_name", "sk_wine": "target_name", "sk_breast_cancer": "target_name",
    "sk_diabetes": "target", "penguins": "species", "r_airquality": "Ozone", "r_mtcars": "mpg",
    "cardata_titanic": "survived", "weka_credit_g": "class", "weka_diabetes": "class",
    "mlbench_pima_diabetes2": "diabetes", "weka_vote": "Class", "weka_soybean": "class",
    "weka_weather_nominal": "play", "diamonds": "price", "vega_seattle_weather": "weather",
    "vega_cars": "Miles_per_Gallon",
}

# Modelbench's missing-value tokens (data.DefaultMissingTokens); pandas'
# own list also holds "None", which Modelbench keeps as a value.
NA = ["", "NA", "N/A", "null", "NaN", "?", "-"]
MAX_LEVELS = 200  # eda.MaxCramerLevels
MAX_CLASSES = 20  # eda.MaxClasses


def clean(v):
    """JSON-safe number: NaN and infinities become None."""
    if v is None:
        return None
    v = float(v)
    return None if math.isnan(v) or math.isinf(v) else v


def histogram(x):
    """numpy.histogram with eda's bin count: max(Sturges, Freedman-Diaconis), at most 50."""
    n, lo, hi = len(x), x.min(), x.max()
    if lo == hi:
        counts, edges = np.histogram(x, bins=1, range=(lo - 0.5, hi + 0.5))
        return counts, edges
    q1, q3 = np.percentile(x, [25, 75])
    k = math.ceil(math.log2(n)) + 1
    if q3 - q1 > 0:
        k = max(k, math.ceil((hi - lo) / (2 * (q3 - q1) * n ** (-1 / 3))))
    k = min(max(k, 1), 50)
    return np.histogram(x, bins=k, range=(lo, hi))


def numeric_stats(s):
    x = s.dropna().to_numpy(dtype=float)
    d = s.describe(percentiles=[0.05, 0.25, 0.5, 0.75, 0.95])
    out = {
        "count": int(d["count"]), "missing": int(s.isna().sum()), "unique": int(s.nunique()),
        "mean": clean(d["mean"]), "std": clean(d["std"]), "min": clean(d["min"]),
        "p05": clean(d["5%"]), "q1": clean(d["25%"]), "median": clean(d["50%"]),
        "q3": clean(d["75%"]), "p95": clean(d["95%"]), "max": clean(d["max"]),
        "skew": clean(s.skew()), "kurtosis": clean(s.kurt()),
        "zeros": int((x == 0).sum()), "negatives": int((x < 0).sum()),
    }
    if len(x):
        q1, q3 = np.percentile(x, [25, 75])
        lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
        med = np.median(x)
        mad = median_abs_deviation(x, scale=1.0)
        rz = 0 if mad == 0 else int((np.abs(x - med) / (1.482602218505602 * mad) > 3.5).sum())
        counts, edges = histogram(x)
        out.update({"iqr_outliers": int(((x < lo) | (x > hi)).sum()), "lower_fence": lo, "upper_fence": hi,
                    "mad": float(mad), "robust_z_outliers": rz,
                    "hist_counts": [int(c) for c in counts], "hist_edges": [float(e) for e in edges]})
    return out


def object_stats(s):
    # Modelbench's loader trims spaces around every text cell; pandas does not.
    t = s.dropna().astype(str).str.strip()
    lengths = t.str.len()
    ld = lengths.describe(percentiles=[0.25, 0.5, 0.75, 0.95])
    out = {"count": int(s.notna().sum()), "missing": int(s.isna().sum()), "unique": int(t.nunique()),
           "value_counts": {str(k): int(v) for k, v in t.value_counts().items()},
           "length": {"min": clean(ld["min"]), "mean": clean(ld["mean"]), "q1": clean(ld["25%"]),
                      "median": clean(ld["50%"]), "q3": clean(ld["75%"]), "p95": clean(ld["95%"]), "max": clean(ld["max"])}}
    if len(t):
        try:
            dt = pd.to_datetime(t, errors="coerce")
        except (ValueError, TypeError, OverflowError):
            dt = pd.Series([pd.NaT])
        if dt.notna().all():
            u = np.sort(dt.unique())
            steps = np.diff(u).astype("timedelta64[s]").astype(float)
            out["dates"] = {"first": pd.Timestamp(u[0]).strftime("%Y-%m-%dT%H:%M:%SZ"),
                            "last": pd.Timestamp(u[-1]).strftime("%Y-%m-%dT%H:%M:%SZ"),
                            "typical_step_seconds": float(np.median(steps)) if len(steps) else 0.0}
    return out


def matrix(m):
    return {"columns": [str(c) for c in m.columns], "values": [[clean(v) for v in row] for row in m.to_numpy()]}


def cramers_v(a, b):
    ok = a.notna() & b.notna()
    table = pd.crosstab(a[ok], b[ok]).to_numpy()
    if min(table.shape) < 2:
        return None
    return clean(association(table, method="cramer"))


def eta(values, groups):
    """Correlation ratio: sqrt(between-group / total sum of squares)."""
    ok = values.notna() & groups.notna()
    v, g = values[ok].astype(float), groups[ok]
    total = ((v - v.mean()) ** 2).sum()
    if total == 0:
        return None
    means = v.groupby(g).transform("mean")
    between = ((means - v.mean()) ** 2).sum()
    return clean(math.sqrt(between / total))


def is_classes(s):
    if s.dtype == object or s.dtype == bool:
        return True
    x = s.dropna()
    return bool((x == np.round(x)).all()) and 2 <= x.nunique() <= MAX_CLASSES


def target_association(df, target, kinds):
    y = df[target]
    classes = is_classes(y)
    out = {}
    for c in df.columns:
        if c == target:
            continue
        x = df[c]
        if kinds[c] == "numeric":
            if classes:
                out[c] = {"measure": "correlation_ratio", "value": eta(x, y.astype(str))}
            else:
                out[c] = {"measure": "abs_pearson", "value": clean(abs(x.corr(y)))}
        elif x.dropna().astype(str).str.strip().nunique() <= MAX_LEVELS:
            xs = x.where(x.isna(), x.astype(str).str.strip())
            if classes:
                out[c] = {"measure": "cramers_v", "value": cramers_v(xs, y.astype(str).where(y.notna()))}
            else:
                out[c] = {"measure": "correlation_ratio", "value": eta(y, xs)}
    return ("classification" if classes else "regression"), out


def describe(path, target):
    # round_trip: correctly rounded parsing, as Go's strconv.ParseFloat;
    # pandas' default parser can be one unit in the last place off.
    df = pd.read_csv(path, keep_default_na=False, na_values=NA, float_precision="round_trip")
    kinds, cols = {}, {}
    for c in df.columns:
        s = df[c]
        if s.dtype == bool:
            kinds[c] = "boolean"
            s = s.astype(str).str.lower()
            cols[c] = object_stats(s)
        elif pd.api.types.is_numeric_dtype(s):
            kinds[c] = "numeric"
            cols[c] = numeric_stats(s)
        else:
            kinds[c] = "object"
            cols[c] = object_stats(s)
    num = [c for c in df.columns if kinds[c] == "numeric"]
    cat = [c for c in df.columns if kinds[c] != "numeric"
           and df[c].dropna().astype(str).str.strip().nunique() <= MAX_LEVELS]
    stripped = {c: df[c].where(df[c].isna(), df[c].astype(str).str.strip()) for c in cat}
    cv = {a: {b: cramers_v(stripped[a], stripped[b]) for b in cat} for a in cat}
    task, assoc = target_association(df, target, kinds)
    return {
        "file": os.path.basename(path), "rows": len(df), "target": target, "task": task,
        "duplicates": int(df.duplicated().sum()), "kinds": kinds, "columns": cols,
        "pearson": matrix(df[num].corr(method="pearson")), "spearman": matrix(df[num].corr(method="spearman")),
        "cramers_v": cv, "target_association": assoc,
    }


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for name, target in sorted(TARGETS.items()):
        ref = describe(os.path.join(src, name + ".csv"), target)
        with open(os.path.join(dst, name + ".json"), "w") as f:
            json.dump(ref, f, indent=1, sort_keys=True, allow_nan=False)
        print(name, ref["rows"], "rows")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
