package pmml_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pmml"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// dateFrame is n rows of date-times between 1890 and 2110 (so before and
// after 1970, across leap days and centuries) with times of day, some
// missing, a number, and a class that depends on the hour, the weekday
// and the month.
func dateFrame(n int, layout string) *data.Frame {
	rng := rand.New(rand.NewPCG(3, 4))
	lo := time.Date(1890, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2110, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	when := make([]int64, n)
	x := make([]float64, n)
	y := make([]string, n)
	miss := data.NewMask(n)
	for i := range when {
		s := lo + rng.Int64N(hi-lo)
		if i%10 == 0 { // edges of days, months and years
			s -= s % 86400
		}
		tm := time.Unix(s, 0).UTC()
		when[i], x[i] = tm.UnixNano(), rng.NormFloat64()
		switch {
		case tm.Hour() < 8 && tm.Weekday() != time.Sunday:
			y[i] = "night"
		case tm.Month() <= 3 || tm.Day() > 25:
			y[i] = "early"
		default:
			y[i] = "day"
		}
		if i%17 == 5 {
			miss.Set(i)
		}
	}
	f, err := data.NewFrame(data.NewDatetime("when", when, miss, layout), data.NewNumeric("x", x, nil),
		data.NewCategoricalFromStrings("y", y, nil))
	if err != nil {
		panic(err)
	}
	return f
}

// TestExport_DateParts: date_parts of date-times (year, month, day,
// weekday, hour) through PMML's dateSecondsSinceYear and floor
// arithmetic give Modelbench's predictions on dates from 1890 to 2110,
// for a layout with a time zone too (the Report then says to give the
// date-times in UTC).
func TestExport_DateParts(t *testing.T) {
	for _, layout := range []string{"2006-01-02 15:04:05", time.RFC3339} {
		f := dateFrame(1200, layout)
		schema := data.Schema{Fields: []data.Field{{Name: "when", Kind: data.Datetime, Role: data.Feature},
			{Name: "x", Kind: data.Numeric, Role: data.Feature}, {Name: "y", Kind: data.Categorical, Role: data.Target}}}
		l := loaded{target: "y", task: model.Classification,
			train: f.Take(every(f.NumRows(), func(i int) bool { return i%4 != 0 })),
			test:  f.Take(every(f.NumRows(), func(i int) bool { return i%4 == 0 }))}
		p := prep.Default(schema, f, true)
		for _, learner := range []string{"tree", "logistic"} {
			a := l.fit(t, learner, p)
			doc, rep, err := pmml.Export(a)
			if err != nil {
				t.Fatal(err)
			}
			if n, err := comparePredictions(a, doc, rep, l.test, 1e-9); err != nil || n.rows != l.test.NumRows() {
				writeFailed(t, doc)
				t.Fatalf("%s %s: %d rows, %v", layout, learner, n.rows, err)
			}
			// The parts matter: a calendar off by one day is caught.
			c := &pmmlCase{a, doc, rep}
			if _, err := compareWith(a, c.evaluator(t, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte(">719468<"), []byte(">719469<")) }), rep, l.test, 1e-9); err == nil {
				t.Errorf("%s %s: a calendar one day off still agrees", layout, learner)
			}
			if zoned := layout == time.RFC3339; zoned != (len(rep.Notes) > 0) {
				t.Errorf("%s: notes %q", layout, rep.Notes)
			}
		}
	}
}
