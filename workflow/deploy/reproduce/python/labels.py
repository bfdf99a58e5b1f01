# ---------------------------------------------------------------------------
# Labels and type conversions
# ---------------------------------------------------------------------------
# Steps that treat values as categories read each value as a label:
# a category or a text as it is, a yes/no value as the word the column uses,
# and a number in Go's shortest form ("3", "0.25", "1e+21"), which is not
# Python's ("3.0", "0.25", "1e+21").


def go_format_float(v):
    """Go's strconv.FormatFloat(v, 'g', -1, 64): Modelbench's label of a number."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    if v == 0:
        return "-0" if math.copysign(1.0, v) < 0 else "0"
    sign = "-" if v < 0 else ""
    mantissa, _, exp = repr(abs(v)).partition("e")  # repr is the shortest exact form too
    whole, _, frac = mantissa.partition(".")
    digits = whole + frac
    point = len(whole) + int(exp or 0)  # the decimal point sits after this many digits
    lead = len(digits) - len(digits.lstrip("0"))
    digits, point = digits[lead:].rstrip("0"), point - lead
    e = point - 1
    if e < -4 or e >= 6:  # Go switches to an exponent from 1e+06 on (and below 1e-04)
        body = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{body}e{'-' if e < 0 else '+'}{abs(e):02d}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


def labels_of(values, kind):
    """The labels of a column's values (NaN where missing)."""
    values = np.asarray(values, dtype=object if kind != "numeric" else float)
    if kind == "numeric":
        return np.array([math.nan if math.isnan(v) else go_format_float(v) for v in values], dtype=object)
    if kind == "datetime":
        raise ValueError("dates have no labels here")
    return values


def spell_like(labels, learnt):
    """Yes/no labels matched to the labels a step learnt (data.SpellLike): a
    word that is not among them takes the one learnt label that means the same
    (so "Yes" matches a learnt "true"); other labels are left as they are."""
    out = np.array(labels, dtype=object)
    learnt = [l for l in learnt if isinstance(l, str)]
    for word in {l for l in out if isinstance(l, str)}:
        if word in learnt or parse_bool(word) is None:
            continue
        same = [l for l in learnt if parse_bool(l) == parse_bool(word)]
        if len(same) == 1:
            out[out == word] = same[0]
    return out


def present(values):
    """True where a value of a column (of any type) is present."""
    return ~pd.isna(pd.Series(values)).to_numpy()


def convert(values, source, kind, layout=""):
    """A column of type `source` converted to type `kind` as Modelbench converts
    it (the Conversions of prep.PipelineExport); a value that does not convert
    becomes missing."""
    if source == kind:
        return values
    if kind == "numeric":
        if source == "boolean":
            return np.array([math.nan if not isinstance(l, str) else float(parse_bool(l)) for l in values])
        if source == "datetime":
            ns = np.asarray(values).view(np.int64).astype(float) / 1e9
            return np.where(present(values), ns, math.nan)
        out = [parse_float(l) if isinstance(l, str) else None for l in values]
        return np.array([math.nan if v is None else v for v in out])
    labels = labels_of(values, source)
    if kind == "categorical":
        out = [go_strip(l) if isinstance(l, str) else "" for l in labels]
        return np.array([l if l else math.nan for l in out], dtype=object)
    if kind == "text":
        return labels
    if kind == "boolean":
        if source == "numeric":
            v = np.asarray(values, dtype=float)
            return np.array([math.nan if math.isnan(x) else ("true" if x != 0 else "false") for x in v], dtype=object)
        words = [go_strip(l) if isinstance(l, str) else None for l in labels]
        spelled = spelling_of(w for w in words if w is not None and parse_bool(w) is not None)
        return np.array([math.nan if w is None or parse_bool(w) is None else spelled[parse_bool(w)] for w in words], dtype=object)
    if kind == "datetime":
        if source == "numeric":
            v = np.asarray(values, dtype=float)
            return dates(None if math.isnan(x) else int(go_round(x * 1e9)) for x in v)
        return dates(parse_date(l, layout) if isinstance(l, str) else None for l in labels)
    raise ValueError(f"cannot convert {source} to {kind}")


def go_round(x):
    """Go's math.Round: halves away from zero (Python's round goes to even)."""
    x = np.asarray(x, dtype=float)
    t = np.trunc(x)
    return t + np.where(np.abs(x - t) >= 0.5, np.sign(x), 0.0)
