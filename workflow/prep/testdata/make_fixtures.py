"""Reference outputs for workflow/prep's step tests, from scikit-learn and pandas.

Regenerate (from workflow/prep/testdata, with Debian's python3-sklearn 1.2.1,
python3-pandas 1.5.3, python3-numpy 1.24):

    cd workflow/prep/testdata && /usr/bin/python3 make_fixtures.py

Each case is written to fixtures/<name>.json:
    {"name", "source", "csv", "target", "steps": [{"kind", "params"}],
     "fit_rows": [...], "apply_rows": [...],
     "expect": {column: [value or null, ...]},   # Apply(apply_rows), by name
     "train_expect": {column: [...]},            # FitTransform output (optional)
     "absent": [column, ...], "tol": relative tolerance}
Values are numbers (null = missing) or strings for category outputs.
The CSV files here are copies of /work/shared/datasets (see ../README).
The target_encode and rng references re-implement Modelbench's documented
SplitMix64 fold assignment independently in Python.
"""
import json
import math
import os
import warnings

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import (KBinsDiscretizer, MinMaxScaler, OneHotEncoder,
                                   OrdinalEncoder, PowerTransformer, RobustScaler,
                                   StandardScaler)

warnings.simplefilter("ignore")
OUT = "fixtures"
PENGUIN_NUM = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


def load(name):
    return pd.read_csv(name)


def jval(v):
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    return float(v)


def col(values):
    return [jval(v) if not isinstance(v, (np.floating, np.integer)) else jval(float(v)) for v in values]


def write(name, source, csv, steps, fit_rows, apply_rows, expect, target="", absent=(), tol=1e-9, train_expect=None,
          fitted=None, fitted_tol=None):
    case = {"name": name, "source": source, "csv": csv, "target": target, "steps": steps,
            "fit_rows": [int(i) for i in fit_rows], "apply_rows": [int(i) for i in apply_rows],
            "expect": {k: col(v) for k, v in expect.items()}, "absent": list(absent), "tol": tol}
    if train_expect is not None:
        case["train_expect"] = {k: col(v) for k, v in train_expect.items()}
    if fitted is not None:  # the fitted state per column, in the order documented in fixtures_test.go
        case["fitted"] = {k: col(v) for k, v in fitted.items()}
        case["fitted_tol"] = fitted_tol or tol
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(case, f, indent=None, separators=(",", ":"))
        f.write("\n")


def step(kind, **params):
    return {"kind": kind, "params": params}


def mod3(df):
    return [i for i in range(len(df)) if i % 3 != 0]


def objects(df, cols):
    """Category columns as object arrays with np.nan for missing, as sklearn expects."""
    return df[cols].astype(object).where(df[cols].notna(), np.nan)


# ---------------------------------------------------------------- impute
def impute_cases():
    pg = load("penguins.csv")
    fit, rows = mod3(pg), list(range(len(pg)))
    for strategy in ["mean", "median", "most_frequent"]:
        imp = SimpleImputer(strategy=strategy, add_indicator=True).fit(pg.iloc[fit][PENGUIN_NUM])
        out = imp.transform(pg[PENGUIN_NUM])
        names = PENGUIN_NUM + [PENGUIN_NUM[i] + "_missing" for i in imp.indicator_.features_]
        write("impute_%s_penguins" % strategy, "sklearn SimpleImputer(strategy=%r, add_indicator=True)" % strategy,
              "penguins.csv", [step("impute", columns=PENGUIN_NUM, strategy=strategy, indicator=True)],
              fit, rows, {n: out[:, j] for j, n in enumerate(names)}, target="species",
              fitted={c: [imp.statistics_[j]] for j, c in enumerate(PENGUIN_NUM)})
    aq = load("r_airquality.csv")
    imp = SimpleImputer(strategy="constant", fill_value=-1.5).fit(aq.iloc[mod3(aq)][["Ozone", "Solar.R"]])
    out = imp.transform(aq[["Ozone", "Solar.R"]])
    write("impute_constant_airquality", "sklearn SimpleImputer(strategy='constant', fill_value=-1.5)", "r_airquality.csv",
          [step("impute", columns=["Ozone", "Solar.R"], strategy="constant", fill_value="-1.5")],
          mod3(aq), list(range(len(aq))), {"Ozone": out[:, 0], "Solar.R": out[:, 1]}, target="Day")
    for strategy, extra in [("most_frequent", {}), ("constant", {"fill_value": "unknown"})]:
        imp = SimpleImputer(strategy=strategy, add_indicator=True, **extra).fit(objects(pg.iloc[fit], ["sex"]))
        out = imp.transform(objects(pg, ["sex"]))
        params = dict(columns=["sex"], strategy=strategy, indicator=True, **extra)
        write("impute_%s_sex" % strategy, "sklearn SimpleImputer(strategy=%r, add_indicator=True) on an object column" % strategy,
              "penguins.csv", [step("impute", **params)], fit, rows,
              {"sex": list(out[:, 0]), "sex_missing": out[:, 1].astype(float)}, target="species")


