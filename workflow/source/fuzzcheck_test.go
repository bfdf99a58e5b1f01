package source

import (
	"strings"
	"testing"

	"modelbench/workflow/data"
)

// checkLoaded is what every reader's fuzz test asks of a result: an error
// that names the file, or a table whose columns all have its row count.
func checkLoaded(t *testing.T, file string, tab *data.Table, err error) {
	t.Helper()
	if err != nil {
		if !strings.Contains(err.Error(), file) {
			t.Errorf("error does not name the file: %v", err)
		}
		return
	}
	for i := 0; i < tab.Frame.NumCols(); i++ {
		if tab.Frame.Col(i).Len() != tab.Frame.NumRows() {
			t.Fatalf("column %d has %d rows of %d", i, tab.Frame.Col(i).Len(), tab.Frame.NumRows())
		}
	}
}
