package data

import (
	"math"
)

// pow10tab holds the powers of ten that float64 represents exactly.
var pow10tab = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseFloatFast reads a plain decimal number (optional sign, digits, an
// optional fraction and exponent) from b without allocating. It handles
// the cases where the result is exactly representable by one correctly
// rounded multiplication or division (W. D. Clinger, "How to read floating
// point numbers accurately", PLDI 1990): a mantissa below 2^53 and a
// power of ten up to 22. It reports ok=false for everything else; callers
// then use the general parser, so results are bit-identical to
// strconv.ParseFloat.
func parseFloatFast(b []byte) (float64, bool) {
	i, n := 0, len(b)
	if n == 0 {
		return 0, false
	}
	neg := false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i++
	}
	var mant uint64
	digits, exp := 0, 0
	start := i
	for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
		if mant == 0 && b[i] == '0' {
			continue // leading zeros carry no precision
		}
		mant = mant*10 + uint64(b[i]-'0')
		digits++
	}
	intDigits := i - start
	fracDigits := 0
	if i < n && b[i] == '.' {
		i++
		fs := i
		for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
			if mant == 0 && b[i] == '0' {
				exp--
				continue
			}
			mant = mant*10 + uint64(b[i]-'0')
			digits++
			exp--
		}
		fracDigits = i - fs
	}
	if intDigits+fracDigits == 0 || digits > 19 || mant >= 1<<53 {
		return 0, false // no digits at all, or not exact in a float64
	}
	if i < n && (b[i] == 'e' || b[i] == 'E') {
		i++
		eneg := false
		if i < n && (b[i] == '-' || b[i] == '+') {
			eneg = b[i] == '-'
			i++
		}
		es, e := i, 0
		for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
			if e < 1000 {
				e = e*10 + int(b[i]-'0')
			}
		}
		if i == es {
			return 0, false
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != n {
		return 0, false
	}
	f := float64(mant)
	switch {
	case mant == 0:
		f = 0
	case exp == 0:
	case exp > 0 && exp <= 22:
		f *= pow10tab[exp]
	case exp < 0 && exp >= -22:
		f /= pow10tab[-exp]
	default:
		return 0, false
	}
	if neg {
		f = math.Copysign(f, -1)
	}
	return f, true
}

// scanNumber parses a plain decimal number at the start of b with the
// fast path of parseFloatFast and returns its value and length. ok is
// false when the text there is not such a number or needs the general
// parser; the caller then finds the field's end itself.
func scanNumber(b []byte) (v float64, n int, ok bool) {
	i := 0
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i++
	}
	var mant uint64
	digits, exp, seen := 0, 0, 0
	for ; i < len(b); i++ {
		c := b[i] - '0'
		if c > 9 {
			break
		}
		seen++
		if mant == 0 && c == 0 {
			continue
		}
		mant = mant*10 + uint64(c)
		digits++
	}
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b); i++ {
			c := b[i] - '0'
			if c > 9 {
				break
			}
			seen++
			exp--
			if mant == 0 && c == 0 {
				continue
			}
			mant = mant*10 + uint64(c)
			digits++
		}
	}
	if seen == 0 || digits > 19 || mant >= 1<<53 {
		return 0, 0, false
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		return 0, 0, false // rare in data files: leave exponents to the general path
	}
	f := float64(mant)
	switch {
	case mant == 0 || exp == 0:
	case exp >= -22:
		f /= pow10tab[-exp]
	default:
		return 0, 0, false
	}
	if neg {
		f = math.Copysign(f, -1)
	}
	return f, i, true
}
