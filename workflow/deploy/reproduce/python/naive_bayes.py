class GaussianAndCategoricalNB(ClassifierMixin, BaseEstimator):
    """Modelbench's naive Bayes with categorical features: scikit-learn's
    GaussianNB for the numeric features and CategoricalNB for the
    `categorical` ones (column positions), their log-likelihoods added to one
    class prior, as Modelbench does. A code the learning rows never had
    counts as a category with no rows (Modelbench's rule; CategoricalNB
    would fail)."""

    def __init__(self, categorical, var_smoothing=1e-9, alpha=1.0):
        self.categorical, self.var_smoothing, self.alpha = categorical, var_smoothing, alpha

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        cat = np.zeros(X.shape[1], dtype=bool)
        cat[list(self.categorical)] = True
        self.cat_ = cat
        self.classes_ = np.unique(y)
        self.gauss_ = GaussianNB(var_smoothing=self.var_smoothing).fit(X[:, ~cat], y) if (~cat).any() else None
        codes = X[:, cat].astype(int)
        self.levels_ = codes.max(axis=0) + 1
        self.cats_ = CategoricalNB(alpha=self.alpha, min_categories=self.levels_).fit(codes, y)
        counts = np.array([np.sum(np.asarray(y) == c) for c in self.classes_])
        self.log_prior_ = np.log(counts / counts.sum())
        self.log_unseen_ = np.log(self.alpha) - np.log(counts[:, None] + self.alpha * self.levels_[None, :])
        return self

    def _joint(self, X):
        X = np.asarray(X, dtype=float)
        jll = np.tile(self.log_prior_, (len(X), 1))
        if self.gauss_ is not None:
            jll += self.gauss_.predict_joint_log_proba(X[:, ~self.cat_]) - np.log(self.gauss_.class_prior_)
        codes = X[:, self.cat_].astype(int)
        for j, table in enumerate(self.cats_.feature_log_prob_):  # table[class, code]
            seen = codes[:, j] < table.shape[1]
            part = np.where(seen[:, None], table[:, np.clip(codes[:, j], 0, table.shape[1] - 1)].T, self.log_unseen_[:, j])
            jll += part
        return jll

    def predict_proba(self, X):
        jll = self._joint(X)
        jll -= jll.max(axis=1, keepdims=True)
        p = np.exp(jll)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, X):
        return self.classes_[np.argmax(self._joint(X), axis=1)]
