// Package reproduce writes reproduce.py: a readable, commented Python 3
// script that rebuilds a Modelbench model with scikit-learn from the
// original data file and checks that it agrees.
//
// The script reads the data file as Modelbench read it (the recorded
// delimiter, quote, encoding, header and missing-value tokens; every
// column typed as Modelbench typed it, yes/no words and dates included),
// takes the same learning and test rows (embedded as run-length ranges of
// positions among the file's data rows), and refits the preparation step
// by step with scikit-learn objects — ColumnTransformer, SimpleImputer
// (with add_indicator), StandardScaler, MinMaxScaler, RobustScaler,
// OneHotEncoder, OrdinalEncoder, KBinsDiscretizer, PowerTransformer,
// FunctionTransformer — and small transformers written out in the script
// where scikit-learn 1.2 has none (change_type, replace_values,
// group_rare, target_encode, clip, date_parts, derive with its expression
// translated from the syntax tree). After fitting each step it compares
// what scikit-learn learnt (fills, centres and spreads, categories, bin
// edges, powers, encodings) with what Modelbench recorded, embedded in the
// script, and stops with an error at the first difference. It then fits
// the closest scikit-learn estimator with the recorded parameters and
// seed (the mapping and where the algorithms differ are written in the
// script), scores the test rows and prints every metric of Modelbench's
// evaluation beside Modelbench's own. --dump-prepared writes the prepared
// learning rows, which the package's test compares with Fitted.Apply.
//
// Script writes the script; Supports says, without writing, whether a
// model can be reproduced; NewDataFile describes how a table was read.
// workflow.Project.ReproduceInputs gathers the Inputs of a project's
// chosen model.
//
// Error contract: a step or learner that cannot be reproduced faithfully
// (rebalance and join, which need Modelbench's random draws or a stored
// table; a learner without a scikit-learn equivalent; data that was not
// read from delimited text) is an *UnsupportedError naming the step or
// learner and saying why, wrapping ErrUnsupported; several are joined
// with errors.Join. Nothing is ever written for a different pipeline.
// Other errors name the input that does not match the artifact.
//
// Concurrency: the package keeps no state; its functions are safe to call
// from any goroutine, and they do not change the artifact.
package reproduce
