package eda

import (
	"strings"
	"testing"
)

// Alerts on the real datasets (copies in workflow/internal/testsets, whose
// README names each file's source):
// what a careful analyst would flag, and nothing they would not.
func TestAlerts_RealDatasets(t *testing.T) {
	type want struct {
		kind, column string
		severity     Severity
		contains     string // in the message
	}
	for _, c := range []struct {
		file, target string
		want         []want
		none         []string // "kind" or "kind:column" that must not appear
	}{
		{"weka_diabetes.csv", "class", []want{
			{KindImpossibleZeros, "plas", Warning, "0 in 5 of 768"},
			{KindImpossibleZeros, "pres", Warning, "0 in 35 of 768"},
			{KindImpossibleZeros, "skin", Critical, "0 in 227 of 768"},
			{KindImpossibleZeros, "insu", Critical, "0 in 374 of 768"},
			{KindImpossibleZeros, "mass", Warning, "0 in 11 of 768"},
		}, []string{KindImpossibleZeros + ":preg", KindLeakage, KindMissing}},
		{"mlbench_pima_diabetes2.csv", "diabetes", []want{
			{KindMissing, "insulin", Critical, "374 of 768"},
			{KindMissing, "triceps", Warning, "227 of 768"},
		}, []string{KindImpossibleZeros}},
		{"penguins.csv", "species", []want{
			{KindMissing, "sex", Info, "11 of 344"},
			{KindMissing, "bill_length_mm", Info, "2 of 344"},
			{KindNumbersAreCats, "year", Info, "3 different"},
		}, []string{KindLeakage, KindImbalance, KindDuplicates}},
		{"sk_iris.csv", "target_name", []want{
			{KindLeakage, "target", Critical, "λ = 1.0000"},
			{KindDuplicates, "", Warning, "1 rows"},
		}, []string{KindImbalance}},
		{"cardata_titanic.csv", "survived", []want{
			{KindMissing, "age", Warning, "263 of 1309"},
			{KindIdentifier, "name", Info, "1309"},
		}, []string{KindLeakage}},
		{"vega_seattle_weather.csv", "weather", []want{
			{KindImbalance, "weather", Critical, `"snow", has 23 rows`},
			{KindManyZeros, "precipitation", Info, "838 of 1461"},
		}, nil},
		{"weka_soybean.csv", "class", []want{
			{KindDuplicates, "", Warning, "52 rows"},
			{KindImbalance, "class", Warning, "herbicide-injury"},
		}, []string{KindLeakage, KindSpelling}},
		{"sk_breast_cancer.csv", "target_name", []want{
			{KindCorrelated, "mean radius", Info, "mean perimeter"},
			{KindLeakage, "target", Critical, ""},
		}, nil},
		{"diamonds.csv", "price", []want{{KindDuplicates, "", Warning, "146 rows"}}, []string{KindLeakage}},
		{"weka_credit_g.csv", "class", nil, []string{KindLeakage, KindSpelling, KindMixedTypes}},
		{"sk_wine.csv", "target_name", []want{{KindLeakage, "target", Critical, ""}}, []string{KindLeakage + ":proline"}},
	} {
		t.Run(strings.TrimSuffix(c.file, ".csv"), func(t *testing.T) {
			rep := describeFile(t, c.file, Options{Target: c.target})
			for _, a := range rep.Alerts {
				checkAlert(t, &a)
			}
			for _, w := range c.want {
				a := alertFor(rep, w.kind, w.column)
				switch {
				case a == nil:
					t.Errorf("no %s alert about %q", w.kind, w.column)
				case a.Severity != w.severity || !strings.Contains(a.Message, w.contains):
					t.Errorf("%s/%s: %s %q, want %s containing %q", w.kind, w.column, a.Severity, a.Message, w.severity, w.contains)
				}
			}
			for _, n := range c.none {
				kind, col, _ := strings.Cut(n, ":")
				if a := alertFor(rep, kind, col); a != nil {
					t.Errorf("unexpected alert: %s", a.Message)
				}
			}
		})
	}
}
