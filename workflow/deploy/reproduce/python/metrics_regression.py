# ---------------------------------------------------------------------------
# The metrics of Modelbench's Evaluate step, from scikit-learn
# ---------------------------------------------------------------------------

def score(estimator, X, y):
    """Every metric Modelbench reports for a regression, by name."""
    pred = estimator.predict(X)
    mse = skm.mean_squared_error(y, pred)
    out = {
        "r2": skm.r2_score(y, pred),
        "rmse": math.sqrt(mse),
        "mse": mse,
        "mae": skm.mean_absolute_error(y, pred),
        "mape": skm.mean_absolute_percentage_error(y, pred),
        "median_ae": skm.median_absolute_error(y, pred),
        "explained_variance": skm.explained_variance_score(y, pred),
        "max_error": skm.max_error(y, pred),
    }
    return {k: float(v) for k, v in out.items()}