# ---------------------------------------------------------------- scale, log1p, clip, power
def numeric_cases():
    for csv, cols, target in [("penguins.csv", PENGUIN_NUM, "species"), ("r_airquality.csv", ["Ozone", "Solar.R", "Wind", "Temp"], "Day")]:
        df = load(csv)
        fit, rows = mod3(df), list(range(len(df)))
        tag = csv.split(".")[0].replace("r_", "")
        for method, cls in [("standard", StandardScaler), ("minmax", MinMaxScaler), ("robust", RobustScaler)]:
            sc = cls().fit(df.iloc[fit][cols])
            out = sc.transform(df[cols])
            if method == "standard":
                state = {c: [sc.mean_[j], sc.scale_[j]] for j, c in enumerate(cols)}
            elif method == "minmax":
                state = {c: [sc.data_min_[j], sc.data_range_[j]] for j, c in enumerate(cols)}
            else:
                state = {c: [sc.center_[j], sc.scale_[j]] for j, c in enumerate(cols)}
            write("scale_%s_%s" % (method, tag), "sklearn %s()" % cls.__name__, csv,
                  [step("scale", columns=cols, method=method)], fit, rows, {c: out[:, j] for j, c in enumerate(cols)}, target=target,
                  fitted=state)
        out = np.log1p(df[cols].to_numpy(dtype=float))
        write("log1p_%s" % tag, "numpy log1p", csv, [step("log1p", columns=cols)], fit, rows,
              {c: out[:, j] for j, c in enumerate(cols)}, target=target)
        lo, hi = np.nanquantile(df.iloc[fit][cols].to_numpy(dtype=float), [0.05, 0.95], axis=0)
        out = np.clip(df[cols].to_numpy(dtype=float), lo, hi)
        write("clip_%s" % tag, "numpy nanquantile([0.05, 0.95]) then clip", csv,
              [step("clip", columns=cols, lower_quantile=0.05, upper_quantile=0.95)], fit, rows,
              {c: out[:, j] for j, c in enumerate(cols)}, target=target)
        # The Yeo-Johnson power is found by minimising a log-likelihood that can be
        # very flat (flipper_length_mm: a narrow range, so the transform is nearly
        # linear); rounding noise then limits any optimiser to about 1e-5 in lambda,
        # hence the looser tolerances of these cases.
        for standardize in [True, False]:
            pt = PowerTransformer(method="yeo-johnson", standardize=standardize).fit(df.iloc[fit][cols])
            out = pt.transform(df[cols])
            write("yeo_johnson_%s_%s" % (tag, "std" if standardize else "raw"),
                  "sklearn PowerTransformer(method='yeo-johnson', standardize=%s); lambdas %s" % (standardize, list(pt.lambdas_)),
                  csv, [step("yeo_johnson", columns=cols, standardize=standardize)], fit, rows,
                  {c: out[:, j] for j, c in enumerate(cols)}, target=target, tol=1e-5,
                  fitted={c: [pt.lambdas_[j]] for j, c in enumerate(cols)}, fitted_tol=1e-4)


