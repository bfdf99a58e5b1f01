"""The reference side of `make bench-serve`: the same 100-tree forest,
trained by scikit-learn 1.2 (Debian's python3-sklearn) on the same rows,
served by Flask 2.2 (python3-flask) under gunicorn 20.1 (Debian's
gunicorn, the fastest WSGI server Debian packages), one sync worker per
core, with the model trained once before the workers fork (--preload).

servebench starts it as
    gunicorn --preload -w 2 -b 127.0.0.1:PORT --chdir DIR ref_flask:app
with MB_TRAIN (the training rows as CSV), MB_TARGET and MB_FEATURES (the
numeric feature columns, comma-separated) in the environment.

POST /predict takes one JSON record {"f0": ..., ...} and answers
{"prediction": label, "probabilities": {label: p}} like /v1/predict; it
does only what a minimal service must (read the values as numbers, refuse
what is not), without a log, metrics or authentication.
"""
import os

import numpy as np
import pandas as pd
from flask import Flask, jsonify, request
from sklearn.ensemble import RandomForestClassifier

FEATURES = os.environ["MB_FEATURES"].split(",")
TARGET = os.environ["MB_TARGET"]

_train = pd.read_csv(os.environ["MB_TRAIN"])
MODEL = RandomForestClassifier(n_estimators=100, random_state=0)
MODEL.fit(_train[FEATURES].to_numpy(dtype=float), _train[TARGET].astype(str))
CLASSES = [str(c) for c in MODEL.classes_]
del _train

app = Flask(__name__)


@app.post("/predict")
def predict():
    rec = request.get_json(force=True, silent=True)
    if not isinstance(rec, dict):
        return jsonify(error="send one JSON record"), 400
    try:
        x = np.array([[float(rec[f]) for f in FEATURES]])
    except (KeyError, TypeError, ValueError) as e:
        return jsonify(error="bad value: %s" % e), 400
    p = MODEL.predict_proba(x)[0]
    return jsonify(prediction=CLASSES[int(p.argmax())], probabilities=dict(zip(CLASSES, map(float, p))))


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")
