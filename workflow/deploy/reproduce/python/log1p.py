def log1p_or_missing(X):
    """log(1 + x), and missing (NaN) where x <= -1 as in Modelbench (numpy
    gives -inf at -1)."""
    x = np.asarray(X, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(x <= -1, math.nan, np.log1p(x))
