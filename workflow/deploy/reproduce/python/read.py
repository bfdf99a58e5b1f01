# ---------------------------------------------------------------------------
# Reading the file as Modelbench read it
# ---------------------------------------------------------------------------
# Modelbench reads every cell as text first and then types the column. The
# rules below are its rules, written out: which cells are missing, how a
# number, a yes/no word and a date are read.

# The characters Go's strings.TrimSpace removes (Unicode White_Space).
GO_SPACE = " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
MISSING_FOLDED = {t.lower() for t in MISSING_TOKENS}
# A number as Go's strconv.ParseFloat reads it, without hexadecimal,
# underscores or NaN (which Modelbench does not take for numbers).
NUMBER = re.compile(r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)\Z")
YES = {"true", "yes", "t", "y"}
NO = {"false", "no", "f", "n"}


def go_strip(text):
    return text.strip(GO_SPACE)


def is_missing(text):
    """A cell is missing when, without surrounding spaces, it is empty or one
    of MISSING_TOKENS (in any case)."""
    t = go_strip(text)
    return t == "" or t.lower() in MISSING_FOLDED


def parse_float(text, decimal_comma=False, thousands=""):
    """The number a cell holds, or None when it holds none."""
    s = go_strip(text)
    if thousands and thousands in s:
        s = s.replace(thousands, "")
    if decimal_comma and "," in s:
        if "." in s:
            return None
        s = s.replace(",", ".", 1)
    if not NUMBER.match(s):
        return None
    v = float(s)
    if math.isinf(v) and "n" not in s.lower():
        return None  # out of range: Go reports an error, Modelbench a missing value
    return v


def parse_bool(text):
    """True, False, or None for a text that is not a yes/no word."""
    t = go_strip(text).lower()
    if t in YES:
        return True
    if t in NO:
        return False
    return None


def spelling_of(texts):
    """How a yes/no column writes its values (data.SpellingOf): the most
    frequent spelling of each value, the first one seen among ties; a value
    that never occurs takes the counterpart of the other's spelling."""
    counts = {}
    for t in texts:
        t = go_strip(t)
        counts[t] = counts.get(t, 0) + 1
    best = {False: ("", 0), True: ("", 0)}
    for t, n in counts.items():  # dicts keep the order of first appearance
        v = parse_bool(t)
        if v is not None and n > best[v][1]:
            best[v] = (t, n)
    if best[False][1] == 0 and best[True][1] == 0:
        return {True: "true", False: "false"}
    for v in (False, True):
        if best[v][1] == 0:
            best[v] = (counterpart(best[not v][0]), 0)
    return {True: best[True][0], False: best[False][0]}


def counterpart(word):
    pairs = {"true": "false", "false": "true", "yes": "no", "no": "yes", "t": "f", "f": "t", "y": "n", "n": "y"}
    other = pairs[word.lower()]
    if word == word.upper():
        return other.upper()
    if word[0].isupper():
        return other[0].upper() + other[1:]
    return other


MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def parse_date(text, layout):
    """Nanoseconds since 1970-01-01 UTC of a date written in `layout` (one of
    DATE_FORMATS, a Go time layout written as a regular expression), or None."""
    m = DATE_FORMATS[layout].fullmatch(go_strip(text))
    if not m:
        return None
    g = m.groupdict()
    month = int(g["month"]) if g.get("month") else MONTHS.get((g.get("mon") or "jan").lower())
    if month is None:
        return None
    try:
        day = datetime.datetime(int(g.get("year") or 0), month, int(g.get("day") or 1),
                                int(g.get("hour") or 0), int(g.get("minute") or 0), int(g.get("second") or 0))
    except ValueError:
        return None
    ns = calendar.timegm(day.timetuple()) * 1_000_000_000
    frac = g.get("frac")
    if frac:
        ns += int(frac[:9].ljust(9, "0"))
    tz = g.get("tz")
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        ns -= sign * (int(tz[1:3]) * 3600 + int(tz[4:6]) * 60) * 1_000_000_000
    return ns


def dates(ns):
    """A pandas column of dates from nanoseconds (None for missing)."""
    nat = np.iinfo(np.int64).min
    return np.array([nat if v is None else v for v in ns], dtype=np.int64).view("datetime64[ns]")


def read_column(cells, kind, layout=""):
    """Types one column's cells as Modelbench typed it. Numbers are floats,
    categories and texts are strings, yes/no values are the words the file
    uses for them (its most frequent spelling of each), dates are
    datetime64; a missing value is NaN (NaT for dates). A cell that does not
    fit the type is missing, as Modelbench reads a few stray words in a
    column of numbers."""
    present = [c for c in cells if not is_missing(c)]
    if kind == "numeric":
        vals = [math.nan if is_missing(c) else parse_float(c, DECIMAL_COMMA, THOUSANDS) for c in cells]
        return np.array([math.nan if v is None else v for v in vals], dtype=float)
    if kind == "boolean":
        spelled = spelling_of(c for c in present if parse_bool(c) is not None)
        out = [parse_bool(c) if not is_missing(c) else None for c in cells]
        return np.array([math.nan if v is None else spelled[v] for v in out], dtype=object)
    if kind == "datetime":
        return dates(None if is_missing(c) else parse_date(c, layout) for c in cells)
    if kind == "categorical":
        return np.array([math.nan if is_missing(c) else go_strip(c) for c in cells], dtype=object)
    return np.array([math.nan if is_missing(c) else c for c in cells], dtype=object)  # text: as written


def read_table(path):
    """The file's data rows as a DataFrame indexed by their position (0 is the
    first data row), with the columns of COLUMNS typed as Modelbench typed
    them. The file is read as delimited text with the recorded delimiter,
    quote, encoding and header; blank lines are skipped; gzip is recognised
    by its first bytes."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text = raw.decode("latin-1" if LATIN1 else "utf-8", errors="surrogateescape")
    options = {"delimiter": DELIMITER, "quotechar": QUOTE, "doublequote": True, "strict": False}
    if not QUOTE:
        options = {"delimiter": DELIMITER, "quoting": csv.QUOTE_NONE}
    records = [r for r in csv.reader(io.StringIO(text, newline=""), **options) if r not in ([], [""])]
    if HEADER:
        records = records[1:]
    width = len(COLUMNS)
    for i, r in enumerate(records):
        if len(r) != width:
            sys.exit(f"{path}: data row {i + 1} has {len(r)} fields, not {width}: this is not the file Modelbench read")
    table = {}
    for j, (name, kind, layout) in enumerate(COLUMNS):
        table[name] = read_column([r[j] for r in records], kind, layout)
    return pd.DataFrame(table, index=pd.RangeIndex(len(records), name="row"))
