class YeoJohnson(Transformer):
    """yeo_johnson: scikit-learn's PowerTransformer(method="yeo-johnson").

    scipy's Brent search and Modelbench's stop at slightly different powers
    (they agree to about 1e-6), so the power is refitted and checked against
    Modelbench's (`recorded`, to 1e-4) and then Modelbench's power is used,
    so that the prepared numbers agree to the last digits. The
    standardisation (a StandardScaler) is refitted on the transformed
    learning rows."""

    def __init__(self, standardize, recorded):
        self.standardize, self.recorded = standardize, recorded

    def learn(self, X, y):
        self.power_ = PowerTransformer(method="yeo-johnson", standardize=False).fit(X.to_numpy(dtype=float))
        for c, lam in zip(X.columns, self.power_.lambdas_):
            expect(f"yeo_johnson power of {c}", [lam], [self.recorded[c]], rtol=1e-4)
        self.power_.lambdas_ = np.array([self.recorded[c] for c in X.columns])
        if self.standardize:
            self.scaler_ = StandardScaler().fit(self.power_.transform(X.to_numpy(dtype=float)))

    def transform(self, X):
        z = self.power_.transform(X.to_numpy(dtype=float))
        if self.standardize:
            z = self.scaler_.transform(z)
        return pd.DataFrame(z, columns=X.columns, index=X.index)
