package tree

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"modelbench/workflow/model"
)

// featureRuleKind names how a featureRule picks its count.
type featureRuleKind uint8

const (
	allFeatures featureRuleKind = iota
	autoFeatures
	sqrtFeatures
	log2Features
	fractionFeatures
	countFeatures
)

// featureRule says how many features a split may look at; it is the parsed
// form of a MaxFeatures text.
type featureRule struct {
	kind     featureRuleKind
	fraction float64 // for fractionFeatures, in (0, 1]
	count    int     // for countFeatures, >= 1
}

// parseMaxFeatures reads a MaxFeatures text:
//
//	"" or "all"   every feature
//	"auto"        sqrt for classification, every feature for regression
//	"sqrt"        the square root of the number of features
//	"log2"        the base-2 logarithm of the number of features
//	"0.3"         a fraction in (0, 1] of the features (a decimal point makes it a fraction)
//	"5"           that many features (at most all of them)
//
// The count is never below 1. Case and surrounding spaces are ignored.
func parseMaxFeatures(s string) (featureRule, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "", "all", "none":
		return featureRule{kind: allFeatures}, nil
	case "auto":
		return featureRule{kind: autoFeatures}, nil
	case "sqrt":
		return featureRule{kind: sqrtFeatures}, nil
	case "log2":
		return featureRule{kind: log2Features}, nil
	}
	if strings.ContainsAny(t, ".eE") {
		f, err := strconv.ParseFloat(t, 64)
		if err != nil || !(f > 0 && f <= 1) {
			return featureRule{}, fmt.Errorf("max_features %q: a fraction must be a number above 0 and at most 1", s)
		}
		return featureRule{kind: fractionFeatures, fraction: f}, nil
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 1 {
		return featureRule{}, fmt.Errorf("max_features %q: use all, auto, sqrt, log2, a fraction such as 0.5 or a whole number of features", s)
	}
	return featureRule{kind: countFeatures, count: n}, nil
}

// String returns the canonical text of the rule; parseMaxFeatures reads it
// back to the same rule.
func (r featureRule) String() string {
	switch r.kind {
	case autoFeatures:
		return "auto"
	case sqrtFeatures:
		return "sqrt"
	case log2Features:
		return "log2"
	case fractionFeatures:
		s := strconv.FormatFloat(r.fraction, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s
	case countFeatures:
		return strconv.Itoa(r.count)
	}
	return "all"
}

// resolve returns the number of features to try per split for d features,
// between 1 and d (0 when d is 0).
func (r featureRule) resolve(d int, task model.Task) int {
	if d <= 0 {
		return 0
	}
	k := d
	switch r.kind {
	case autoFeatures:
		if task == model.Classification {
			k = int(math.Sqrt(float64(d)))
		}
	case sqrtFeatures:
		k = int(math.Sqrt(float64(d)))
	case log2Features:
		k = int(math.Log2(float64(d)))
	case fractionFeatures:
		k = int(r.fraction * float64(d))
	case countFeatures:
		k = r.count
	}
	return min(max(k, 1), d)
}
