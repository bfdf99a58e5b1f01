class TargetEncode(Transformer):
    """target_encode: a label becomes the smoothed mean target of its learning
    rows, (sum of targets + smoothing * overall mean) / (rows + smoothing):
    for a numeric target its value, for a yes/no or two-class target the
    share of the second class (of `classes`), for more classes one column per
    class (NAME_te_CLASS). New rows, and unseen or missing labels, use the
    encoding of all the learning rows; but while fitting, each learning row is
    encoded from the other folds only (out of fold, `folds` folds drawn as
    Modelbench draws them: SplitMix64 with seed 0), which is what the
    estimator learns from. scikit-learn 1.2 has no target encoder (1.3's
    smooths differently), so it is written out here."""

    def __init__(self, smoothing, folds, classes, kinds):
        self.smoothing, self.folds, self.classes, self.kinds = smoothing, folds, classes, kinds

    def _targets(self, y):
        if self.classes is None:
            v = np.asarray(y, dtype=float)
            return [v], np.isfinite(v)
        y = np.asarray(y, dtype=object)
        ok = np.array([isinstance(l, str) for l in y])
        wanted = self.classes[1:] if len(self.classes) == 2 else self.classes
        return [(y == c).astype(float) for c in wanted], ok

    def outputs(self, column):
        if self.classes is None or len(self.classes) <= 2:
            return [column]
        return [f"{column}_te_{c}" for c in self.classes]

    def _labels(self, X, c):
        return labels_of(X[c].to_numpy(), self.kinds[c])

    def _smooth(self, total, n, prior):
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(n + self.smoothing == 0, prior, (total + self.smoothing * prior) / (n + self.smoothing))

    def fit_transform(self, X, y=None):
        ys, ok = self._targets(y)
        n = len(X)
        fold = np.empty(n, dtype=int)
        fold[splitmix_permutation(n, 0)] = np.arange(n) % self.folds
        self.levels_, self.values_, self.prior_ = {}, {}, {}
        out = {}
        for c in X.columns:
            labels = self._labels(X, c)
            levels = list(dict.fromkeys(l for l in labels if isinstance(l, str)))
            code = np.array([levels.index(l) if isinstance(l, str) else len(levels) for l in labels]) if levels else np.full(n, 0)
            L = len(levels)
            self.levels_[c], self.values_[c], self.prior_[c] = levels, [], []
            for o, (name, t) in enumerate(zip(self.outputs(c), ys)):
                sums, counts = np.zeros((self.folds, L + 1)), np.zeros((self.folds, L + 1))
                np.add.at(sums, (fold[ok], code[ok]), t[ok])
                np.add.at(counts, (fold[ok], code[ok]), 1)
                all_sum, all_n = sums.sum(), counts.sum()
                prior = all_sum / all_n
                level_sum, level_n = sums.sum(axis=0), counts.sum(axis=0)
                self.prior_[c].append(prior)
                self.values_[c].append(self._smooth(level_sum[:L], level_n[:L], prior))
                fold_sum, fold_n = sums.sum(axis=1), counts.sum(axis=1)
                with np.errstate(invalid="ignore", divide="ignore"):
                    fold_prior = np.where(all_n - fold_n > 0, (all_sum - fold_sum) / (all_n - fold_n), prior)
                p = fold_prior[fold]
                enc = self._smooth(level_sum[code] - sums[fold, code], level_n[code] - counts[fold, code], p)
                out[name] = np.where(code == L, p, enc)
        return pd.DataFrame(out, index=X.index)

    def transform(self, X):
        out = {}
        for c in X.columns:
            index = {l: i for i, l in enumerate(self.levels_[c])}
            pos = np.array([index.get(l, -1) if isinstance(l, str) else -1 for l in self._labels(X, c)])
            for o, name in enumerate(self.outputs(c)):
                table = np.append(self.values_[c][o], self.prior_[c][o])
                out[name] = table[pos]  # -1 picks the prior
        return pd.DataFrame(out, index=X.index)


def splitmix_permutation(n, seed):
    """Modelbench's random permutation of 0..n-1: SplitMix64 (Steele, Lea and
    Flood 2014) drawing a Fisher-Yates shuffle from the last element down,
    each index by rejection sampling."""
    mask = (1 << 64) - 1
    state = seed
    p = list(range(n))

    def intn(k):
        nonlocal state
        limit = (mask // k) * k
        while True:
            state = (state + 0x9E3779B97F4A7C15) & mask
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
            z ^= z >> 31
            if z < limit:
                return z % k

    for i in range(n - 1, 0, -1):
        j = intn(i + 1)
        p[i], p[j] = p[j], p[i]
    return np.array(p, dtype=int)


def expect_encoding(what, encoder, column, recorded, default):
    """Checks a column's encoding against Modelbench's: `recorded` maps each
    label to its value per output column, `default` is the value of unseen
    labels (the overall mean). A label Modelbench lists but the learning rows
    lack must have the default."""
    learnt = dict(zip(encoder.levels_[column], zip(*encoder.values_[column])))
    for label, values in learnt.items():
        expect(f"{what}: {label}", values, recorded.get(label, [None]))
    for label in sorted(set(recorded) - set(learnt)):
        expect(f"{what}: {label} (in no learning row)", recorded[label], default)
    expect(f"{what}: the overall mean", encoder.prior_[column], default)
