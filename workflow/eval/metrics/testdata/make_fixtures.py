"""Reference values for workflow/eval/metrics, computed with scikit-learn.

Run from this folder with Debian's Python (scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 make_fixtures.py > fixtures.json

Every case holds the inputs (true classes or values, predicted classes or
values, class probabilities) and what scikit-learn returns for them. A value
scikit-learn cannot compute (it raises) is written as {"error": "..."}; a NaN
is written as the string "nan", because JSON has no NaN.
"""
import json
import math
import sys

import numpy as np
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve
from sklearn.preprocessing import label_binarize


def clean(v):
    if isinstance(v, np.ndarray):
        return [clean(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if isinstance(v, dict):
        return {str(k): clean(x) for k, x in v.items()}
    if isinstance(v, (np.floating, float)):
        v = float(v)
        return "nan" if math.isnan(v) else v
    if isinstance(v, np.integer):
        return int(v)
    return v


def attempt(fn):
    try:
        return clean(fn())
    except ValueError as exc:
        return {"error": str(exc)}


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def proba_for(rng, y, k, signal, decimals=4):
    """Class probabilities that lean towards the true class by `signal`."""
    logits = rng.normal(size=(len(y), k))
    logits[np.arange(len(y)), y] += signal
    p = np.round(softmax(logits), decimals)
    p[:, -1] = np.round(1 - p[:, :-1].sum(axis=1), decimals)
    return np.clip(p, 0, 1)


def thresholds(y, s, cost_fp=1.0, cost_fn=5.0):
    """Confusion counts at a few thresholds (score >= t is positive), the
    F1-maximising threshold from precision_recall_curve and the
    cost-minimising one by brute force; ties go to the highest threshold."""
    out = {"cost_fp": cost_fp, "cost_fn": cost_fn, "at": []}
    for t in [0.05, 0.3, 0.5, 0.7, 0.95, float(np.median(s)), float(s.max()) + 0.5]:
        tn, fp, fn, tp = skm.confusion_matrix(y, s >= t, labels=[False, True]).ravel()
        out["at"].append({"t": t, "tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn),
                          "f1": skm.f1_score(y, s >= t, zero_division=0)})
    prec, rec, thr = skm.precision_recall_curve(y, s)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(prec + rec > 0, 2 * prec * rec / (prec + rec), 0)[:-1]
    best = len(f1) - 1 - int(np.argmax(f1[::-1]))  # the highest threshold among ties
    out["best_f1"] = {"t": float(thr[best]), "f1": float(f1[best])}
    cands = np.r_[s.max() + 1, np.unique(s)[::-1]]
    costs = []
    for t in cands:
        tn, fp, fn, tp = skm.confusion_matrix(y, s >= t, labels=[False, True]).ravel()
        costs.append(cost_fp * fp + cost_fn * fn)
    i = int(np.argmin(costs))  # first minimum = highest threshold
    out["min_cost"] = {"t": float(cands[i]), "cost": float(costs[i])}
    return out


def gain_table(y, s, n):
    """Cumulative gain and lift at n equal slices of the rows ranked by
    score; a slice boundary inside a block of tied scores takes that block's
    positives in proportion (the expectation under random tie-breaking)."""
    y = np.asarray(y, dtype=float)
    pos = y.sum()
    if pos == 0:
        return {"error": "no positive rows"}
    order = np.argsort(-s, kind="stable")
    ss, yy = s[order], y[order]
    rows = []
    prev = 0.0
    for d in range(1, n + 1):
        m = len(s) * d / n
        t = ss[min(int(np.ceil(m)) - 1, len(s) - 1)]
        above = ss > t
        block = ss == t
        expect = yy[above].sum() + (m - above.sum()) * yy[block].sum() / block.sum()
        gain = expect / pos
        rows.append({"up_to": d / n, "gain": gain, "cumulative_lift": gain / (d / n),
                     "lift": (gain - prev) * n})
        prev = gain
    return rows


def classification_case(name, y, pred, proba):
    k = proba.shape[1]
    labels = list(range(k))
    out = {"name": name, "k": k, "y_true": y.tolist(), "y_pred": pred.tolist(),
           "proba": proba.tolist()}
    r = {
        "accuracy": attempt(lambda: skm.accuracy_score(y, pred)),
        "balanced_accuracy": attempt(lambda: skm.balanced_accuracy_score(y, pred)),
        "precision_macro": attempt(lambda: skm.precision_score(y, pred, average="macro")),
        "recall_macro": attempt(lambda: skm.recall_score(y, pred, average="macro")),
        "f1_macro": attempt(lambda: skm.f1_score(y, pred, average="macro")),
        "precision_weighted": attempt(lambda: skm.precision_score(y, pred, average="weighted")),
        "recall_weighted": attempt(lambda: skm.recall_score(y, pred, average="weighted")),
        "f1_weighted": attempt(lambda: skm.f1_score(y, pred, average="weighted")),
        "f1_micro": attempt(lambda: skm.f1_score(y, pred, average="micro")),
        "precision_per_class": attempt(lambda: skm.precision_score(y, pred, average=None, labels=labels)),
        "recall_per_class": attempt(lambda: skm.recall_score(y, pred, average=None, labels=labels)),
        "f1_per_class": attempt(lambda: skm.f1_score(y, pred, average=None, labels=labels)),
        "mcc": attempt(lambda: skm.matthews_corrcoef(y, pred)),
        "kappa": attempt(lambda: skm.cohen_kappa_score(y, pred)),
        "log_loss": attempt(lambda: skm.log_loss(y, proba, labels=labels)),
        "confusion": attempt(lambda: skm.confusion_matrix(y, pred, labels=labels)),
        "confusion_true": attempt(lambda: skm.confusion_matrix(y, pred, labels=labels, normalize="true")),
        "confusion_pred": attempt(lambda: skm.confusion_matrix(y, pred, labels=labels, normalize="pred")),
        "confusion_all": attempt(lambda: skm.confusion_matrix(y, pred, labels=labels, normalize="all")),
        "report": attempt(lambda: skm.classification_report(y, pred, output_dict=True, zero_division=0)),
    }
    if k == 2:
        s = proba[:, 1]
        r.update({
            "precision": attempt(lambda: skm.precision_score(y, pred)),
            "recall": attempt(lambda: skm.recall_score(y, pred)),
            "f1": attempt(lambda: skm.f1_score(y, pred)),
            "roc_auc": attempt(lambda: skm.roc_auc_score(y, s)),
            "average_precision": attempt(lambda: skm.average_precision_score(y, s)),
            "brier": attempt(lambda: skm.brier_score_loss(y, s)),
            "roc_curve": attempt(lambda: skm.roc_curve(y, s)),
            "roc_curve_all": attempt(lambda: skm.roc_curve(y, s, drop_intermediate=False)),
            "pr_curve": attempt(lambda: skm.precision_recall_curve(y, s)),
            "calibration_uniform_5": attempt(lambda: calibration_curve(y, s, n_bins=5)),
            "calibration_uniform_10": attempt(lambda: calibration_curve(y, s, n_bins=10)),
            "calibration_quantile_4": attempt(lambda: calibration_curve(y, s, n_bins=4, strategy="quantile")),
            "calibration_quantile_10": attempt(lambda: calibration_curve(y, s, n_bins=10, strategy="quantile")),
            "thresholds": thresholds(y, s),
            "gain_deciles": gain_table(y, s, 10),
            "gain_quintiles": gain_table(y, s, 5),
        })
    else:
        onehot = label_binarize(y, classes=labels)
        r.update({
            "roc_auc_ovr_macro": attempt(lambda: skm.roc_auc_score(y, proba, multi_class="ovr", labels=labels)),
            "roc_auc_ovr_weighted": attempt(lambda: skm.roc_auc_score(
                y, proba, multi_class="ovr", average="weighted", labels=labels)),
            "average_precision_ovr_macro": attempt(lambda: skm.average_precision_score(onehot, proba, average="macro")),
        })
    # Multiclass Brier score: sum over classes of the squared error of the
    # probability, averaged over rows (Brier 1950); scikit-learn 1.2 has no
    # multiclass form, so numpy computes it from the definition.
    onehot = np.eye(k)[y]
    r["brier_multiclass"] = clean(np.mean(np.sum((proba - onehot) ** 2, axis=1)))
    out["want"] = r
    return out


def regression_case(name, y, pred):
    r = {
        "mae": attempt(lambda: skm.mean_absolute_error(y, pred)),
        "mse": attempt(lambda: skm.mean_squared_error(y, pred)),
        "rmse": attempt(lambda: skm.mean_squared_error(y, pred, squared=False)),
        "r2": attempt(lambda: skm.r2_score(y, pred)),
        "mape": attempt(lambda: skm.mean_absolute_percentage_error(y, pred)),
        "median_ae": attempt(lambda: skm.median_absolute_error(y, pred)),
        "explained_variance": attempt(lambda: skm.explained_variance_score(y, pred)),
        "max_error": attempt(lambda: skm.max_error(y, pred)),
    }
    return {"name": name, "y_true": y.tolist(), "y_pred": pred.tolist(), "want": r}


def classification_cases(rng):
    cases = []
    y = (rng.random(150) < 0.4).astype(int)
    p = proba_for(rng, y, 2, 1.0)
    cases.append(classification_case("binary_random", y, p.argmax(axis=1), p))

    y = (rng.random(400) < 0.05).astype(int)
    p = proba_for(rng, y, 2, 1.5)
    pred = (p[:, 1] >= 0.3).astype(int)
    cases.append(classification_case("binary_imbalanced", y, pred, p))

    y = rng.integers(0, 2, 80)
    p = proba_for(rng, y, 2, 1.0, decimals=1)  # few distinct scores: many ties
    cases.append(classification_case("binary_ties", y, p.argmax(axis=1), p))

    y = rng.integers(0, 2, 40)
    p = np.eye(2)[y]
    cases.append(classification_case("binary_perfect", y, y.copy(), p))

    y = rng.integers(0, 2, 50)
    p = np.tile([0.7, 0.3], (50, 1))
    cases.append(classification_case("binary_constant", y, np.zeros(50, dtype=int), p))

    y = np.zeros(30, dtype=int)
    p = proba_for(rng, y, 2, 0.5)
    cases.append(classification_case("binary_single_class_true", y, p.argmax(axis=1), p))

    y = rng.integers(0, 3, 200)
    p = proba_for(rng, y, 3, 1.2)
    cases.append(classification_case("multiclass_3", y, p.argmax(axis=1), p))

    y = rng.choice(5, 250, p=[0.5, 0.2, 0.15, 0.1, 0.05])
    p = proba_for(rng, y, 5, 0.8)
    pred = p.argmax(axis=1)
    pred[pred == 4] = 0  # class 4 is never predicted
    cases.append(classification_case("multiclass_absent_pred", y, pred, p))

    y = rng.integers(0, 3, 90)  # class 3 of 4 never occurs in y_true
    p = proba_for(rng, y, 4, 1.0)
    cases.append(classification_case("multiclass_absent_true", y, p.argmax(axis=1), p))

    y = rng.integers(0, 3, 60)
    p = np.eye(3)[y]
    cases.append(classification_case("multiclass_perfect", y, y.copy(), p))
    return cases


def regression_cases(rng):
    cases = []
    x = rng.normal(size=200)
    y = 3 * x + rng.normal(size=200)
    cases.append(regression_case("random", y, 3 * x + 0.3 * rng.normal(size=200)))
    y = np.round(rng.exponential(2.0, 120), 2)
    y[:6] = 0  # zeros make MAPE divide by epsilon, as scikit-learn does
    cases.append(regression_case("zeros_in_truth", y, y + rng.normal(size=120)))
    y = np.full(25, 4.0)
    cases.append(regression_case("constant_truth", y, y + rng.normal(size=25)))
    cases.append(regression_case("constant_truth_perfect", y, y.copy()))
    y = rng.normal(size=31)
    cases.append(regression_case("perfect", y, y.copy()))
    cases.append(regression_case("worse_than_mean", y, -y))
    cases.append(regression_case("single_row", np.array([2.0]), np.array([3.0])))
    return cases


def main():
    rng = np.random.default_rng(20240611)
    out = {"source": "scikit-learn %s via make_fixtures.py" % __import__("sklearn").__version__,
           "classification": classification_cases(rng),
           "regression": regression_cases(rng)}
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
