class ChangeType(Transformer):
    """change_type: converts its column to another type, in place, by
    Modelbench's conversion rules (see convert)."""

    def __init__(self, source, kind, layout=""):
        self.source, self.kind, self.layout = source, kind, layout

    def transform(self, X):
        return pd.DataFrame({c: convert(X[c].to_numpy(), self.source, self.kind, self.layout) for c in X.columns}, index=X.index)