# ---------------------------------------------------------------- one-hot, ordinal, bins
def category_cases():
    pg = load("penguins.csv")
    rows = list(range(len(pg)))
    fit = [i for i in rows if pg.island[i] != "Torgersen" and i % 2 == 0]
    cats = ["island", "sex"]
    for drop in [None, "first", "if_binary"]:
        enc = OneHotEncoder(handle_unknown="ignore", drop=drop, sparse_output=False).fit(objects(pg.iloc[fit], cats))
        out = enc.transform(objects(pg, cats))
        names = [n.replace("island_", "island=").replace("sex_", "sex=").replace("=nan", "=(missing)") for n in enc.get_feature_names_out(cats)]
        write("one_hot_%s" % (drop or "none"), "sklearn OneHotEncoder(handle_unknown='ignore', drop=%r)" % drop, "penguins.csv",
              [step("one_hot", columns=cats, unseen="ignore", drop=drop or "none", max_levels=0)], fit, rows,
              {n: out[:, j] for j, n in enumerate(names)}, target="species", absent=cats)
    enc = OneHotEncoder(handle_unknown="ignore", max_categories=2, sparse_output=False).fit(objects(pg, ["island"]))
    out = enc.transform(objects(pg, ["island"]))
    names = [n.replace("island_", "island=").replace("=infrequent_sklearn", "=(other)") for n in enc.get_feature_names_out(["island"])]
    write("one_hot_max_levels", "sklearn OneHotEncoder(handle_unknown='ignore', max_categories=2)", "penguins.csv",
          [step("one_hot", columns=["island"], max_levels=2)], rows, rows, {n: out[:, j] for j, n in enumerate(names)},
          target="species", absent=["island"])

    fit = [i for i in rows if pg.island[i] != "Dream"]
    enc = OrdinalEncoder(categories=[["Torgersen", "Biscoe"]], handle_unknown="use_encoded_value", unknown_value=np.nan)
    out = enc.fit(objects(pg.iloc[fit], ["island"])).transform(objects(pg, ["island"]))
    write("ordinal_island", "sklearn OrdinalEncoder(categories=[['Torgersen','Biscoe']], handle_unknown='use_encoded_value', unknown_value=nan)",
          "penguins.csv", [step("ordinal", column="island", order="Torgersen, Biscoe")], fit, rows, {"island": out[:, 0]}, target="species")

    aq = load("r_airquality.csv")
    cols = ["Wind", "Temp", "Month"]
    fit, rows = mod3(aq), list(range(len(aq)))
    for strategy in ["uniform", "quantile"]:
        for encode in ["ordinal", "onehot-dense"]:
            kb = KBinsDiscretizer(n_bins=4, strategy=strategy, encode=encode).fit(aq.iloc[fit][cols])
            out = kb.transform(aq[cols])
            if encode == "ordinal":
                expect = {c: out[:, j] for j, c in enumerate(cols)}
            else:
                names = ["%s=%d" % (c, b) for j, c in enumerate(cols) for b in range(kb.n_bins_[j])]
                expect = {n: out[:, j] for j, n in enumerate(names)}
            write("bin_%s_%s" % (strategy, encode.split("-")[0]), "sklearn KBinsDiscretizer(n_bins=4, strategy=%r, encode=%r); edges %s" %
                  (strategy, encode, [list(e) for e in kb.bin_edges_]), "r_airquality.csv",
                  [step("bin", columns=cols, n_bins=4, strategy=strategy, encode=encode.split("-")[0])], fit, rows, expect,
                  target="Day", absent=cols if encode != "ordinal" else (),
                  fitted={c: kb.bin_edges_[j] for j, c in enumerate(cols)})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    impute_cases()
    numeric_cases()
    category_cases()
    import make_fixtures_more
    make_fixtures_more.main(write, step, load, mod3, objects)
