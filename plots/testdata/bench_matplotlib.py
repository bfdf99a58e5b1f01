"""Reference timings for the plots benchmarks: the same figures from 1M rows
with matplotlib 3.6 (Agg) and scipy 1.10 from Debian, rendered to an
800x600 image in memory, as bench_test.go does with gonum/plot.

    /usr/bin/python3 plots/testdata/bench_matplotlib.py

Data: three classes, x ~ N(class, 1), y = 0.5x + N(0, 1), every 1000th x
missing, the shape of bench_test.go's benchData. Prints one line per figure:
name, wall seconds and CPU seconds of the best of 3 runs (1 for the slow
ones).
"""
import io
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from scipy.stats import gaussian_kde  # noqa: E402

N = 1_000_000
rng = np.random.default_rng(1)
cls = rng.integers(0, 3, N)
x = rng.normal(size=N) + cls
y = 0.5 * x + rng.normal(size=N)
x[::1000] = np.nan


def render(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=100)
    plt.close(fig)


def hist():
    fig, ax = plt.subplots(figsize=(8, 6))
    ax.hist(x[~np.isnan(x)], bins="auto")
    render(fig)


def hist_kde():
    v = x[~np.isnan(x)]
    fig, ax = plt.subplots(figsize=(8, 6))
    ax.hist(v, bins="auto", density=True)
    grid = np.linspace(v.min(), v.max(), 400)
    ax.plot(grid, gaussian_kde(v)(grid))
    ax.axvline(v.mean())
    ax.axvline(np.median(v))
    render(fig)


def box():
    fig, ax = plt.subplots(figsize=(8, 6))
    ok = ~np.isnan(x)
    ax.boxplot([x[ok & (cls == k)] for k in range(3)])
    render(fig)


def scatter():
    ok = ~np.isnan(x)
    fig, ax = plt.subplots(figsize=(8, 6))
    ax.scatter(x[ok], y[ok], s=2, alpha=0.3)
    render(fig)


def scatter_class():
    ok = ~np.isnan(x)
    fig, ax = plt.subplots(figsize=(8, 6))
    ax.scatter(x[ok], y[ok], c=cls[ok], s=2, alpha=0.3)
    render(fig)


CASES = [("Histogram_1M", hist, 3), ("HistogramKDE_1M", hist_kde, 1), ("BoxPlot_1M", box, 3),
         ("Scatter_1M", scatter, 1), ("ScatterClass_1M", scatter_class, 1)]

if __name__ == "__main__":
    for name, fn, reps in CASES:
        best = (float("inf"), 0.0)
        for _ in range(reps):
            t, c = time.perf_counter(), time.process_time()
            fn()
            best = min(best, (time.perf_counter() - t, time.process_time() - c))
        print(f"{name}\twall {best[0]:.3f} s\tcpu {best[1]:.3f} s", flush=True)
