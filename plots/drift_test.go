package plots

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// seattle reads Seattle's daily weather (vega_seattle_weather.csv) with
// each day's year and month.
func seattle(t *testing.T) (tempMax []float64, weather []string, year, month []string) {
	tempMax, _ = column(t, "vega_seattle_weather.csv", "temp_max")
	_, weather = column(t, "vega_seattle_weather.csv", "weather")
	_, dates := column(t, "vega_seattle_weather.csv", "date")
	for _, d := range dates { // 2012/01/01
		year, month = append(year, d[:4]), append(month, d[5:7])
	}
	return tempMax, weather, year, month
}

// equalBins returns 20 equal-width bins over both samples and each
// sample's share per bin, the last bin holding the maximum (the layout
// of monitor.Distribution).
func equalBins(a, b []float64) (edges, sa, sb []float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range append(slices.Clone(a), b...) {
		lo, hi = min(lo, x), max(hi, x)
	}
	const n = 20
	edges = make([]float64, n+1)
	for i := range edges {
		edges[i] = lo + (hi-lo)*float64(i)/n
	}
	share := func(v []float64) []float64 {
		out := make([]float64, n)
		for _, x := range v {
			out[min(int((x-lo)/(hi-lo)*n), n-1)] += 1 / float64(len(v))
		}
		return out
	}
	return edges, share(a), share(b)
}

// levelShares returns each level's share of v, levels in the given order.
func levelShares(v, levels []string) []float64 {
	out := make([]float64, len(levels))
	for _, x := range v {
		if k := slices.Index(levels, x); k >= 0 {
			out[k] += 1 / float64(len(v))
		}
	}
	return out
}

