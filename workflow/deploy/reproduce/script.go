package reproduce

import (
	"errors"
	"fmt"
	"strings"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// FileName is the name Modelbench gives the script.
const FileName = "reproduce.py"

// Script writes reproduce.py for a: a commented Python 3 script that reads
// the data file as Modelbench read it, rebuilds the fitted preparation
// from scikit-learn objects on the same learning rows (checking that
// every learnt value equals Modelbench's), fits the closest scikit-learn
// estimator with the same parameters and seed, and prints the metrics of
// both on the same test rows. The rows are embedded in the script as
// run-length ranges. A step or learner that cannot be reproduced
// faithfully is an error wrapping ErrUnsupported (see Supports), never a
// different pipeline; inputs that do not match the artifact are errors
// too.
func Script(a *artifact.Artifact, in Inputs) ([]byte, error) {
	p, err := plan(a)
	if err != nil {
		return nil, err
	}
	if err := in.check(p.px.Inputs); err != nil {
		return nil, err
	}
	target, ok := fieldOf(p.px.Inputs, p.px.Target)
	if p.px.Target == "" || !ok {
		return nil, errors.New("reproduce: the pipeline was fitted without a target")
	}
	for _, c := range a.Classes {
		if err := checkText("class", c); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrUnsupported, err)
		}
	}
	w := &writer{}
	header(w, a, in, p)
	prelude(w, p)
	recorded(w, a, in, p, target.Kind)
	if err := columnsSection(w, in.Data, p.px.Inputs); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnsupported, err)
	}
	preparationSection(w, p)
	estimatorSection(w, a, p)
	for _, s := range p.sections {
		w.line("")
		w.line("")
		w.text(section(s))
	}
	return []byte(w.String()), nil
}

func fieldOf(fields []prep.Field, name string) (prep.Field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return prep.Field{}, false
}

// header is the docstring: who made the script, what it needs and does.
func header(w *writer, a *artifact.Artifact, in Inputs, p *planned) {
	name := in.Model
	if name == "" {
		name = a.Learner
	}
	label := a.Learner
	if e, ok := model.Lookup(a.Learner); ok {
		label = e.Label
	}
	w.line("#!/usr/bin/env python3")
	w.linef(`"""Rebuild Modelbench's model %s with scikit-learn, and check that it agrees.`, pyDoc(fmt.Sprintf("%q", name)))
	w.line("")
	made := fmt.Sprintf("Written by Modelbench %s on %s", orUnknown(a.AppVersion), a.Created.UTC().Format("2006-01-02 15:04 UTC"))
	if in.Project != "" {
		made += fmt.Sprintf(" for the project %q", in.Project)
	}
	made += fmt.Sprintf(": the model %q (%s, learner %q) chosen in the Train step, fitted on %d rows of %s.",
		name, label, a.Learner, len(in.LearningRows), dataName(a, in))
	w.text(pyDoc(wrap(made, "", 79)))
	w.line("")
	w.line("Needs Python 3.8 or later, scikit-learn 1.2 or later, pandas 1.5 or later and")
	w.line("numpy (on Debian or Ubuntu: apt-get install python3-sklearn python3-pandas).")
	w.line("")
	w.line("    python3 reproduce.py [DATA_FILE] [--dump-prepared FILE] [--dump-fitted FILE] [--json FILE]")
	w.line("")
	w.text(pyDoc(wrap(fmt.Sprintf("DATA_FILE is the file Modelbench read (default %s).%s", in.Data.Path, sampleNote(in.Data)), "", 79)))
	w.line("")
	w.line("It does what Modelbench did, in the same order, and stops with an error the")
	w.line("moment something differs:")
	w.line("  1. reads the file as Modelbench read it: the same missing-value tokens, the")
	w.line("     same type for every column, yes/no words and dates read the same way;")
	w.line("  2. takes the same learning and test rows (listed below by position);")
	w.line("  3. fits the same preparation, step by step, with scikit-learn's")
	w.line("     transformers (and small ones written out below where scikit-learn has")
	w.line("     none), and checks that everything they learn (medians, means,")
	w.line("     categories, bin edges, ...) equals what Modelbench learnt;")
	w.linef("  4. fits %s with Modelbench's parameters and seed;", p.learner.estimator)
	w.line("  5. evaluates it on the test rows and prints every metric beside")
	w.line("     Modelbench's own.")
	w.line("--dump-prepared writes the learning rows as the fitted preparation prepares")
	w.line("them (as Modelbench's Fitted.Apply does), --dump-fitted the rows the estimator")
	w.line("learns from (after the steps that act on learning rows only; target")
	w.line("encodings out of fold), both as CSV; --json writes both sets of metrics.")
	w.line(`"""`)
}

