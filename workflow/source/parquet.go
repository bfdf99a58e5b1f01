package source

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// pqKind is what a Parquet leaf column becomes.
type pqKind int

const (
	pqNumber pqKind = iota // integers, floats, decimals
	pqBool
	pqTime // dates and timestamps, as nanoseconds
	pqString
)

// pqLeaf is one readable leaf column of a Parquet file.
type pqLeaf struct {
	col   *parquet.Column
	name  string  // dotted path
	kind  pqKind  // what it becomes
	scale float64 // numbers: divide by this (decimals); times: multiply to get ns
	what  string  // the declared type, for reasons
}

func loadParquet(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	f, err := os.Open(spec.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file (is it truncated or damaged?): %w", spec.Path, err)
	}
	var leaves []pqLeaf
	var issues []data.Issue
	collectLeaves(spec.Path, pf.Root(), "", &leaves, &issues)
	nrows := int(pf.NumRows())
	if spec.Limit > 0 && spec.Limit < nrows {
		nrows = spec.Limit
	}
	if nrows == 0 {
		return nil, fmt.Errorf("%s: the Parquet file has no rows", spec.Path)
	}
	cols, infs, err := readLeaves(ctx, spec.Path, leaves, nrows, rowHint(nrows, st.Size()), report)
	if err != nil {
		return nil, err
	}
	return assemble(spec.Path, cols, infs, issues)
}

// rowHint is how many rows each column reserves room for before reading:
// the declared row count, but no more than eight per byte of the file, so
// a damaged file that claims billions of rows cannot make it reserve
// gigabytes.
func rowHint(nrows int, fileSize int64) int {
	return int(min(int64(nrows), max(1<<16, fileSize*8)))
}

// readLeaves decodes the columns on every core: each column has its own
// page reader over the file (reads at offsets, safe in parallel). The
// first error, in column order, is returned.
func readLeaves(ctx context.Context, path string, leaves []pqLeaf, nrows, hint int, report progress.Func) ([]data.Column, []data.Inference, error) {
	cols := make([]data.Column, len(leaves))
	infs := make([]data.Inference, len(leaves))
	errs := make([]error, len(leaves))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(leaves)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := &pqReader{leaf: leaves[i], nrows: nrows, hint: hint}
				errs[i] = guard("the Parquet reader", func() (e error) { cols[i], infs[i], e = r.read(ctx); return })
				mu.Lock()
				done++
				report.Send(float64(done)/float64(len(leaves)), "reading columns")
				mu.Unlock()
			}
		}()
	}
	for i := range leaves {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for i, err := range errs {
		if err != nil {
			return nil, nil, fmt.Errorf("%s, column %q: %w", path, leaves[i].name, err)
		}
	}
	return cols, infs, nil
}

// collectLeaves walks the schema in file order, naming nested fields with
// dots and leaving out lists and types it cannot map, with a warning.
func collectLeaves(file string, c *parquet.Column, prefix string, out *[]pqLeaf, issues *[]data.Issue) {
	for _, ch := range c.Columns() {
		name := ch.Name()
		if prefix != "" {
			name = prefix + "." + name
		}
		if hasRepeated(ch) {
			*issues = append(*issues, data.Issue{Level: "warning",
				Text: fmt.Sprintf("%s: column %q holds lists, which Modelbench does not read from Parquet; it was left out", file, name)})
			continue
		}
		if !ch.Leaf() {
			collectLeaves(file, ch, name, out, issues)
			continue
		}
		l, ok := classifyLeaf(ch, name)
		if !ok {
			*issues = append(*issues, data.Issue{Level: "warning",
				Text: fmt.Sprintf("%s: column %q has the Parquet type %s, which Modelbench does not read; it was left out", file, name, ch.Type())})
			continue
		}
		*out = append(*out, l)
	}
}

// hasRepeated reports whether c or a column below it repeats (a list).
func hasRepeated(c *parquet.Column) bool {
	if c.Repeated() {
		return true
	}
	for _, ch := range c.Columns() {
		if hasRepeated(ch) {
			return true
		}
	}
	return false
}

// classifyLeaf maps a leaf's physical and logical type to a column kind.
func classifyLeaf(c *parquet.Column, name string) (pqLeaf, bool) {
	t := c.Type()
	l := pqLeaf{col: c, name: name, kind: pqNumber, scale: 1, what: strings.ToUpper(t.Kind().String())}
	lt := t.LogicalType()
	var lv format.LogicalTypeValue
	if lt != nil {
		lv = lt.Value
		if lv != nil {
			l.what = lv.String()
		}
	}
	ct := t.ConvertedType()
	switch x := lv.(type) {
	case *format.DateType:
		l.kind, l.scale = pqTime, 86400e9
		return l, t.Kind() == parquet.Int32
	case *format.TimestampType:
		l.kind = pqTime
		l.scale = timeUnitNanos(x.Unit)
		return l, t.Kind() == parquet.Int64
	case *format.DecimalType:
		l.scale = math.Pow10(int(x.Scale))
		return l, t.Kind() == parquet.Int32 || t.Kind() == parquet.Int64
	case *format.StringType, *format.EnumType, *format.JsonType:
		l.kind = pqString
		return l, t.Kind() == parquet.ByteArray
	case nil:
	default:
		if _, isInt := lv.(*format.IntType); !isInt {
			return l, false
		}
	}
	if ct != nil {
		switch *ct {
		case deprecated.Date:
			l.kind, l.scale = pqTime, 86400e9
		case deprecated.TimestampMillis:
			l.kind, l.scale = pqTime, 1e6
		case deprecated.TimestampMicros:
			l.kind, l.scale = pqTime, 1e3
		case deprecated.UTF8, deprecated.Enum, deprecated.Json:
			l.kind = pqString
		}
	}
	switch t.Kind() {
	case parquet.Boolean:
		l.kind = pqBool
	case parquet.Int96:
		l.kind, l.what = pqTime, "INT96 timestamp"
	case parquet.ByteArray:
		l.kind = pqString
	case parquet.FixedLenByteArray:
		return l, false
	}
	return l, true
}

func timeUnitNanos(u format.TimeUnit) float64 {
	switch u.Value.(type) {
	case *format.MilliSeconds:
		return 1e6
	case *format.MicroSeconds:
		return 1e3
	}
	return 1
}
