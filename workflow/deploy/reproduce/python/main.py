# ---------------------------------------------------------------------------
# Running it all
# ---------------------------------------------------------------------------

def ranges(text):
    """Row positions from "0-4 7 9-12" (both ends included)."""
    rows = []
    for part in text.split():
        first, _, last = part.partition("-")
        rows.extend(range(int(first), int(last or first) + 1))
    return np.array(rows, dtype=int)


def to_matrix(frame):
    """The estimator's input: the FEATURES columns as floats (a yes/no column as 1/0)."""
    cols = []
    for name, kind in FEATURE_KINDS:
        v = frame[name].to_numpy()
        cols.append(convert(v, "boolean", "numeric") if kind == "boolean" else v.astype(float))
    return np.column_stack(cols) if cols else np.empty((len(frame), 0))


def target_values(y):
    """What the estimator learns to predict: class labels as Modelbench writes
    them ("Adelie", "yes", "1"), or numbers."""
    if TASK == "regression":
        return np.asarray(y, dtype=float)
    return np.array(labels_of(np.asarray(y), TARGET_KIND), dtype=str)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=DATA_FILE, help=f"the data file (default: {DATA_FILE})")
    ap.add_argument("--dump-prepared", metavar="FILE", help="write the prepared learning rows (what the preparation gives for them, as Modelbench's Fitted.Apply) as CSV")
    ap.add_argument("--dump-fitted", metavar="FILE", help="write the rows the estimator learns from (after the row steps; target encodings out of fold) as CSV")
    ap.add_argument("--json", metavar="FILE", help="write the metrics of both as JSON")
    args = ap.parse_args()
    warnings.filterwarnings("ignore", category=FutureWarning)
    print(f"scikit-learn {sklearn.__version__}, pandas {pd.__version__}, numpy {np.__version__}")

    print(f"1. reading {args.data}")
    if DATA_SHA256 and sha256(args.data) != DATA_SHA256:
        print("   WARNING: this file's content differs from the data Modelbench trained on (SHA-256);"
              " the checks below will say where it matters")
    table = conform(read_table(args.data))
    learning, test = table.loc[ranges(LEARNING_ROWS)], table.loc[ranges(TEST_ROWS)]
    for name, kind, _ in INPUTS:
        if kind == "numeric" and np.isinf(pd.concat([learning[name], test[name]]).to_numpy(dtype=float)).any():
            sys.exit(f"STOP: column {name!r} holds infinite numbers; Modelbench takes them as values,"
                     " scikit-learn's imputers and scalers refuse them")
    print(f"   {len(table)} rows; {len(learning)} learning rows and {len(test)} test rows, as in Modelbench")

    print("2. fitting the preparation on the learning rows")
    steps = preparation()
    X, y = fit_preparation(steps, learning.drop(columns=[TARGET]), learning[TARGET])
    if len(X) != TRAIN_ROWS:
        sys.exit(f"STOP: the preparation kept {len(X)} learning rows, Modelbench {TRAIN_ROWS}")
    print(f"   every learnt value agrees with Modelbench's ({len(CHECKED)} checks)")
    prepare = Pipeline([(f"{s.number} {s.kind}", s) for s in steps if not isinstance(s, RowStep)] or [("nothing", "passthrough")])
    # `prepare` is a fitted scikit-learn Pipeline: prepare.transform(rows)
    # prepares new rows (without the target column) as Modelbench does.

    if args.dump_prepared:
        applied = prepare.transform(learning.drop(columns=[TARGET]))
        out = pd.DataFrame(to_matrix(applied), columns=FEATURES, index=learning.index)
        out.to_csv(args.dump_prepared, float_format="%.17g")
        print(f"   wrote the prepared learning rows to {args.dump_prepared}")

    Xfit = to_matrix(X)
    if args.dump_fitted:
        pd.DataFrame(Xfit, columns=FEATURES, index=X.index).to_csv(args.dump_fitted, float_format="%.17g")
        print(f"   wrote the rows the estimator learns from to {args.dump_fitted}")

    print("3. fitting the estimator")
    missing = [f for f, bad in zip(FEATURES, np.isnan(Xfit).any(axis=0)) if bad]
    if missing and not ACCEPTS_MISSING:
        sys.exit(f"STOP: the prepared rows have missing values in {missing}; Modelbench's learner takes them,"
                 " the scikit-learn estimator does not: add an impute step in Modelbench")
    estimator = make_estimator(Xfit.shape[1])
    estimator.fit(Xfit, target_values(y))
    print(f"   {estimator}")

    ours = {}
    if len(test) == 0:
        print("4. there are no test rows to evaluate on")
    else:
        print("4. the test rows")
        ours = score(estimator, to_matrix(prepare.transform(test.drop(columns=[TARGET]))), target_values(test[TARGET]))
        print(f"   {'metric':<20} {'scikit-learn':>14} {'Modelbench':>14} {'difference':>12}")
        for name in sorted(set(ours) | set(MODELBENCH_METRICS)):
            a, b = ours.get(name), MODELBENCH_METRICS.get(name)
            diff = f"{a - b:12.4g}" if a is not None and b is not None else ""
            print(f"   {name:<20} {shown(a)} {shown(b)} {diff}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"scikit_learn": ours, "modelbench": MODELBENCH_METRICS, "checks": CHECKED,
                       "learning_rows": len(learning), "fitted_rows": len(X), "test_rows": len(test)}, f, indent=1)


def shown(v):
    return f"{v:14.6g}" if v is not None else f"{'-':>14}"


def conform(table):
    """Columns of another type than the preparation expects are converted
    first, as Modelbench does (values that do not convert become missing)."""
    for name, kind, layout in INPUTS:
        source = COLUMN_KINDS[name]
        if source != kind:
            table[name] = convert(table[name].to_numpy(), source, kind, layout)
    return table[[name for name, _, _ in INPUTS]]


if __name__ == "__main__":
    main()
