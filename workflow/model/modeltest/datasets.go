package modeltest

import (
	"embed"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"modelbench/workflow/model"
)

//go:embed testdata/iris.csv testdata/diabetes.csv
var files embed.FS

// Case is one dataset of the suite.
type Case struct {
	Name string
	Data *model.Dataset
}

// Datasets returns the suite's datasets for task, freshly built on every
// call (callers may keep or change them). Classification: "iris" (150 rows,
// 4 features, 3 classes, scikit-learn's copy of Fisher's data), "synthetic"
// (200 rows, two Gaussian blobs, plus a constant and a duplicated column)
// and "absent_class" (the synthetic rows with a third class label that
// never occurs). Regression: "diabetes" (442 rows, 10 features, from
// scikit-learn) and "synthetic" (200 rows, a noisy linear target, the same
// constant and duplicated columns).
func Datasets(task model.Task) []Case {
	if task == model.Classification {
		iris := mustCSV("testdata/iris.csv", task)
		syn := synthetic(task, 200, 1)
		absent := synthetic(task, 200, 1)
		absent.Classes = []string{"a", "b", "never seen"}
		return []Case{{"iris", iris}, {"synthetic", syn}, {"absent_class", absent}}
	}
	return []Case{{"diabetes", mustCSV("testdata/diabetes.csv", task)}, {"synthetic", synthetic(task, 200, 2)}}
}

// synthetic draws n rows from a PCG stream seeded with seed: features x0,
// x1, x2 standard normal, "constant" all 1 and "x0_copy" equal to x0. The
// classification target is 1 when x0 + x1/2 + noise > 0 (labels "a", "b");
// the regression target is 3·x0 − 2·x1 + 0.5·x2 + 10 + noise.
func synthetic(task model.Task, n int, seed uint64) *model.Dataset {
	rng := rand.New(rand.NewPCG(seed, 0x6d6f64656c))
	d := &model.Dataset{Task: task, Features: []string{"x0", "x1", "x2", "constant", "x0_copy"}}
	d.X = make([][]float64, len(d.Features))
	for j := range d.X {
		d.X[j] = make([]float64, n)
	}
	d.Y = make([]float64, n)
	for i := 0; i < n; i++ {
		x0, x1, x2 := rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()
		d.X[0][i], d.X[1][i], d.X[2][i], d.X[3][i], d.X[4][i] = x0, x1, x2, 1, x0
		noise := rng.NormFloat64()
		if task == model.Classification {
			if x0+x1/2+noise/2 > 0 {
				d.Y[i] = 1
			}
		} else {
			d.Y[i] = 3*x0 - 2*x1 + 0.5*x2 + 10 + noise
		}
	}
	if task == model.Classification {
		d.Classes = []string{"a", "b"}
	}
	return d
}

// mustCSV reads an embedded file: a header, numeric features, the target
// last. Class labels are sorted, as scikit-learn's LabelEncoder does.
func mustCSV(name string, task model.Task) *model.Dataset {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	header := strings.Split(lines[0], ",")
	p := len(header) - 1
	d := &model.Dataset{Task: task, Features: header[:p], X: make([][]float64, p)}
	var labels []string
	for r, line := range lines[1:] {
		fields := strings.Split(strings.TrimSpace(line), ",")
		if len(fields) != p+1 {
			panic(fmt.Sprintf("%s row %d: %d fields", name, r+1, len(fields)))
		}
		for j := 0; j < p; j++ {
			d.X[j] = append(d.X[j], mustFloat(fields[j]))
		}
		if task == model.Classification {
			labels = append(labels, fields[p])
		} else {
			d.Y = append(d.Y, mustFloat(fields[p]))
		}
	}
	if task == model.Classification {
		d.Classes = slices.Compact(slices.Sorted(slices.Values(labels)))
		for _, l := range labels {
			d.Y = append(d.Y, float64(slices.Index(d.Classes, l)))
		}
	}
	return d
}

func mustFloat(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		panic(fmt.Sprintf("bad number %q in embedded data", s))
	}
	return v
}

// clone deep-copies a dataset.
func clone(d *model.Dataset) *model.Dataset {
	c := *d
	c.Features = slices.Clone(d.Features)
	c.Classes = slices.Clone(d.Classes)
	c.Y = slices.Clone(d.Y)
	c.X = make([][]float64, len(d.X))
	for j := range d.X {
		c.X[j] = slices.Clone(d.X[j])
	}
	return &c
}

// sameBits reports whether two slices hold bit-identical values (so NaN
// equals NaN).
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func sameDataset(a, b *model.Dataset) bool {
	if a.Task != b.Task || !slices.Equal(a.Features, b.Features) || !slices.Equal(a.Classes, b.Classes) ||
		!sameBits(a.Y, b.Y) || len(a.X) != len(b.X) {
		return false
	}
	for j := range a.X {
		if !sameBits(a.X[j], b.X[j]) {
			return false
		}
	}
	return true
}
