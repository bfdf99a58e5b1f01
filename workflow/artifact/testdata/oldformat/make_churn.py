"""Writes churn.csv, the small customer-churn table the old-format model
files in this folder were trained on. Synthetic: a seeded NumPy generator,
no outside source. Run with Debian's python3: /usr/bin/python3 make_churn.py"""
import csv

import numpy as np

rng = np.random.default_rng(20240331)
rows = []
for i in range(80):
    tenure = int(rng.integers(1, 72))
    contract = rng.choice(["month", "one_year", "two_year"], p=[0.5, 0.3, 0.2])
    monthly = round(float(rng.uniform(20, 110)), 2)
    senior = "Y" if rng.random() < 0.25 else "N"
    paperless = "Yes" if rng.random() < 0.6 else "No"
    if rng.random() < 0.1:
        paperless = ""
    score = 1.5 - 0.05 * tenure + (1.2 if contract == "month" else -0.8) + 0.01 * (monthly - 60)
    score += 0.8 * (senior == "Y") + rng.normal(0, 0.8)
    churn = "Yes" if score > 0 else "No"
    rows.append([i + 1, tenure, contract, f"{monthly:.2f}", senior, paperless, churn])

with open("churn.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "tenure", "contract", "monthly", "senior", "paperless", "churn"])
    w.writerows(rows)
