# ---------------------------------------------------------------------------
# Steps: scikit-learn transformers in Modelbench's places
# ---------------------------------------------------------------------------

class Step(TransformerMixin, BaseEstimator):
    """One step of Modelbench's preparation.

    A ColumnTransformer does the work: `parts` are its (name, transformer,
    columns) triples and every other column passes through unchanged. Then
    the columns the parts made get Modelbench's names (`names`, in the order
    scikit-learn returns them) and every column goes back to Modelbench's
    order (`order`). `check`, when given, is called once fitted and compares
    what was learnt with what Modelbench learnt."""

    def __init__(self, number, kind, parts, names, order, check=None):
        self.number, self.kind, self.parts, self.names, self.order, self.check = number, kind, parts, names, order, check

    def fit_transform(self, X, y=None):
        self.columns_ = ColumnTransformer(self.parts, remainder="passthrough", verbose_feature_names_out=False)
        self.columns_.set_output(transform="pandas")
        out = self.columns_.fit_transform(X, y)
        if self.check is not None:
            self.check(self)
        return self._arrange(out, X)

    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def transform(self, X):
        return self._arrange(self.columns_.transform(X), X)

    def fitted(self, part):
        """The fitted transformer of one part."""
        return self.columns_.named_transformers_[part]

    def _arrange(self, out, X):
        used = {c for _, _, cols in self.parts for c in cols}
        made = out.shape[1] - sum(c not in used for c in X.columns)
        if made != len(self.names):
            sys.exit(f"STOP: step {self.number} ({self.kind}) made {made} columns, Modelbench {len(self.names)}")
        out.columns = list(self.names) + list(out.columns[made:])
        out = out[list(self.order)]
        for name in self.names:  # missing-value indicators of label columns come as True/False
            if out[name].dtype == object and out[name].map(lambda v: isinstance(v, (bool, np.bool_))).all():
                out[name] = out[name].astype(float)
        return out

    def __repr__(self):
        return f"Step({self.number}, {self.kind!r})"


class Transformer(TransformerMixin, BaseEstimator):
    """Base of the small transformers written out in this script, for what
    scikit-learn has no transformer for. They take and return DataFrames."""

    def set_output(self, *, transform=None):
        return self  # they always return DataFrames

    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        self.learn(X, y)
        return self.transform(X)

    def learn(self, X, y):
        pass


class RowStep:
    """A step that acts on the learning rows only, while fitting (filter_rows,
    remove_duplicates); on new rows it does nothing, so every row is scored."""

    def __init__(self, number, kind, keep):
        self.number, self.kind, self.keep = number, kind, keep

    def __repr__(self):
        return f"RowStep({self.number}, {self.kind!r})"


def fit_preparation(steps, X, y):
    """Fits every step on the learning rows, in Modelbench's order: each step
    learns from what the previous ones made. Returns the rows as the
    estimator learns from them (what row steps kept, target encodings out of
    fold) and their targets."""
    for step in steps:
        if isinstance(step, RowStep):
            keep = np.asarray(step.keep(with_target(X, y)) == 1)
            X, y = X[keep], y[keep]
            print(f"  step {step.number} {step.kind}: kept {int(keep.sum())} of {len(keep)} rows")
        else:
            X = step.fit_transform(X, y)
            print(f"  step {step.number} {step.kind}: fitted")
    return X, y


def with_target(X, y):
    """The rows with the target column, for the conditions of row steps."""
    out = X.copy()
    out[TARGET] = np.asarray(y)
    return out


def expect(what, learnt, recorded, rtol=1e-9):
    """Stops the script when what scikit-learn learnt differs from what
    Modelbench recorded: numbers must agree to rtol (absolutely near 0),
    labels exactly."""
    learnt, recorded = list(np.ravel(np.asarray(learnt, dtype=object))), list(np.ravel(np.asarray(recorded, dtype=object)))
    ok = len(learnt) == len(recorded)
    for a, b in zip(learnt, recorded):
        if not ok:
            break
        if isinstance(b, (float, int)) and not isinstance(b, bool) and isinstance(a, (float, int, np.number)):
            a, b = float(a), float(b)
            ok = (math.isnan(a) and math.isnan(b)) or a == b or abs(a - b) <= rtol * max(1.0, abs(b))
        else:
            ok = (is_nan(a) and is_nan(b)) or a == b
    if not ok:
        sys.exit(f"STOP: {what}: scikit-learn learnt {learnt}, Modelbench recorded {recorded}")
    CHECKED.append(what)


def is_nan(v):
    return isinstance(v, float) and math.isnan(v)


CHECKED = []
