package synth

// The shape of both designs, as in the scikit-learn calls the reference
// timings were measured with (make_classification(n_features=20,
// n_informative=10, n_redundant=5, flip_y=0.01, class_sep=1,
// n_clusters_per_class=2) and make_regression(n_informative=10, noise=10)).
const (
	informative      = 10
	redundant        = 5
	classes          = 2
	clustersPerClass = 2
	classSep         = 1.0
	flipY            = 0.01
	regressionNoise  = 10.0
)

// classifier generates Guyon's design one row at a time. Rows are assigned
// to clusters by a shuffled list of equal-sized blocks, which is the same
// as generating the clusters one after the other and shuffling the rows.
type classifier struct {
	g         *gen
	centroids [][]float64 // one hypercube vertex per cluster
	covs      [][]float64 // informative x informative map per cluster
	red       []float64   // informative x redundant map
	cluster   []uint8     // cluster of each row, shuffled
	colPerm   []int       // output column j holds generated feature colPerm[j]
	row       int
	raw, z    []float64
}

func newClassifier(g *gen, rows int) *classifier {
	k := classes * clustersPerClass
	c := &classifier{g: g, raw: make([]float64, NumFeatures), z: make([]float64, informative)}
	c.centroids = hypercubeVertices(g, k, informative)
	for i := 0; i < k; i++ {
		c.covs = append(c.covs, g.uniformMatrix(informative, informative, -1, 1))
	}
	c.red = g.uniformMatrix(informative, redundant, -1, 1)
	c.cluster = clusterAssignment(g, rows, k)
	c.colPerm = g.perm(NumFeatures)
	return c
}

// hypercubeVertices picks k distinct vertices of the d-dimensional
// hypercube with side 2*classSep centred on the origin.
func hypercubeVertices(g *gen, k, d int) [][]float64 {
	seen := map[uint64]bool{}
	var out [][]float64
	for len(out) < k {
		bits := g.src.Uint64() & (1<<d - 1)
		if seen[bits] {
			continue
		}
		seen[bits] = true
		v := make([]float64, d)
		for j := range v {
			v[j] = -classSep
			if bits>>j&1 == 1 {
				v[j] = classSep
			}
		}
		out = append(out, v)
	}
	return out
}

// clusterAssignment gives each of rows rows a cluster in 0..k-1, with
// cluster sizes as equal as possible (the first ones get the remainder),
// in random order.
func clusterAssignment(g *gen, rows, k int) []uint8 {
	a := make([]uint8, rows)
	for i := range a {
		a[i] = uint8(i % k)
	}
	for i := rows - 1; i > 0; i-- {
		j := g.intn(i + 1)
		a[i], a[j] = a[j], a[i]
	}
	return a
}

func (c *classifier) next(x []float64) float64 {
	k := int(c.cluster[c.row])
	c.row++
	for i := range c.z {
		c.z[i] = c.g.normal()
	}
	cov, cen := c.covs[k], c.centroids[k]
	for j := 0; j < informative; j++ {
		s := cen[j]
		for i := 0; i < informative; i++ {
			s += c.z[i] * cov[i*informative+j]
		}
		c.raw[j] = s
	}
	for j := 0; j < redundant; j++ {
		s := 0.0
		for i := 0; i < informative; i++ {
			s += c.raw[i] * c.red[i*redundant+j]
		}
		c.raw[informative+j] = s
	}
	for j := informative + redundant; j < NumFeatures; j++ {
		c.raw[j] = c.g.normal()
	}
	for j, from := range c.colPerm {
		x[j] = c.raw[from]
	}
	y := k % classes
	if c.g.uniform() < flipY {
		y = c.g.intn(classes)
	}
	return float64(y)
}

// regressor draws standard normal features and y = x·w + noise, where the
// ten informative features have weights uniform in [0, 100).
type regressor struct {
	g       *gen
	weights []float64 // per output column; zero for uninformative ones
}

func newRegressor(g *gen) *regressor {
	w := make([]float64, NumFeatures)
	for i := 0; i < informative; i++ {
		w[i] = 100 * g.uniform()
	}
	perm := g.perm(NumFeatures)
	out := make([]float64, NumFeatures)
	for j, from := range perm {
		out[j] = w[from]
	}
	return &regressor{g: g, weights: out}
}

func (r *regressor) next(x []float64) float64 {
	y := 0.0
	for j := range x {
		x[j] = r.g.normal()
		y += x[j] * r.weights[j]
	}
	return y + regressionNoise*r.g.normal()
}
