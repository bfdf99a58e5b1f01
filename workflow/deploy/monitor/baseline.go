package monitor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"modelbench/workflow/data"
)

// BaselineFormat and BaselineVersion identify baseline.json. A file with
// another format, or another version, is refused (ErrFormat, ErrVersion):
// there is no older version to migrate from yet, and a newer one may carry
// statistics this build would misread.
const (
	BaselineFormat  = "modelbench-baseline"
	BaselineVersion = 1
)

// Limits of a profile; they bound the size of baseline.json.
const (
	// MaxSample is the largest number of values a numeric profile keeps for
	// the two-sample tests (see NumericProfile.Sample).
	MaxSample = 5000
	// MaxLevels is the number of most frequent levels a level profile
	// counts one by one; the rest share the "other" bucket.
	MaxLevels = 50
	// MaxOtherNames is the largest number of distinct levels in the
	// "other" bucket whose names are kept, so that a level never seen in
	// training can still be told apart from a rare known one.
	MaxOtherNames = 1000
	// Deciles is the number of PSI bins a numeric profile aims at (fewer
	// when deciles coincide).
	Deciles = 10
)

// Errors of reading a baseline; returned errors wrap them.
var (
	ErrFormat   = errors.New("not a Modelbench baseline")
	ErrVersion  = errors.New("unsupported baseline version")
	ErrBaseline = errors.New("invalid baseline")
)

// Task is what the model predicts: Classification or Regression.
type Task string

// The tasks.
const (
	Classification Task = "classification"
	Regression     Task = "regression"
)

// Baseline is the profile of the training data that recent inputs and
// predictions are compared with: one Profile per raw input column the model
// takes, and one of the model's predictions on those rows. It is plain data
// that round-trips through JSON (Encode, DecodeBaseline); build it with
// NewBaseline. A Baseline is not modified by anything in this package and
// may be shared across goroutines.
type Baseline struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	Task       Task      `json:"task"`
	Rows       int       `json:"rows"`
	Features   []Profile `json:"features"`
	Prediction Profile   `json:"prediction"`
}

// Profile describes one column of the training rows. Numeric and datetime
// columns have Numeric (datetimes in Unix seconds); categorical, boolean and
// text columns have Levels (booleans as "true" and "false").
type Profile struct {
	Name string    `json:"name"`
	Kind data.Kind `json:"kind"`
	// Layout is the Go time layout a datetime column was read with; raw
	// inputs in text are parsed with it ("" means RFC 3339).
	Layout       string          `json:"layout,omitempty"`
	Count        int             `json:"count"`         // rows
	Missing      int             `json:"missing"`       // rows without a value
	MissingShare float64         `json:"missing_share"` // Missing / Count
	Numeric      *NumericProfile `json:"numeric,omitempty"`
	Levels       *LevelProfile   `json:"levels,omitempty"`
}

// NumericProfile summarises the present values of a numeric column; NaN and
// ±Inf count as missing. With no present value every number is 0, Edges and
// Sample are empty and Bins is [0].
type NumericProfile struct {
	Mean float64 `json:"mean"`
	Std  float64 `json:"std"` // sample standard deviation (n − 1); 0 with fewer than 2 values
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
	// Edges are the PSI bin edges: the training deciles (numpy's linear
	// interpolation at 0.1, …, 0.9), with repeats removed, so strictly
	// increasing and at most Deciles−1 of them. Bin 0 is (−∞, Edges[0]],
	// bin i is (Edges[i−1], Edges[i]] and the last bin is
	// (Edges[len−1], +∞): values beyond the training range fall into the
	// end bins. Missing values have their own bin, counted by
	// Profile.Missing.
	Edges []float64 `json:"edges"`
	// Bins counts the present training values per bin; len(Edges)+1 long.
	Bins []int `json:"bins"`
	// Sample holds, sorted, every present value when there are at most
	// MaxSample, else MaxSample order statistics: the values at sorted
	// positions ⌊(k+½)·n/MaxSample⌋, k = 0…MaxSample−1. Its distribution
	// function is within 1/MaxSample of the full data's everywhere, and it
	// is the same on every run. The two-sample tests compare against it, so
	// a KS p-value is that of a reference of len(Sample) values: for the
	// same distance D a full reference of n > MaxSample rows would give a
	// somewhat smaller p-value (the effective size n1·n2/(n1+n2) grows from
	// about 833 to at most 1000 for a window of 1,000), so the test is
	// slightly more cautious than on the full data.
	Sample []float64 `json:"sample"`
}

// LevelProfile counts the levels of a categorical, boolean or text column.
type LevelProfile struct {
	// Levels are the MaxLevels most frequent levels with their counts, most
	// frequent first (ties by name).
	Levels []LevelCount `json:"levels"`
	// Other counts the rows whose level is not in Levels, and OtherLevels
	// how many distinct levels they hold.
	Other       int `json:"other"`
	OtherLevels int `json:"other_levels"`
	// OtherNames lists those levels, sorted, when there are at most
	// MaxOtherNames of them; otherwise it is empty and levels outside Levels
	// cannot be told to be new.
	OtherNames []string `json:"other_names,omitempty"`
}

// LevelCount is one level and the rows holding it.
type LevelCount struct {
	Level string `json:"level"`
	Count int    `json:"count"`
}

// Profile returns the feature profile with the given name.
func (b *Baseline) Profile(name string) (*Profile, bool) {
	for i := range b.Features {
		if b.Features[i].Name == name {
			return &b.Features[i], true
		}
	}
	return nil, false
}

// Encode writes b as indented JSON. It fails only if w does.
func (b *Baseline) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(b)
}

// Save writes b to path as JSON (baseline.json in a deployment package).
func (b *Baseline) Save(path string) error {
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

// LoadBaseline reads and checks a baseline file; errors name the file.
func LoadBaseline(path string) (*Baseline, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	b, err := DecodeBaseline(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// DecodeBaseline reads a baseline from JSON and checks it with Validate.
// Input that is not JSON, or not a baseline, wraps ErrFormat; another
// version wraps ErrVersion; a baseline whose numbers do not fit together
// wraps ErrBaseline and names the feature.
func DecodeBaseline(raw []byte) (*Baseline, error) {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if head.Format != BaselineFormat {
		return nil, fmt.Errorf("%w: format is %q, want %q", ErrFormat, head.Format, BaselineFormat)
	}
	if head.Version != BaselineVersion {
		return nil, fmt.Errorf("%w: the file has version %d, this Modelbench reads version %d", ErrVersion, head.Version, BaselineVersion)
	}
	var b Baseline
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBaseline, err)
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return &b, nil
}
