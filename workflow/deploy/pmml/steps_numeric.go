package pmml

import (
	"fmt"
	"math"
	"strconv"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// numField returns the field of a numeric column.
func (fs *fields) numField(name string) (string, error) {
	c, err := fs.col(name)
	if err != nil {
		return "", err
	}
	if c.kind != data.Numeric {
		return "", fmt.Errorf("column %q is not numeric at this step", name)
	}
	return c.field, nil
}

// scale is (x - Center) / Scale: a NormContinuous through (Center, 0) and
// (Center + Scale, 1) when Center + Scale - Center is exactly Scale in
// float64, so that the interpolation computes (x - Center) / Scale with
// the same two roundings; otherwise the Apply of those two operations.
func (fs *fields) scale(s *prep.ScaleExport) (string, error) {
	norm, applied := 0, 0
	for _, sc := range s.Columns {
		x, err := fs.numField(sc.Name)
		if err != nil {
			return "", err
		}
		var e *elem
		if top := sc.Center + sc.Scale; top-sc.Center == sc.Scale && !math.IsInf(top, 0) {
			e = el("NormContinuous", "field", x).add(el("LinearNorm", "orig", num(sc.Center), "norm", "0"),
				el("LinearNorm", "orig", num(top), "norm", "1"))
			norm++
		} else {
			e = apply("/", apply("-", fieldRef(x), constant(sc.Center)), constant(sc.Scale))
			applied++
		}
		fs.set(sc.Name, fs.addNumber(sc.Name+"@scale", e), data.Numeric)
	}
	return fmt.Sprintf("NormContinuous for %d column(s), Apply (x - centre) / scale for %d", norm, applied), nil
}

// log1p is ln1p(x), missing for x <= -1.
func (fs *fields) log1p(s *prep.Log1pExport) (string, error) {
	for _, name := range s.Columns {
		x, err := fs.numField(name)
		if err != nil {
			return "", err
		}
		fs.set(name, fs.addNumber(name+"@log1p", unlessMissing(x, "double",
			ifElse(apply("lessOrEqual", fieldRef(x), constant(-1)), missingConstant("double"), apply("ln1p", fieldRef(x))))), data.Numeric)
	}
	return "Apply ln1p (missing at or below -1)", nil
}

// yeoJohnson writes the two branches fixed by each column's λ.
func (fs *fields) yeoJohnson(s *prep.YeoJohnsonExport) (string, error) {
	const eps = 2.220446049250313e-16
	for _, yc := range s.Columns {
		x, err := fs.numField(yc.Name)
		if err != nil {
			return "", err
		}
		l := yc.Lambda
		var pos, neg *elem
		if math.Abs(l) < eps {
			pos = apply("ln1p", fieldRef(x))
		} else {
			pos = apply("/", apply("-", apply("pow", apply("+", fieldRef(x), constant(1)), constant(l)), constant(1)), constant(l))
		}
		if math.Abs(l-2) > eps {
			neg = apply("*", constant(-1), apply("/", apply("-", apply("pow", apply("-", constant(1), fieldRef(x)), constant(2-l)), constant(1)), constant(2-l)))
		} else {
			neg = apply("*", constant(-1), apply("ln1p", apply("*", constant(-1), fieldRef(x))))
		}
		y := fs.addNumber(yc.Name+"@yeo_johnson", unlessMissing(x, "double", ifElse(apply("greaterOrEqual", fieldRef(x), constant(0)), pos, neg)))
		if s.Standardize {
			y = fs.addNumber(yc.Name+"@standardize", apply("/", apply("-", fieldRef(y), constant(yc.Mean)), constant(yc.Scale)))
		}
		fs.set(yc.Name, y, data.Numeric)
	}
	return "Apply if(x >= 0, power branch, negative branch) with pow and ln1p", nil
}

// clip limits values to [Lower, Upper].
func (fs *fields) clip(s *prep.ClipExport) (string, error) {
	for _, cc := range s.Columns {
		x, err := fs.numField(cc.Name)
		if err != nil {
			return "", err
		}
		fs.set(cc.Name, fs.addNumber(cc.Name+"@clip", unlessMissing(x, "double",
			ifElse(apply("lessThan", fieldRef(x), constant(cc.Lower)), constant(cc.Lower),
				ifElse(apply("greaterThan", fieldRef(x), constant(cc.Upper)), constant(cc.Upper), fieldRef(x))))), data.Numeric)
	}
	return "Apply if(x < lower, lower, if(x > upper, upper, x))", nil
}

// bin is a Discretize whose bins are cut at the inner edges, each bin
// closed on the left: [e_k, e_k+1), the first unbounded below and the
// last unbounded above, so that ±Inf fall in the end bins. One-hot
// outputs are NormDiscrete of the bin number (missing for a missing
// value, as Modelbench's NaN).
func (fs *fields) bin(s *prep.BinExport) (string, error) {
	for _, bc := range s.Columns {
		x, err := fs.numField(bc.Name)
		if err != nil {
			return "", err
		}
		inner := bc.Edges[1 : len(bc.Edges)-1]
		d := el("Discretize", "field", x, "dataType", "double")
		for k := 0; k <= len(inner); k++ {
			iv := el("Interval", "closure", "closedOpen")
			if k > 0 {
				iv.set("leftMargin", num(inner[k-1]))
			}
			if k < len(inner) {
				iv.set("rightMargin", num(inner[k]))
			} else {
				iv.attrs[0].Value = "closedClosed"
			}
			d.add(el("DiscretizeBin", "binValue", strconv.Itoa(k)).add(iv))
		}
		b := fs.addNumber(bc.Name+"@bin", d)
		if s.Encode != "onehot" {
			fs.set(bc.Name, b, data.Numeric)
			continue
		}
		for k, name := range bc.Outputs {
			fs.set(name, fs.addNumber(name, el("NormDiscrete", "field", b, "value", strconv.Itoa(k))), data.Numeric)
		}
		delete(fs.cols, bc.Name)
	}
	return "Discretize (bins closed on the left), NormDiscrete per bin for one-hot", nil
}
