class AsLabels(Transformer):
    """Turns values into the labels a category step reads: numbers in Go's
    shortest form, yes/no words matched to `learnt` (the step's own
    labels)."""

    def __init__(self, kinds, learnt=None):
        self.kinds, self.learnt = kinds, learnt

    def transform(self, X):
        out = {}
        for c in X.columns:
            v = labels_of(X[c].to_numpy(), self.kinds[c])
            if self.kinds[c] == "boolean" and self.learnt is not None:
                v = spell_like(v, self.learnt[c])
            out[c] = v
        return pd.DataFrame(out, index=X.index)
