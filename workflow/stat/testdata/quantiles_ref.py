"""Reference quantiles and medians for the stat package's quantile helpers, from numpy.

Made with Debian's Python (numpy 1.24):

    cd workflow/stat/testdata && /usr/bin/python3 quantiles_ref.py > quantiles.json

Each case holds its values (seeded draws, many with ties, some sizes either
side of the 64-value threshold where Quantiles switches from sorting to
selection), numpy.quantile(values, qs, method="linear") and
numpy.median(values).
"""
import json
import sys

import numpy as np

QS = [0, 0.01, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.6, 0.75, 0.9, 0.95, 0.99, 1]


def case(name, values):
    v = np.asarray(values, dtype=float)
    return {
        "name": name,
        "values": v.tolist(),
        "quantiles": np.quantile(v, QS, method="linear").tolist(),
        "median": float(np.median(v)),
    }


def main():
    rng = np.random.default_rng(11)
    cases = [
        case("one value", [3.5]),
        case("two values", [-1.0, 2.0]),
        case("integers with ties", [1, 2, 2, 3, 3, 3, 4, 4, 4, 4]),
    ]
    for n in (63, 64, 65, 257, 1000):
        cases.append(case(f"normal n={n}", np.round(rng.normal(10, 3, n), 6)))
        cases.append(case(f"ties n={n}", rng.integers(-5, 6, n)))
    cases.append(case("skewed n=500", np.round(rng.lognormal(0, 1.5, 500), 6)))
    cases.append(case("constant n=100", [7.25] * 100))
    json.dump({"qs": QS, "cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