// TestDrift_Golden draws real drift: Seattle's daily highs of 2012-2014
// against the summer of 2015, its weather labels of 2014 against 2015
// (when "drizzle" reappears), and the soybean diseases of the first 60%
// of rows against the rest, with long names and levels folded into other.
func TestDrift_Golden(t *testing.T) {
	temp, weather, year, month := seattle(t)
	var train, recent []float64
	var wTrain, wRecent []string
	for i, y := range year {
		switch {
		case y < "2015":
			train = append(train, temp[i])
		case month[i] >= "06" && month[i] <= "08":
			recent = append(recent, temp[i])
		}
		switch y {
		case "2014":
			wTrain = append(wTrain, weather[i])
		case "2015":
			wRecent = append(wRecent, weather[i])
		}
	}
	edges, st, sr := equalBins(train, recent)
	f, err := DriftNumeric(edges, st, sr, DriftOptions{Title: "temp_max: 2012-2014 against summer 2015", XLabel: "temp_max (°C)",
		TrainingName: "2012-2014", WindowName: "Jun-Aug 2015"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Notes) != 0 {
		t.Errorf("notes %q on clean shares", f.Notes)
	}
	checkGolden(t, "drift_numeric", f, goldenW, goldenH)

	levels := []string{"sun", "fog", "rain", "drizzle", "other"} // 2014's levels by count, the new one, other
	f, err = DriftLevels(levels, levelShares(wTrain, levels), levelShares(wRecent, levels), DriftOptions{Title: "weather: 2014 against 2015", XLabel: "weather"})
	if err != nil {
		t.Fatal(err)
	}
	lv, _ := foldLevels(levels, levelShares(wTrain, levels), levelShares(wRecent, levels), func(i int) bool { return i == 3 }, DriftOptions{})
	if want := []string{"sun", "fog", "rain", "drizzle (new)"}; !slices.Equal(lv.names, want) {
		t.Errorf("levels %q, want %q (other has no rows)", lv.names, want)
	}
	checkGolden(t, "drift_levels", f, goldenW, goldenH)

	_, soy := column(t, "weka_soybean.csv", "class")
	n := len(soy) * 6 / 10
	c, names := codes(soy[:n])
	counts, _ := CountLevels(c, len(names))
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	sortByDesc(order, func(i int) float64 { return counts[i] })
	var sl []string
	for _, i := range order {
		sl = append(sl, names[i])
	}
	sl = append(sl, "other")
	f, err = DriftLevels(sl, levelShares(soy[:n], sl), levelShares(soy[n:], sl), DriftOptions{Title: "soybean diseases", XLabel: "class",
		TrainingName: "first 60%", WindowName: "last 40%", TopN: 12, Style: Dark()})
	if err != nil {
		t.Fatal(err)
	}
	if want := `7 levels with smaller shares added to "other"`; !slices.Contains(f.Notes, want) {
		t.Errorf("notes %q, want %q", f.Notes, want)
	}
	checkGolden(t, "drift_levels_dark", f, goldenW, goldenH)
}

// TestDriftNumeric_DirtyInput checks the errors, the notes and that what
// is left draws.
func TestDriftNumeric_DirtyInput(t *testing.T) {
	edges := []float64{0, 1, 2, 3}
	f, err := DriftNumeric(edges, []float64{0.5, nan, 0.5}, []float64{-0.1, inf, 1}, DriftOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"training: 1 bin with a missing, infinite or negative share not shown",
		"recent: 2 bins with a missing, infinite or negative share not shown"}
	if !slices.Equal(f.Notes, want) {
		t.Errorf("notes %q, want %q", f.Notes, want)
	}
	if _, err := PNG(f, 400, 300); err != nil {
		t.Error(err)
	}
	f, err = DriftNumeric([]float64{5, 6}, []float64{1}, []float64{0}, DriftOptions{WindowName: "this week"})
	if err != nil {
		t.Fatalf("a single bin: %v", err)
	}
	if !slices.Equal(f.Notes, []string{"this week: no values"}) {
		t.Errorf("notes %q, want the empty side named", f.Notes)
	}
	if _, err := PNG(f, 400, 300); err != nil {
		t.Error(err)
	}
	// the edges the monitor makes around a single value draw
	if _, err := DriftNumeric([]float64{1e15 - 1e6, 1e15, 1e15 + 1e6}, []float64{1, 0}, []float64{0, 1}, DriftOptions{}); err != nil {
		t.Errorf("a constant column's bins: %v", err)
	}

	refused := []struct {
		name              string
		edges, train, win []float64
		nothing           bool
	}{
		{"no bins", nil, nil, nil, true},
		{"all zero", edges, []float64{0, 0, 0}, []float64{0, 0, 0}, true},
		{"all dropped", edges, []float64{nan, -1, inf}, []float64{0, -inf, nan}, true},
		{"training against window", edges, []float64{1, 2, 3}, []float64{1, 2}, false},
		{"edges against bins", edges, []float64{1, 2}, []float64{1, 2}, false},
		{"decreasing edges", []float64{0, 2, 1, 3}, []float64{1, 2, 3}, []float64{1, 2, 3}, false},
		{"infinite edge", []float64{0, 1, 2, inf}, []float64{1, 2, 3}, []float64{1, 2, 3}, false},
	}
	for _, c := range refused {
		f, err := DriftNumeric(c.edges, c.train, c.win, DriftOptions{XLabel: "age"})
		if f != nil || err == nil || errors.Is(err, ErrNothingToDraw) != c.nothing || !strings.Contains(err.Error(), `"age"`) {
			t.Errorf("%s: %v, want an error naming the column (nothing to draw: %v)", c.name, err, c.nothing)
		}
	}
}

// TestDriftLevels_DirtyInput checks the errors, the new-level marks, the
// shortened names and the folding into other.
func TestDriftLevels_DirtyInput(t *testing.T) {
	long := "a very long level name that goes on and on, number 7"
	lv, folded := foldLevels([]string{"a", long, "fresh", "gone", "other"}, []float64{0.5, 0.5, 0, 0, 0}, []float64{0.2, 0.3, 0.4, 0, 0.1},
		func(i int) bool { return i == 2 || i == 4 }, DriftOptions{})
	if want := []string{"a", "a very long lev…number 7", "fresh (new)", "other"}; !slices.Equal(lv.names, want) || folded != 0 {
		t.Errorf("levels %q (%d folded), want %q", lv.names, folded, want)
	}
	if n := len([]rune(lv.names[1])); n != maxLevelRunes {
		t.Errorf("shortened name has %d characters, want %d", n, maxLevelRunes)
	}
	// TopN keeps the largest on either side in order; the rest go to other
	lv, folded = foldLevels([]string{"a", "b", "c", "d", "other"}, []float64{0.1, 0.5, 0.05, 0.3, 0.05}, []float64{0.1, 0.1, 0.6, 0.1, 0.1},
		func(int) bool { return false }, DriftOptions{TopN: 2})
	close := func(a, b []float64) bool {
		return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Abs(x-y) < 1e-12 })
	}
	if !slices.Equal(lv.names, []string{"b", "c", "other"}) || folded != 2 ||
		!close(lv.training, []float64{0.5, 0.05, 0.45}) || !close(lv.window, []float64{0.1, 0.6, 0.3}) {
		t.Errorf("folded to %q %v %v (%d folded)", lv.names, lv.training, lv.window, folded)
	}
	// without a catch-all level one is added
	lv, _ = foldLevels([]string{"a", "b", "c"}, []float64{1, 2, 3}, []float64{1, 2, 3}, func(int) bool { return false }, DriftOptions{TopN: 2, Other: "rest"})
	if !slices.Equal(lv.names, []string{"b", "c", "rest"}) {
		t.Errorf("levels %q, want a catch-all added", lv.names)
	}

	f, err := DriftLevels([]string{"x", "y", "z"}, []float64{nan, 0.5, 0.5}, []float64{0.3, 0.3, -2}, DriftOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"training: 1 level with a missing, infinite or negative share not shown",
		"recent: 1 level with a missing, infinite or negative share not shown"}
	if !slices.Equal(f.Notes, want) {
		t.Errorf("notes %q, want %q", f.Notes, want)
	}
	if _, err := PNG(f, 400, 300); err != nil {
		t.Error(err)
	}
	if _, err := DriftLevels([]string{"only"}, []float64{1}, []float64{0}, DriftOptions{}); err != nil {
		t.Errorf("a single level: %v", err)
	}
	refused := []struct {
		name       string
		levels     []string
		train, win []float64
		nothing    bool
	}{
		{"nothing", nil, nil, nil, true},
		{"all zero", []string{"a", "b"}, []float64{0, 0}, []float64{0, 0}, true},
		{"all dropped", []string{"a", "b"}, []float64{nan, -1}, []float64{inf, 0}, true},
		{"training against levels", []string{"a", "b"}, []float64{1}, []float64{1, 2}, false},
		{"window against levels", []string{"a", "b"}, []float64{1, 2}, []float64{1}, false},
		{"levels against shares", []string{"a"}, []float64{1, 2}, []float64{1, 2}, false},
	}
	for _, c := range refused {
		f, err := DriftLevels(c.levels, c.train, c.win, DriftOptions{XLabel: "colour"})
		if f != nil || err == nil || errors.Is(err, ErrNothingToDraw) != c.nothing || !strings.Contains(err.Error(), `"colour"`) {
			t.Errorf("%s: %v, want an error naming the column (nothing to draw: %v)", c.name, err, c.nothing)
		}
	}
}
