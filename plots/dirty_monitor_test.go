package plots

// monitorBuilders are the Monitor figures fed from one dirty column; they
// join TestFigures_DirtyInput and FuzzFigures through init.
var monitorBuilders = map[string]func(v []float64) (*Figure, error){
	"TimePanels": timeBuilder,
	"DriftNumeric": func(v []float64) (*Figure, error) {
		edges := make([]float64, len(v)+1)
		for i := range edges {
			edges[i] = float64(i)
		}
		return DriftNumeric(edges, v, reversed(v), DriftOptions{})
	},
	"DriftLevels": func(v []float64) (*Figure, error) {
		return DriftLevels(namesFor(v), v, reversed(v), DriftOptions{TopN: 3})
	},
}

func init() {
	for k, b := range monitorBuilders {
		figureBuilders[k] = b
	}
}
