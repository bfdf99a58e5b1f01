# Modelbench's expression language (filter_rows, derive), written as numpy.
# Every operation works on whole columns. A missing value is NaN (None or
# NaN for a label); an operation whose result is infinite gives a missing
# value (1/0, log(0)); and / or are three-valued (false and missing is
# false, true or missing is true).


def fin(x):
    """An operation's result: infinities become missing."""
    x = np.asarray(x, dtype=float)
    return np.where(np.isinf(x), math.nan, x)


def add(a, b):
    return fin(np.asarray(a, dtype=float) + b)


def sub(a, b):
    return fin(np.asarray(a, dtype=float) - b)


def mul(a, b):
    return fin(np.asarray(a, dtype=float) * b)


def div(a, b):
    return fin(np.asarray(a, dtype=float) / b)


def power(a, b):
    """Go's math.Pow, like C's pow: x ^ 0 and 1 ^ y are 1 even when missing."""
    return fin(np.power(np.asarray(a, dtype=float), b))


def neg(a):
    return fin(-np.asarray(a, dtype=float))


def call(f, *args):
    """A function of numbers (np.log, np.exp, np.sqrt, np.abs)."""
    return fin(f(*(np.asarray(a, dtype=float) for a in args)))


def smallest(*args):
    """min(a, b, ...): folded left to right; any missing argument gives missing."""
    out = np.asarray(args[0], dtype=float)
    for a in args[1:]:
        out = np.minimum(out, a)
    return fin(out)


def largest(*args):
    out = np.asarray(args[0], dtype=float)
    for a in args[1:]:
        out = np.maximum(out, a)
    return fin(out)


def number(X, name):
    return X[name].to_numpy(dtype=float)


def yes_no(X, name):
    return np.array([math.nan if not isinstance(l, str) else float(parse_bool(l)) for l in X[name]])


def label(X, name):
    return np.array([l if isinstance(l, str) else None for l in X[name]], dtype=object)


def compare(op, a, b):
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    with np.errstate(invalid="ignore"):
        r = op(a, b).astype(float)
    return np.where(np.isnan(a) | np.isnan(b), math.nan, r)


def same_text(a, b, want=True):
    a, b = np.broadcast_arrays(np.asarray(a, dtype=object), np.asarray(b, dtype=object))
    out = np.array([math.nan if x is None or y is None else float((x == y) == want) for x, y in zip(a.ravel(), b.ravel())])
    return out.reshape(a.shape)


def both(a, b):
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    return np.where((a == 0) | (b == 0), 0.0, np.where(np.isnan(a) | np.isnan(b), math.nan, 1.0))


def either(a, b):
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    return np.where((a == 1) | (b == 1), 1.0, np.where(np.isnan(a) | np.isnan(b), math.nan, 0.0))


def negate(a):
    return fin(1 - np.asarray(a, dtype=float))


def round_to(x, digits=None):
    if digits is None:
        return fin(go_round(x))
    d = go_round(digits)
    with np.errstate(invalid="ignore", over="ignore"):
        p = np.power(10.0, d)
        r = go_round(np.asarray(x, dtype=float) * p) / p
    return fin(np.where(np.isnan(d) | (np.abs(d) > 300), math.nan, r))


def is_text(v):
    return np.asarray(v).dtype.kind in "OUS"


def choose(cond, a, b):
    cond = np.asarray(cond, dtype=float)
    if is_text(a) or is_text(b):
        a, b, c = np.broadcast_arrays(np.asarray(a, dtype=object), np.asarray(b, dtype=object), cond)
        return np.where(np.isnan(c), None, np.where(c != 0, a, b))
    return fin(np.where(np.isnan(cond), math.nan, np.where(cond != 0, a, b)))


def is_absent(v):
    if is_text(v):
        v = np.asarray(v, dtype=object)
        return np.array([0.0 if isinstance(x, str) else 1.0 for x in v.ravel()]).reshape(v.shape)
    return np.isnan(np.asarray(v, dtype=float)).astype(float)


def evaluate(expression, X):
    """Evaluates an expression function on the rows of X, as one value per row."""
    with np.errstate(all="ignore"):
        v = expression(X)
    return np.broadcast_to(np.asarray(v, dtype=float), (len(X),)).copy()
