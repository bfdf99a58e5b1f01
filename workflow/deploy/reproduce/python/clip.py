class Clip(Transformer):
    """clip: values below the `lower` quantile of the learning rows become
    that quantile, and above the `upper` one that one (numpy's linear
    quantiles, missing values left out); NaN stays NaN."""

    def __init__(self, lower, upper):
        self.lower, self.upper = lower, upper

    def learn(self, X, y):
        self.limits_ = {c: np.nanquantile(X[c].to_numpy(dtype=float), [self.lower, self.upper]) for c in X.columns}

    def transform(self, X):
        return pd.DataFrame({c: np.clip(X[c].to_numpy(dtype=float), *self.limits_[c]) for c in X.columns}, index=X.index)
