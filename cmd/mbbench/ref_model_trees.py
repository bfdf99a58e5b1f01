"""Reference side of mbbench's model_trees tasks: scikit-learn 1.2 from
Debian's python3-sklearn. Like the Go side the setup reads the file, keeps
f0..f19 and cuts it into the first 80% of the rows for training and the
last 20% for testing; the work is fit and score. See ref_common.py.
"""
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

from ref_common import main
from ref_model_linear import fit_score, split

TASKS = {
    "model/tree-100k": (split, fit_score(lambda: DecisionTreeClassifier(random_state=0), "accuracy")),
    "model/forest-100k": (split, fit_score(
        lambda: RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0), "accuracy")),
    "model/gbt-100k": (split, fit_score(lambda: HistGradientBoostingClassifier(random_state=0), "accuracy")),
}

if __name__ == "__main__":
    main(TASKS)
