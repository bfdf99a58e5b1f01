class GroupRare(Transformer):
    """group_rare: a label present in fewer than `min_share` of the learning
    rows with a value becomes `other`, as does any label never seen; missing
    stays missing. `kinds` are the columns' types (numbers are read as
    their labels)."""

    def __init__(self, min_share, other, kinds):
        self.min_share, self.other, self.kinds = min_share, other, kinds

    def _labels(self, X, c):
        return labels_of(X[c].to_numpy(), self.kinds[c])

    def learn(self, X, y):
        self.keep_ = {}
        for c in X.columns:
            counts = pd.Series(self._labels(X, c)).value_counts(dropna=True, sort=False)
            self.keep_[c] = [l for l, n in counts.items() if n > 0 and n >= self.min_share * counts.sum()]

    def transform(self, X):
        out = {}
        for c in X.columns:
            keep = set(self.keep_[c])
            out[c] = np.array([l if not isinstance(l, str) or l in keep else self.other for l in self._labels(X, c)], dtype=object)
        return pd.DataFrame(out, index=X.index)