// pyDoc keeps text safe inside a triple-quoted docstring.
func pyDoc(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"""`, `\"\"\"`)
}

func orUnknown(s string) string {
	if s == "" {
		return "(version unknown)"
	}
	return s
}

func dataName(a *artifact.Artifact, in Inputs) string {
	if in.Data.Sample != "" {
		return fmt.Sprintf("the bundled sample %q", in.Data.Sample)
	}
	if a.DataSource != "" {
		return a.DataSource
	}
	return in.Data.Path
}

func sampleNote(df DataFile) string {
	if df.Sample == "" {
		return ""
	}
	return fmt.Sprintf(" The data is Modelbench's bundled sample %q (Sample datasets in the Data step, or modelbench --sample %s): the file assets/samples/%s of Modelbench's source.", df.Sample, df.Sample, sampleFile(df))
}

func sampleFile(df DataFile) string {
	if i := strings.LastIndexAny(df.Path, `/\`); i >= 0 {
		return df.Path[i+1:]
	}
	return df.Path
}

func prelude(w *writer, p *planned) {
	w.text(`import argparse
import calendar
import csv
import datetime
import gzip
import hashlib
import io
import json
import math
import re
import sys
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics as skm
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (FunctionTransformer, KBinsDiscretizer, MinMaxScaler, OneHotEncoder,
                                   OrdinalEncoder, PowerTransformer, RobustScaler, StandardScaler)`)
	for _, imp := range estimatorImports(p.learner.estimator) {
		w.line(imp)
	}
	w.line("")
	w.line(`if tuple(int(x) for x in re.findall(r"\d+", sklearn.__version__)[:2]) < (1, 2):`)
	w.line(`    sys.exit(f"this script needs scikit-learn 1.2 or later, not {sklearn.__version__}")`)
}

func estimatorImports(est string) []string {
	switch est {
	case "DummyClassifier", "DummyRegressor":
		return []string{"from sklearn.dummy import " + est}
	case "LinearRegression", "Ridge", "Lasso", "ElasticNet", "LogisticRegression":
		return []string{"from sklearn.linear_model import " + est}
	case "GaussianNB":
		return []string{"from sklearn.naive_bayes import GaussianNB"}
	case "GaussianAndCategoricalNB":
		return []string{"from sklearn.naive_bayes import CategoricalNB, GaussianNB"}
	case "KNeighborsClassifier", "KNeighborsRegressor":
		return []string{"from sklearn.neighbors import " + est}
	case "DecisionTreeClassifier", "DecisionTreeRegressor":
		return []string{"from sklearn.tree import " + est}
	case "RandomForestClassifier", "RandomForestRegressor", "HistGradientBoostingClassifier", "HistGradientBoostingRegressor":
		return []string{"from sklearn.ensemble import " + est}
	}
	return nil
}

// recorded writes what Modelbench recorded: the data, target, features,
// rows and metrics.
func recorded(w *writer, a *artifact.Artifact, in Inputs, p *planned, targetKind data.Kind) {
	w.line("")
	w.line("# ---------------------------------------------------------------------------")
	w.line("# What Modelbench recorded")
	w.line("# ---------------------------------------------------------------------------")
	w.linef("MODELBENCH_VERSION = %s", pyStr(a.AppVersion))
	w.linef("DATA_FILE = %s", pyStr(in.Data.Path))
	w.linef("DATA_SHA256 = %s  # of the file Modelbench read", pyStr(a.DataSHA256))
	w.linef("TARGET = %s", pyStr(p.px.Target))
	w.linef("TARGET_KIND = %s", pyStr(targetKind.String()))
	w.linef("TASK = %s", pyStr(a.Task.String()))
	if a.Task == model.Classification {
		w.linef("CLASSES = %s  # in Modelbench's order; for two classes the second is the positive one", pyStrs(a.Classes, ""))
	}
	w.linef("FEATURES = %s", pyStrs(p.px.Features, ""))
	kinds := make([]string, len(p.px.Features))
	for i, f := range p.px.Features {
		k := data.Numeric
		for _, o := range p.px.Output {
			if o.Name == f {
				k = o.Kind
			}
		}
		kinds[i] = pyStr(k.String())
	}
	w.linef("FEATURE_KINDS = list(zip(FEATURES, %s))", pyList(kinds, ""))
	w.linef("TRAIN_ROWS = %d  # the rows the estimator learns from, after the row steps", a.TrainRows)
	w.linef("ACCEPTS_MISSING = %s  # whether %s takes missing values", pyBool(p.learner.acceptsMissing), p.learner.estimator)
	w.line("# The rows, by position among the file's data rows (0 is the first): the")
	w.line("# learning rows (Modelbench's training and validation rows, which the model")
	w.line("# was fitted on) and the test rows it was evaluated on; \"3-7\" is 3 to 7.")
	w.linef("LEARNING_ROWS = \"\"\"\n%s\n\"\"\"", rowRanges(in.LearningRows))
	w.linef("TEST_ROWS = \"\"\"\n%s\n\"\"\"", rowRanges(in.TestRows))
	m := map[string]string{}
	for k, v := range in.Metrics {
		if finite(v) {
			m[k] = pyFloat(v)
		}
	}
	w.line("# Modelbench's metrics on the test rows.")
	w.linef("MODELBENCH_METRICS = %s", pyStrMap(m, ""))
	w.line("")
}

func preparationSection(w *writer, p *planned) {
	w.line("")
	w.line("# ---------------------------------------------------------------------------")
	w.line("# The preparation, step by step")
	w.line("# ---------------------------------------------------------------------------")
	for _, f := range p.funcs {
		w.line("")
		w.text(f)
	}
	w.line("")
	w.line("")
	w.line("def preparation():")
	w.line(`    """Modelbench's preparation as scikit-learn steps, unfitted, in order.`)
	w.line("")
	w.line(`    Each Step works on some columns in place and leaves the others as they`)
	w.line(`    are: its parts are ColumnTransformer's (name, transformer, columns),`)
	w.line(`    names are Modelbench's names for what the parts make (in scikit-learn's`)
	w.line(`    order), order is the columns after the step (in Modelbench's order), and`)
	w.line(`    its check compares what it learnt with what Modelbench learnt. The target`)
	w.line(`    column is kept apart. A RowStep acts on the learning rows only."""`)
	w.line("    steps = []")
	for _, s := range p.steps {
		w.line("")
		w.text(s)
	}
	w.line("    return steps")
}

func estimatorSection(w *writer, a *artifact.Artifact, p *planned) {
	w.line("")
	w.line("")
	w.line("# ---------------------------------------------------------------------------")
	w.line("# The estimator")
	w.line("# ---------------------------------------------------------------------------")
	w.line("")
	w.line("def make_estimator(n):")
	w.linef(`    """scikit-learn's %s with Modelbench's parameters (n is the`, p.learner.estimator)
	w.line(`    number of features).`)
	w.line("")
	w.text(pyDoc(wrap(p.learner.doc, "    ", 79)))
	w.line("")
	w.text(pyDoc(wrap("Modelbench's parameters: "+paramsText(a), "    ", 79)))
	w.line(`    """`)
	w.line(wrapCall("    return ", p.learner.call))
}

func paramsText(a *artifact.Artifact) string {
	keys := sortedKeys(a.Params)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, a.Params[k])
	}
	if len(parts) == 0 {
		return "none."
	}
	return strings.Join(parts, ", ") + "."
}
