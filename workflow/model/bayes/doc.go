// Package bayes holds the naive Bayes classifier of the registry
// ("naive_bayes"): Gaussian likelihoods for numeric features and
// categorical (multinomial, Laplace-smoothed) likelihoods for the features
// listed as categorical, combined under the naive assumption that features
// are independent within a class.
//
// Recognising categorical features: model.Dataset is all-numeric, so
// categorical features must be named in NaiveBayes.Categorical (parameter
// "categorical"); their values must be whole-number codes 0, 1, 2, ... (an
// ordinal encoding, as the Prepare step's ordinal encoder or scikit-learn's
// OrdinalEncoder writes). Every other feature is treated as Gaussian, which
// is what scikit-learn's GaussianNB does with one-hot columns too. Nothing
// is guessed from the values.
//
// Error contract: Fit returns the model package's sentinel errors (wrapped)
// for bad data (ErrMissingValues: impute first; ErrOneClass;
// ErrWrongTask for regression), ErrBadCode for a categorical value that is
// not a whole number >= 0 and an error for a categorical name that is not a
// feature. ctx.Err() is returned when cancelled.
//
// Concurrency: learners are values and fitted models immutable; both are
// safe for concurrent use.
package bayes
