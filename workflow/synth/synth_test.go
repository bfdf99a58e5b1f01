package synth

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func generate(t *testing.T, spec Spec) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, spec); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWrite_Deterministic(t *testing.T) {
	for _, task := range []Task{Classification, Regression} {
		a := generate(t, Spec{Rows: 2000, Task: task, Seed: 7})
		b := generate(t, Spec{Rows: 2000, Task: task, Seed: 7})
		if !bytes.Equal(a, b) {
			t.Errorf("%v: two writes of the same spec differ", task)
		}
		c := generate(t, Spec{Rows: 2000, Task: task, Seed: 8})
		if bytes.Equal(a, c) {
			t.Errorf("%v: seeds 7 and 8 gave the same bytes", task)
		}
	}
}

// quality is testdata/quality.json, written by testdata/quality.py with
// scikit-learn 1.2.1 (LogisticRegression, DecisionTreeClassifier,
// HistGradientBoostingClassifier, LinearRegression; 80/20 split,
// random_state=42) on files written by this package.
type quality struct {
	Rows int    `json:"rows"`
	Seed uint64 `json:"seed"`
	Clf  struct {
		SHA256      string  `json:"sha256"`
		Class1Share float64 `json:"class1_share"`
		Logistic    float64 `json:"logistic_accuracy"`
		Tree        float64 `json:"tree_accuracy"`
		HistGB      float64 `json:"hist_gb_accuracy"`
	} `json:"clf"`
	Reg struct {
		SHA256       string  `json:"sha256"`
		LinearR2     float64 `json:"linear_r2"`
		NonzeroCoefs int     `json:"nonzero_coefs"`
	} `json:"reg"`
}

// TestWrite_MatchesMeasuredFiles ties the scikit-learn scores recorded in
// testdata/quality.json to today's output: if the generator changes, the
// hashes differ and quality.py must be run again.
func TestWrite_MatchesMeasuredFiles(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "quality.json"))
	if err != nil {
		t.Fatal(err)
	}
	var q quality
	if err := json.Unmarshal(raw, &q); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		task Task
		want string
	}{{Classification, q.Clf.SHA256}, {Regression, q.Reg.SHA256}} {
		sum := sha256.Sum256(generate(t, Spec{Rows: q.Rows, Task: tc.task, Seed: q.Seed}))
		if got := hex.EncodeToString(sum[:]); got != tc.want {
			t.Errorf("%v: sha256 %s, quality.json measured %s: rerun testdata/quality.py", tc.task, got, tc.want)
		}
	}
	// The windows of the reference README (make_classification with
	// random_state=42: logistic 0.851, tree 0.939, boosting 0.979).
	checks := []struct {
		name     string
		got      float64
		min, max float64
	}{
		{"class 1 share", q.Clf.Class1Share, 0.48, 0.52},
		{"logistic accuracy", q.Clf.Logistic, 0.80, 0.90},
		{"tree accuracy", q.Clf.Tree, 0.90, 0.97},
		{"boosting accuracy", q.Clf.HistGB, 0.95, 0.99},
		{"linear R2", q.Reg.LinearR2, 0.99, 1},
		{"informative coefficients", float64(q.Reg.NonzeroCoefs), 10, 10},
	}
	for _, c := range checks {
		if c.got < c.min || c.got > c.max {
			t.Errorf("%s = %v, want in [%v, %v]", c.name, c.got, c.min, c.max)
		}
	}
}

func TestWrite_Properties(t *testing.T) {
	for _, task := range []Task{Classification, Regression} {
		out := generate(t, Spec{Rows: 4000, Task: task, Seed: 1})
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Scan()
		if got, want := sc.Text(), strings.Join(Columns(), ","); got != want {
			t.Fatalf("header %q, want %q", got, want)
		}
		rows, ones := 0, 0
		for sc.Scan() {
			rows++
			ones += checkRow(t, task, rows+1, strings.Split(sc.Text(), ","))
		}
		if rows != 4000 {
			t.Errorf("%v: %d rows, want 4000", task, rows)
		}
		if task == Classification && (ones < 1800 || ones > 2200) {
			t.Errorf("%d of 4000 rows in class 1, want about half", ones)
		}
	}
}

// checkRow checks one data row (line is 1-based) and returns its class for
// classification.
func checkRow(t *testing.T, task Task, line int, f []string) int {
	t.Helper()
	if len(f) != NumFeatures+3 {
		t.Fatalf("line %d: %d fields, want %d", line, len(f), NumFeatures+3)
	}
	x := make([]float64, NumFeatures)
	for i := range x {
		dot := strings.IndexByte(f[i], '.')
		if dot < 0 || len(f[i])-dot-1 != 6 {
			t.Fatalf("line %d: feature %q has not 6 decimals", line, f[i])
		}
		x[i], _ = strconv.ParseFloat(f[i], 64)
	}
	// The categories are derived from the printed values, so they agree
	// with what a reader of the file sees.
	if want := CatA(x[0]); f[NumFeatures] != want {
		t.Fatalf("line %d: cat_a %q for f0=%v, want %q", line, f[NumFeatures], x[0], want)
	}
	if want := CatB(x[1], x[2]); f[NumFeatures+1] != want {
		t.Fatalf("line %d: cat_b %q for f1=%v f2=%v, want %q", line, f[NumFeatures+1], x[1], x[2], want)
	}
	y := f[NumFeatures+2]
	if task == Classification {
		if y != "0" && y != "1" {
			t.Fatalf("line %d: class %q, want 0 or 1", line, y)
		}
		return int(y[0] - '0')
	}
	if _, err := strconv.ParseFloat(y, 64); err != nil {
		t.Fatalf("line %d: target %q: %v", line, y, err)
	}
	return 0
}

func TestCatA_CatB(t *testing.T) {
	for _, tc := range []struct {
		f0   float64
		want string
	}{{-3, "A"}, {-1, "A"}, {-0.999999, "B"}, {0, "B"}, {0.000001, "C"}, {1, "C"}, {1.000001, "D"}} {
		if got := CatA(tc.f0); got != tc.want {
			t.Errorf("CatA(%v) = %q, want %q", tc.f0, got, tc.want)
		}
	}
	for _, tc := range []struct {
		f1, f2 float64
		want   string
	}{{1, 1, "pp"}, {1, -1, "pn"}, {-1, 1, "np"}, {0, 0, "nn"}} {
		if got := CatB(tc.f1, tc.f2); got != tc.want {
			t.Errorf("CatB(%v, %v) = %q, want %q", tc.f1, tc.f2, got, tc.want)
		}
	}
}

func TestWrite_BadSpec(t *testing.T) {
	for _, spec := range []Spec{{Rows: 0}, {Rows: -1}, {Rows: 10, Task: Task(9)}} {
		var b bytes.Buffer
		if err := Write(&b, spec); !errors.Is(err, ErrBadSpec) {
			t.Errorf("Write(%+v) = %v, want ErrBadSpec", spec, err)
		}
		if b.Len() != 0 {
			t.Errorf("Write(%+v) wrote %d bytes for an invalid spec", spec, b.Len())
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.csv")
	spec := Spec{Rows: 10, Task: Regression, Seed: 3}
	if err := WriteFile(path, spec); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, generate(t, spec)) {
		t.Error("WriteFile and Write disagree")
	}
	if err := WriteFile(filepath.Join(dir, "missing", "s.csv"), spec); err == nil {
		t.Error("WriteFile into a missing folder succeeded")
	}
}

func BenchmarkWrite_100k(b *testing.B) {
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, Spec{Rows: 100_000, Seed: 42}); err != nil {
			b.Fatal(err)
		}
	}
}
