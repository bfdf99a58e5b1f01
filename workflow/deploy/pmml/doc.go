// Package pmml writes a fitted artifact — its whole preparation and its
// model — as a PMML 4.4 document (the Data Mining Group's Predictive
// Model Markup Language, dmg.org/pmml/v4-4-1), for teams that score with
// a PMML engine rather than Modelbench's server.
//
// What it writes. The DataDictionary declares every raw input with its
// optype and dataType (numbers as double, categories, texts and yes/no
// values as strings, dates as date or dateTime) and the target with its
// classes; category inputs list the levels the steps know. The
// preparation becomes the TransformationDictionary, one DerivedField per
// computed column: NormContinuous for scaling, NormDiscrete for one-hot
// columns, MapValues for ordinal and target encodings and for reading
// yes/no words, Discretize for bins, and Apply with PMML's built-in
// functions for log1p, Yeo–Johnson, clipping, replacements, date parts
// and missing-value indicators. Imputation is a MiningField
// missingValueReplacement where the column is an input nothing else has
// read, else a FieldRef mapMissingTo. The model is a TreeModel
// (missingValueStrategy defaultChild, one SimplePredicate lessOrEqual and
// greaterThan pair per split), a MiningModel (Segmentation average for
// forests; a modelChain of summing MiningModels and a RegressionModel
// with the logit or softmax for boosted trees), or a RegressionModel
// (linear and logistic regression; naive Bayes as the softmax of its
// joint log-likelihoods, see naiveBayes for why not a NaiveBayesModel).
// The Output has the prediction and one probability per class, named as
// Modelbench's scored files name them.
//
// What a consumer supplies: each active input as PMML typed values —
// numbers in xs:double form (INF, -INF), categories and texts as the
// data spells them, yes/no values as words (true/yes/t/y and
// false/no/f/n in any case), dates in ISO 8601 — and a missing value as
// missing. Numbers and dates that do not read are treated as missing
// (invalidValueTreatment asMissing), as Modelbench's conversion makes
// them; categories never seen in training pass as they are
// (invalidValueTreatment asIs) and the steps treat them as unseen.
//
// Faithful or refused. Every construct is chosen so that a conforming
// evaluator computes what artifact.Predict computes, to rounding; where
// that cannot be promised the export fails with an *UnsupportedError
// (wrapping ErrUnsupported) naming the step or learner and why, and
// writes nothing: k-nearest neighbours, derive and join steps, yes/no or
// numeric columns read as labels, one-hot encoding that fails on unseen
// levels, and conversions between numbers, dates and text. Supports
// answers the same question without writing. Date-times whose layout has
// a time zone are written as dateTime inputs to be given in UTC, as the
// Report's notes say.
//
// The package's tests check every document against the official PMML
// 4.4 XML Schema with xmllint, and score the test rows of every shared
// dataset with an independent evaluator written from the specification
// in the test files, comparing labels and probabilities with
// Modelbench's.
//
// Errors: data-independent; an artifact whose parts disagree is an
// ordinary error. Export and Supports only read the artifact and are
// safe for concurrent use.
package pmml
