# ---------------------------------------------------------------------------
# The metrics of Modelbench's Evaluate step, from scikit-learn
# ---------------------------------------------------------------------------

def score(estimator, X, y):
    """Every metric Modelbench reports for a classifier, by name. For two
    classes the positive class is the second of CLASSES, as in Modelbench."""
    pred = estimator.predict(X)
    out = {
        "accuracy": skm.accuracy_score(y, pred),
        "balanced_accuracy": skm.balanced_accuracy_score(y, pred),
        "mcc": skm.matthews_corrcoef(y, pred),
        "kappa": skm.cohen_kappa_score(y, pred),
    }
    labels = list(CLASSES)
    for avg in ("macro", "weighted"):
        out["precision_" + avg] = skm.precision_score(y, pred, labels=labels, average=avg, zero_division=0)
        out["recall_" + avg] = skm.recall_score(y, pred, labels=labels, average=avg, zero_division=0)
        out["f1_" + avg] = skm.f1_score(y, pred, labels=labels, average=avg, zero_division=0)
    if len(CLASSES) == 2:
        pos = CLASSES[1]
        out["precision"] = skm.precision_score(y, pred, pos_label=pos, average="binary", zero_division=0)
        out["recall"] = skm.recall_score(y, pred, pos_label=pos, average="binary", zero_division=0)
        out["f1"] = skm.f1_score(y, pred, pos_label=pos, average="binary", zero_division=0)
    if hasattr(estimator, "predict_proba"):
        # Modelbench's probabilities are for every class of CLASSES; a class
        # the learning rows lacked after the row steps has probability 0.
        learnt = estimator.predict_proba(X)
        proba = np.zeros((len(learnt), len(CLASSES)))
        for j, c in enumerate(estimator.classes_):
            proba[:, labels.index(c)] = learnt[:, j]
        out["log_loss"] = skm.log_loss(y, proba, labels=labels)
        truth = np.asarray(y)
        onehot = (truth[:, None] == np.array(labels)[None, :]).astype(float)
        if len(CLASSES) == 2:
            positive = truth == CLASSES[1]
            out["average_precision"] = skm.average_precision_score(positive, proba[:, 1])
            out["brier"] = skm.brier_score_loss(positive, proba[:, 1])
        else:
            out["brier_multiclass"] = float(np.mean(np.sum((proba - onehot) ** 2, axis=1)))
        try:
            if len(CLASSES) == 2:
                out["roc_auc"] = skm.roc_auc_score(truth == CLASSES[1], proba[:, 1])
            else:
                out["roc_auc"] = skm.roc_auc_score(truth, proba, multi_class="ovr", average="macro", labels=labels)
        except ValueError as exc:  # a class missing from the test rows
            print(f"   (ROC AUC left out: {exc})")
    return {k: float(v) for k, v in out.items()}
