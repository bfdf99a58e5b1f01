"""Second half of make_fixtures.py (pandas/numpy references for the steps
scikit-learn 1.2 has no class for); run make_fixtures.py, not this file."""
import json
import os

import numpy as np
import pandas as pd

M64 = (1 << 64) - 1


class SplitMix64:
    """Independent re-implementation of Modelbench's documented generator:
    SplitMix64, bounded integers by rejection, Fisher-Yates from the end."""

    def __init__(self, seed):
        self.state = seed & M64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def intn(self, n):
        limit = (M64 // n) * n
        while True:
            x = self.next()
            if x < limit:
                return x % n

    def permutation(self, n):
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.intn(i + 1)
            p[i], p[j] = p[j], p[i]
        return p


def target_encode(train, apply, column, target, smoothing, folds):
    """Smoothed mean encoding: full-training values for apply, out-of-fold for train."""
    y = train[target]
    numeric = pd.api.types.is_numeric_dtype(y)
    if numeric:
        outs = [("", y.astype(float))]
    else:
        classes = sorted(y.dropna().unique())
        chosen = [classes[1]] if len(classes) == 2 else classes
        outs = [(c, (y == c).astype(float).where(y.notna())) for c in chosen]
    multi = len(outs) > 1
    fold = np.zeros(len(train), dtype=int)
    for pos, row in enumerate(SplitMix64(0).permutation(len(train))):
        fold[row] = pos % folds
    full, oof = {}, {}
    for cls, yk in outs:
        name = column + ("_te_" + cls if multi else "")
        ok = yk.notna().to_numpy()
        x = train[column].to_numpy(dtype=object)
        prior = yk[ok].mean()
        stats = pd.DataFrame({"x": x[ok], "y": yk[ok].to_numpy()}).groupby("x")["y"].agg(["sum", "count"])

        def enc(level, st, p):
            # unseen or missing categories get the prior
            if isinstance(level, float) and np.isnan(level) or level not in st.index:
                return p
            s, n = st.loc[level, "sum"], st.loc[level, "count"]
            return (s + smoothing * p) / (n + smoothing)
        full[name] = [enc(v, stats, prior) for v in apply[column].to_numpy(dtype=object)]
        oofv = np.zeros(len(train))
        for f in range(folds):
            rest = ok & (fold != f)
            pf = yk.to_numpy()[rest].mean()
            st = pd.DataFrame({"x": x[rest], "y": yk.to_numpy()[rest]}).groupby("x")["y"].agg(["sum", "count"])
            for i in np.where(fold == f)[0]:
                oofv[i] = enc(x[i], st, pf)
        oof[name] = oofv
    return full, oof


def main(write, step, load, mod3, objects):
    pg = load("penguins.csv")
    rows = list(range(len(pg)))
    fit = mod3(pg)
    ft, ap = pg.iloc[fit].reset_index(drop=True), pg
    for target, column in [("species", "island"), ("sex", "island"), ("body_mass_g", "island"), ("species", "sex")]:
        full, oof = target_encode(ft, ap, column, target, 10.0, 5)
        write("target_encode_%s_by_%s" % (column, target), "pandas groupby mean, smoothing 10, 5 SplitMix64 folds (seed 0)",
              "penguins.csv", [step("target_encode", columns=[column], smoothing=10.0, folds=5)], fit, rows, full,
              target=target, train_expect=oof, absent=[column] if len(full) > 1 else ())

    share = pg.iloc[fit]["island"].value_counts(normalize=True)
    keep = set(share[share >= 0.2].index)
    out = [v if v in keep else ("other" if isinstance(v, str) else None) for v in pg.island]
    write("group_rare_island", "pandas value_counts(normalize=True) >= 0.2", "penguins.csv",
          [step("group_rare", columns=["island"], min_share=0.2, other_label="other")], fit, rows, {"island": out}, target="species")

    sw = load("vega_seattle_weather.csv")
    d = pd.to_datetime(sw["date"], format="%Y/%m/%d")
    srows = list(range(len(sw)))
    write("date_parts_seattle", "pandas Series.dt year, month, day, dayofweek, hour", "vega_seattle_weather.csv",
          [step("date_parts", columns=[], parts="year,month,day,weekday,hour")], srows, srows,
          {"date_year": d.dt.year, "date_month": d.dt.month, "date_day": d.dt.day, "date_weekday": d.dt.dayofweek, "date_hour": d.dt.hour},
          target="weather", absent=["date"])

    cond = (pg.bill_length_mm > 40) & (pg.sex == "male")
    kept = pg[cond]
    write("filter_rows_penguins", "pandas boolean indexing (bill_length_mm > 40) & (sex == 'male')", "penguins.csv",
          [step("filter_rows", condition='bill_length_mm > 40 and sex == "male"')], rows, rows,
          {}, target="species", train_expect={"bill_length_mm": kept.bill_length_mm, "year": kept.year})

    sub = pg[["island", "sex", "year", "species"]]
    kept = sub.drop_duplicates()
    write("remove_duplicates_penguins", "pandas drop_duplicates() after dropping the measurements", "penguins.csv",
          [step("drop_columns", columns=PENGUIN_NUM_ALL), step("remove_duplicates")], rows, rows, {}, target="species",
          train_expect={"year": kept.year, "island": kept.island, "sex": kept.sex})

    x = pg
    half_away = lambda v: np.sign(v) * np.floor(np.abs(v) + 0.5)
    derived = {
        "ratio": ("bill_length_mm / bill_depth_mm", x.bill_length_mm / x.bill_depth_mm),
        "mix": ("log(body_mass_g) - 2 * sqrt(flipper_length_mm) + 2^-1", np.log(x.body_mass_g) - 2 * np.sqrt(x.flipper_length_mm) + 0.5),
        "dream": ('if(island == "Dream", 1, 0) + (year - 2007) ^ 2', (x.island == "Dream").astype(float) + (x.year - 2007.0) ** 2),
        "rounded": ("round(bill_length_mm / 3, 1) + abs(-year) * 0", half_away(x.bill_length_mm / 3 * 10) / 10),
        "big_male": ('flipper_length_mm > 200 and not (sex != "male")',
                     ((x.flipper_length_mm > 200) & (x.sex == "male")).astype(float).where(x.flipper_length_mm.notna() & x.sex.notna() | ((x.flipper_length_mm <= 200) & x.flipper_length_mm.notna()) | (x.sex.notna() & (x.sex != "male")))),
        "extremes": ("max(bill_length_mm, bill_depth_mm * 3) - min(exp(1), bill_depth_mm)",
                     np.maximum(x.bill_length_mm, x.bill_depth_mm * 3) - np.minimum(np.e, x.bill_depth_mm)),
    }
    for name, (expression, values) in derived.items():
        write("derive_%s" % name, "pandas/numpy: %s" % expression, "penguins.csv",
              [step("derive", name=name, expression=expression)], fit, rows, {name: values}, target="species", tol=1e-12)

    facts = pd.DataFrame({"island": ["Biscoe", "Dream"], "latitude": [-65.43, -64.73], "station": ["Palmer", "Palmer"]})
    facts.to_csv("island_facts.csv", index=False)
    joined = pg.merge(facts, on="island", how="left")
    write("join_island_facts", "pandas merge(how='left') on island", "penguins.csv",
          [step("join", table_path="testdata/island_facts.csv", key="island", columns=[])], fit, rows,
          {"latitude": joined.latitude, "station": joined.station}, target="species")

    yr = pg.year.astype(str)
    write("change_type_year_one_hot", "pandas astype(str) then get_dummies", "penguins.csv",
          [step("change_type", column="year", type="categorical"), step("one_hot", columns=["year"])], fit, rows,
          {"year=%s" % v: (yr == v).astype(float) for v in sorted(yr.unique())}, target="species", absent=["year"])

    aq = load("r_airquality.csv")
    rep = aq.Month.replace({5: np.nan, 6: np.nan})
    write("replace_values_month", "pandas Series.replace({5: nan, 6: nan})", "r_airquality.csv",
          [step("replace_values", column="Month", values="5, 6", **{"with": ""})], mod3(aq), list(range(len(aq))),
          {"Month": rep}, target="Day")
    isl = pg.island.replace({"Dream": "Biscoe"})
    write("replace_values_island", "pandas Series.replace({'Dream': 'Biscoe'})", "penguins.csv",
          [step("replace_values", column="island", values="Dream", **{"with": "Biscoe"})], fit, rows, {"island": isl}, target="species")

    r = SplitMix64(1234567)
    seq = [str(r.next()) for _ in range(5)]
    r = SplitMix64(42)
    perm = r.permutation(20)
    with open(os.path.join("fixtures", "rng.json"), "w") as f:
        json.dump({"source": "Python re-implementation of SplitMix64 (Vigna's constants)", "seed": 1234567, "next": seq,
                   "perm_seed": 42, "permutation_20": perm}, f)
        f.write("\n")


PENGUIN_NUM_ALL = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
