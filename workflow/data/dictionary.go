package data

// Dictionary returns col's values as category codes and levels, the form
// every learner and encoder reads categories in. A *CategoricalColumn
// gives its own codes and levels (shared, not copied: callers must not
// modify them). Any other column gives the formatted text of each present
// value (Column.Format), levels numbered in order of first appearance and
// -1 for missing rows. An empty column gives empty codes and nil levels.
func Dictionary(col Column) (codes []int32, levels []string) {
	if c, ok := col.(*CategoricalColumn); ok {
		return c.Codes(), c.Levels()
	}
	return EncodeLevels(col.Len(), func(i int) (string, bool) {
		if col.IsMissing(i) {
			return "", false
		}
		return col.Format(i), true
	})
}

// EncodeLevels numbers the texts of n rows in order of first appearance,
// for building a categorical column from values computed row by row. at(i)
// returns row i's text and whether it is present; missing rows get code -1.
// n = 0 gives empty codes and nil levels. at is called once per row, in
// order.
func EncodeLevels(n int, at func(i int) (string, bool)) (codes []int32, levels []string) {
	codes = make([]int32, n)
	index := map[string]int32{}
	for i := range codes {
		s, ok := at(i)
		if !ok {
			codes[i] = -1
			continue
		}
		k, seen := index[s]
		if !seen {
			k = int32(len(levels))
			index[s] = k
			levels = append(levels, s)
		}
		codes[i] = k
	}
	return codes, levels
}
