package data

import (
	"math"
	"strconv"
	"testing"
)

// The reference for every number is strconv.ParseFloat: the fast paths
// must agree with it bit for bit, or decline.
var floatCases = []string{
	"0", "-0", "+0", "1", "-1", "0.5", ".5", "5.", "-.5", "123456.789012", "0.000001", "-0.000001",
	"9007199254740991", "9007199254740992", "9007199254740993", "12345678901234567890",
	"1e22", "1e23", "1.5e-5", "2E3", "1e-22", "1e-23", "0.1", "0.2", "0.3", "3.141592653589793",
	"00012.5000", "1.7976931348623157e308", "4.9e-324", "1e", "e5", ".", "-", "+", "", "1.2.3",
	"1,5", "0x1p3", "1_000", "inf", "NaN", " 1", "1 ", "123456789012345678", "0.0000000000000000000001",
}

func TestParseFloatFast_MatchesStrconv(t *testing.T) {
	for _, s := range floatCases {
		checkFast(t, s)
	}
}

func checkFast(t *testing.T, s string) {
	t.Helper()
	want, err := strconv.ParseFloat(s, 64)
	if v, ok := parseFloatFast([]byte(s)); ok {
		if err != nil || math.Float64bits(v) != math.Float64bits(want) {
			t.Errorf("parseFloatFast(%q) = %v (%x), strconv %v (%x), %v", s, v, math.Float64bits(v), want, math.Float64bits(want), err)
		}
	}
	if v, n, ok := scanNumber([]byte(s)); ok {
		w, err := strconv.ParseFloat(s[:n], 64)
		if err != nil || math.Float64bits(v) != math.Float64bits(w) {
			t.Errorf("scanNumber(%q) = %v over %d bytes, strconv(%q) %v, %v", s, v, n, s[:n], w, err)
		}
	}
}

func TestScanNumber_StopsAtDelimiter(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		n    int
	}{{"1.25,x", 1.25, 4}, {"-3\n", -3, 2}, {"7", 7, 1}, {"0.000001|", 1e-6, 8}} {
		v, n, ok := scanNumber([]byte(tc.in))
		if !ok || v != tc.want || n != tc.n {
			t.Errorf("scanNumber(%q) = %v, %d, %v; want %v, %d", tc.in, v, n, ok, tc.want, tc.n)
		}
	}
}

func FuzzParseFloatFast(f *testing.F) {
	for _, s := range floatCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkFast(t, s) })
}
