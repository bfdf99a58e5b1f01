class ReplaceValues(Transformer):
    """replace_values: in a column of numbers, values equal to one of `numbers`
    become `with_number` (NaN: missing); in a column of labels, a label among
    `labels` becomes `with_label` and the labels are read back as the
    column's type ("" is missing)."""

    def __init__(self, kind, labels=(), with_label="", numbers=(), with_number=math.nan):
        self.kind, self.labels, self.with_label, self.numbers, self.with_number = kind, labels, with_label, numbers, with_number

    def transform(self, X):
        out = {}
        for c in X.columns:
            v = X[c].to_numpy()
            if self.kind == "numeric":
                out[c] = np.where(np.isin(v, np.asarray(self.numbers, dtype=float)), self.with_number, v)
                continue
            matched = spell_like(v, self.labels) if self.kind == "boolean" else v
            labels = np.array([self.with_label if l in self.labels else l for l in matched], dtype=object)
            labels = np.array([l if isinstance(l, str) and l != "" else math.nan for l in labels], dtype=object)
            if self.kind == "boolean":  # yes/no words again, spelled as the values were matched
                labels = np.array([math.nan if not isinstance(l, str) or parse_bool(l) is None else l for l in labels], dtype=object)
                spelled = spelling_of(l for l in matched if isinstance(l, str))
                labels = np.array([l if not isinstance(l, str) else spelled[parse_bool(l)] for l in labels], dtype=object)
            out[c] = labels
        return pd.DataFrame(out, index=X.index)
