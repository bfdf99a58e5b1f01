package plots

// monitorBuilders are the Monitor figures fed from one dirty column; they
// join TestFigures_DirtyInput and FuzzFigures through init.
var monitorBuilders = map[string]func(v []float64) (*Figure, error){
	"TimePanels": timeBuilder,
}

func init() {
	for k, b := range monitorBuilders {
		figureBuilders[k] = b
	}
}
