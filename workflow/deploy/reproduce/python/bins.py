class BinsKeepingMissing(Transformer):
    """bin: scikit-learn's KBinsDiscretizer, one per column, fitted on the
    column's present values (KBinsDiscretizer refuses missing ones);
    missing values stay NaN, in every output column for encode="onehot"."""

    def __init__(self, n_bins, strategy, encode):
        self.n_bins, self.strategy, self.encode = n_bins, strategy, encode

    def learn(self, X, y):
        self.bins_ = {}
        for c in X.columns:
            v = X[c].to_numpy(dtype=float)
            kb = KBinsDiscretizer(n_bins=self.n_bins, strategy=self.strategy, subsample=None,
                                  encode="onehot-dense" if self.encode == "onehot" else "ordinal")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a constant column gets one bin, as in Modelbench
                self.bins_[c] = kb.fit(v[~np.isnan(v)].reshape(-1, 1))

    def transform(self, X):
        out = {}
        for c in X.columns:
            v = X[c].to_numpy(dtype=float)
            kb, ok = self.bins_[c], ~np.isnan(v)
            k = int(kb.n_bins_[0]) if self.encode == "onehot" else 1
            codes = np.full((len(v), k), math.nan)
            if ok.any():
                codes[ok] = kb.transform(v[ok].reshape(-1, 1))
            names = [f"{c}={b}" for b in range(k)] if self.encode == "onehot" else [c]
            out.update(zip(names, codes.T))
        return pd.DataFrame(out, index=X.index)
