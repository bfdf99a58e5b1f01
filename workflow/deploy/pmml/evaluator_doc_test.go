package pmml_test

// An independent PMML 4.4 evaluator, written for the tests from the PMML
// 4.4.1 specification (dmg.org/pmml/v4-4-1: DataDictionary, MiningSchema,
// Transformations, Built-in Functions, TreeModel, Multiple Models,
// Regression, Output). It shares no code with the exporter: it reads the
// XML into its own structs with encoding/xml and evaluates what the
// document says. It covers the parts of PMML the exporter may write and
// fails loudly on anything else.

import (
	"encoding/xml"
	"fmt"
)

type xDoc struct {
	XMLName xml.Name        `xml:"PMML"`
	Version string          `xml:"version,attr"`
	Data    []xDataField    `xml:"DataDictionary>DataField"`
	Derived []xDerivedField `xml:"TransformationDictionary>DerivedField"`
	Tree    *xModel         `xml:"TreeModel"`
	Mining  *xModel         `xml:"MiningModel"`
	Reg     *xModel         `xml:"RegressionModel"`
	NB      *xModel         `xml:"NaiveBayesModel"`
}

type xDataField struct {
	Name     string      `xml:"name,attr"`
	Optype   string      `xml:"optype,attr"`
	DataType string      `xml:"dataType,attr"`
	Values   []xValue    `xml:"Value"`
	Interval []xInterval `xml:"Interval"`
}

type xValue struct {
	Value    string `xml:"value,attr"`
	Property string `xml:"property,attr"`
}

type xInterval struct {
	Closure string   `xml:"closure,attr"`
	Left    *float64 `xml:"leftMargin,attr"`
	Right   *float64 `xml:"rightMargin,attr"`
}

type xDerivedField struct {
	Name     string `xml:"name,attr"`
	Optype   string `xml:"optype,attr"`
	DataType string `xml:"dataType,attr"`
	Expr     xExpr  `xml:",any"`
}

// xExpr is any element of an expression, kept generically.
type xExpr struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Kids    []xExpr    `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (e *xExpr) attr(name string) (string, bool) {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

type xMiningField struct {
	Name        string  `xml:"name,attr"`
	Usage       string  `xml:"usageType,attr"`
	Invalid     string  `xml:"invalidValueTreatment,attr"`
	Replacement *string `xml:"missingValueReplacement,attr"`
	Outliers    string  `xml:"outliers,attr"`
}

type xOutputField struct {
	Name     string `xml:"name,attr"`
	DataType string `xml:"dataType,attr"`
	Feature  string `xml:"feature,attr"`
	Value    string `xml:"value,attr"`
}

// xModel is any model element: the fields of each kind are read when
// present.
type xModel struct {
	XMLName  xml.Name
	Function string          `xml:"functionName,attr"`
	Missing  string          `xml:"missingValueStrategy,attr"`
	NoTrue   string          `xml:"noTrueChildStrategy,attr"`
	Norm     string          `xml:"normalizationMethod,attr"`
	Schema   []xMiningField  `xml:"MiningSchema>MiningField"`
	Output   []xOutputField  `xml:"Output>OutputField"`
	Local    []xDerivedField `xml:"LocalTransformations>DerivedField"`
	Node     *xNode          `xml:"Node"`
	Seg      *xSegmentation  `xml:"Segmentation"`
	Tables   []xTable        `xml:"RegressionTable"`
}

type xSegmentation struct {
	Method   string     `xml:"multipleModelMethod,attr"`
	Segments []xSegment `xml:"Segment"`
}

type xSegment struct {
	ID     string    `xml:"id,attr"`
	True   *struct{} `xml:"True"`
	Tree   *xModel   `xml:"TreeModel"`
	Mining *xModel   `xml:"MiningModel"`
	Reg    *xModel   `xml:"RegressionModel"`
}

func (s *xSegment) model() (*xModel, error) {
	switch {
	case s.Tree != nil:
		return s.Tree, nil
	case s.Mining != nil:
		return s.Mining, nil
	case s.Reg != nil:
		return s.Reg, nil
	}
	return nil, fmt.Errorf("segment %q holds no model the evaluator knows", s.ID)
}

type xNode struct {
	ID           string       `xml:"id,attr"`
	Score        *string      `xml:"score,attr"`
	DefaultChild string       `xml:"defaultChild,attr"`
	True         *struct{}    `xml:"True"`
	False        *struct{}    `xml:"False"`
	Simple       *xSimple     `xml:"SimplePredicate"`
	Dist         []xScoreDist `xml:"ScoreDistribution"`
	Nodes        []xNode      `xml:"Node"`
}

type xSimple struct {
	Field    string `xml:"field,attr"`
	Operator string `xml:"operator,attr"`
	Value    string `xml:"value,attr"`
	// value read as the field's type, kept after the first use
	parsed *xVal
}

type xScoreDist struct {
	Value       string   `xml:"value,attr"`
	RecordCount float64  `xml:"recordCount,attr"`
	Probability *float64 `xml:"probability,attr"`
}

type xTable struct {
	Intercept string       `xml:"intercept,attr"`
	Category  string       `xml:"targetCategory,attr"`
	Numeric   []xPredictor `xml:"NumericPredictor"`
	Categ     []struct{}   `xml:"CategoricalPredictor"`
	Terms     []struct{}   `xml:"PredictorTerm"`
}

type xPredictor struct {
	Name        string `xml:"name,attr"`
	Exponent    *int   `xml:"exponent,attr"`
	Coefficient string `xml:"coefficient,attr"`
}

// parseDoc reads a PMML document.
func parseDoc(b []byte) (*xDoc, error) {
	var d xDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	if d.XMLName.Space != "http://www.dmg.org/PMML-4_4" || d.Version != "4.4" {
		return nil, fmt.Errorf("not a PMML 4.4 document: namespace %q, version %q", d.XMLName.Space, d.Version)
	}
	return &d, nil
}

// top returns the document's model.
func (d *xDoc) top() (*xModel, error) {
	var found []*xModel
	for _, m := range []*xModel{d.Tree, d.Mining, d.Reg, d.NB} {
		if m != nil {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		return nil, fmt.Errorf("%d top-level models", len(found))
	}
	return found[0], nil
}
