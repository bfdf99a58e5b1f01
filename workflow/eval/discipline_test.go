package eval

import (
	"strings"
	"testing"
)

func TestTrainingRowsWarning(t *testing.T) {
	cases := []struct {
		train, eval []int
		want        string
	}{
		{[]int{0, 1, 2}, []int{3, 4}, ""},
		{[]int{0, 1, 2}, []int{0, 1, 2}, "trained on"},
		{[]int{0, 1, 2}, []int{2, 3, 4, 5}, "1 of the 4"},
		{nil, nil, ""},
	}
	for i, c := range cases {
		got := TrainingRowsWarning(c.train, c.eval)
		if (c.want == "") != (len(got) == 0) || (c.want != "" && !strings.Contains(got[0].Text, c.want)) {
			t.Errorf("case %d: %+v, want text with %q", i, got, c.want)
		}
		if len(got) > 0 && got[0].Level != "warning" {
			t.Errorf("case %d: level %q", i, got[0].Level)
		}
	}
}

func TestOverfitWarning(t *testing.T) {
	cases := []struct {
		metric    string
		train, cv float64
		warn      bool
	}{
		{"accuracy", 1.0, 0.85, true}, {"accuracy", 0.9, 0.85, false},
		{"rmse", 1.0, 1.5, true}, {"rmse", 1.0, 1.2, false}, {"nonsense", 1, 0, false},
	}
	for _, c := range cases {
		if got := OverfitWarning(c.metric, c.train, c.cv); (len(got) > 0) != c.warn {
			t.Errorf("%s train %v cv %v: %+v", c.metric, c.train, c.cv, got)
		}
	}
}

func TestTestSetLog_WarnsFromTheSecondModel(t *testing.T) {
	var log TestSetLog
	log, w := log.Record("forest")
	if len(w) != 0 {
		t.Fatalf("one model: %+v", w)
	}
	log2, w := log.Record("forest")
	if len(w) != 0 || len(log2.Models) != 1 {
		t.Fatalf("the same model again: %+v %+v", log2, w)
	}
	log3, w := log2.Record("boosting")
	if len(w) != 1 || !strings.Contains(w[0].Text, "2 models") || !strings.Contains(w[0].Text, "forest, boosting") {
		t.Fatalf("two models: %+v", w)
	}
	if len(log.Models) != 1 || len(log3.Models) != 2 {
		t.Errorf("Record changed its receiver: %+v %+v", log, log3)
	}
}
