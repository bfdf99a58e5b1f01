"""Reference numbers for the plots package's statistics, from numpy and scipy.

Made with Debian's Python (numpy 1.24, scipy 1.10, pandas 1.5.3):

    cd plots/testdata && /usr/bin/python3 ref_plots.py > ref_plots.json

Each case names its source column. Histograms: numpy.histogram(bins="auto");
kernel density: scipy.stats.gaussian_kde with bw_method "scott" or
"silverman"; box statistics: matplotlib.cbook.boxplot_stats (matplotlib 3.6,
whis=1.5: numpy's linear percentiles, whiskers at the most extreme values
within 1.5 IQR of the box).
"""
import json

import numpy as np
import pandas as pd
from scipy.stats import gaussian_kde

DATA = "../../workflow/internal/testsets/data/"


def col(file, name):
    """A real dataset column without missing values; the Go test reads
    the same column from the same file."""
    v = pd.read_csv(DATA + file)[name].dropna().to_numpy(dtype=float)
    return v, {"file": file, "column": name}


def mixture():
    """A bimodal sample, stored in the fixture (rounded to 6 decimals)."""
    rng = np.random.default_rng(7)
    v = np.round(np.concatenate([rng.normal(0, 1, 1800), rng.normal(4, 0.5, 1200)]), 6)
    return v, {"values": v.tolist()}


SAMPLES = {
    "penguins flipper_length_mm": col("penguins.csv", "flipper_length_mm"),
    "iris sepal width": col("sk_iris.csv", "sepal width (cm)"),
    "diamonds price": col("diamonds.csv", "price"),
    "diamonds carat": col("diamonds.csv", "carat"),
    "mixture n=3000": mixture(),
}


def hist_case(name, sample):
    v, src = sample
    counts, edges = np.histogram(v, bins="auto")
    return {"name": name, **src, "edges": edges.tolist(), "counts": counts.tolist()}


def kde_case(name, sample, method):
    v, src = sample
    k = gaussian_kde(v, bw_method=method)
    grid = np.linspace(v.min() - v.std(), v.max() + v.std(), 41)
    return {"name": name, "method": method, **src,
            "bandwidth": float(k.factor * v.std(ddof=1)),
            "x": grid.tolist(), "density": k(grid).tolist()}


def box_case(name, sample):
    from matplotlib.cbook import boxplot_stats
    v, src = sample
    st = boxplot_stats(v, whis=1.5)[0]
    return {"name": name, **src, "q1": float(st["q1"]), "median": float(st["med"]),
            "q3": float(st["q3"]), "low_whisker": float(st["whislo"]),
            "high_whisker": float(st["whishi"]), "outliers": int(len(st["fliers"]))}


def curve_cases():
    """ROC and precision-recall curves of two single-feature scores for
    malignancy on breast_cancer (scikit-learn roc_curve,
    precision_recall_curve, roc_auc_score, average_precision_score)."""
    from sklearn.metrics import (average_precision_score, precision_recall_curve,
                                 roc_auc_score, roc_curve)
    df = pd.read_csv(DATA + "sk_breast_cancer.csv")
    y = (df["target_name"] == "malignant").to_numpy()
    out = []
    for name in ["mean radius", "worst concave points", "mean texture"]:
        score = df[name].to_numpy(dtype=float)
        fpr, tpr, _ = roc_curve(y, score)
        prec, rec, _ = precision_recall_curve(y, score)
        out.append({"name": name, "fpr": fpr.tolist(), "tpr": tpr.tolist(),
                    "auc": roc_auc_score(y, score), "precision": prec.tolist(),
                    "recall": rec.tolist(), "ap": average_precision_score(y, score),
                    "positive_rate": float(y.mean())})
    return out


def qq_case():
    """scipy.stats.probplot (normal) of diabetes' target."""
    from scipy.stats import probplot
    v, src = col("sk_diabetes.csv", "target")
    (osm, osr), (slope, intercept, r) = probplot(v, dist="norm")
    return {"name": "diabetes target", **src, "osm": osm.tolist(), "slope": slope,
            "intercept": intercept, "r": r}


def main():
    out = {"histograms": [], "kdes": [], "boxes": [], "curves": curve_cases(), "qq": qq_case()}
    for name in ["penguins flipper_length_mm", "iris sepal width", "diamonds price"]:
        out["histograms"].append(hist_case(name, SAMPLES[name]))
    for name in ["penguins flipper_length_mm", "mixture n=3000"]:
        for method in ["scott", "silverman"]:
            out["kdes"].append(kde_case(name, SAMPLES[name], method))
    for name in ["penguins flipper_length_mm", "diamonds carat", "mixture n=3000"]:
        out["boxes"].append(box_case(name, SAMPLES[name]))
    json.dump(out, __import__("sys").stdout)


if __name__ == "__main__":
    main()
