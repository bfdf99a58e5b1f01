// Package modeltest is the conformance suite every learner of the registry
// passes, and the small datasets it uses.
//
// A learner package calls Run (or RunAll) from its tests, after its init
// function has registered the learner, and FuzzDecode from a fuzz test:
//
//	func TestConformance(t *testing.T) { modeltest.RunAll(t, "linear") }
//	func FuzzDecode(f *testing.F)      { modeltest.FuzzDecode(f, "linear") }
//
// Run checks, on small real (iris, diabetes) and synthetic sets: fitting
// and predicting the right count; valid class indices or finite values;
// probabilities in [0, 1] summing to 1; identical predictions from two fits
// with the same parameters (seed included) and from concurrent Predict
// calls; that Fit modifies neither the Dataset nor the learner; that a wrong
// number of columns gives model.ErrSchemaMismatch; that Marshal/Unmarshal
// round-trips with bit-identical predictions and identical bytes; that an
// already-cancelled context, or one cancelled from the first progress
// report below 1, makes Fit return context.Canceled; that empty, one-class,
// NaN-target and wrong-task inputs give the documented sentinel errors; and
// the optional capabilities (Explainer terms add up, Coefficienter and
// Importancer shapes).
//
// The learner must not hold function values or other state that
// reflect.DeepEqual cannot compare, since "Fit does not modify the learner"
// is checked by comparing it with a fresh learner built from the same
// parameters.
//
// Errors are reported through testing.T; nothing here panics on a bad
// learner. The functions are safe to call from parallel tests.
package modeltest
