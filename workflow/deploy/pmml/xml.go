package pmml

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// Namespace is the XML namespace of PMML 4.4 documents, as the 4.4 schema
// published in 2019 declares it (and as PMML producers and evaluators
// write and expect it).
const Namespace = "http://www.dmg.org/PMML-4_4"

// elem is one element of the document being written: a name, attributes
// in the order they were set, children and text. It is the exporter's own
// small tree; encoding/xml escapes names and values when it is written.
type elem struct {
	name  string
	attrs []xml.Attr
	kids  []*elem
	text  string
}

// el makes an element with attributes given as name, value pairs; a pair
// whose value is "" is left out (PMML's optional attributes).
func el(name string, kv ...string) *elem {
	e := &elem{name: name}
	for i := 0; i+1 < len(kv); i += 2 {
		e.set(kv[i], kv[i+1])
	}
	return e
}

// set adds an attribute unless value is "".
func (e *elem) set(name, value string) *elem {
	if value != "" {
		e.attrs = append(e.attrs, xml.Attr{Name: xml.Name{Local: name}, Value: value})
	}
	return e
}

// add appends children (nil ones are skipped) and returns e.
func (e *elem) add(kids ...*elem) *elem {
	for _, k := range kids {
		if k != nil {
			e.kids = append(e.kids, k)
		}
	}
	return e
}

// withText sets the element's character data.
func (e *elem) withText(s string) *elem {
	e.text = s
	return e
}

// attr returns the value of the named attribute, "" when absent.
func (e *elem) attr(name string) string {
	for _, a := range e.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// maxIndent caps the indentation: deep trees stay one element a line
// without their nodes' indentation growing the document.
const maxIndent = 12

// write appends e and its subtree as XML, one element a line, indented
// by depth (at most maxIndent spaces); names are the exporter's own and
// values are escaped.
func (e *elem) write(buf *bytes.Buffer, depth int) {
	buf.WriteByte('\n')
	for i := 0; i < min(depth, maxIndent); i++ {
		buf.WriteByte(' ')
	}
	buf.WriteByte('<')
	buf.WriteString(e.name)
	for _, a := range e.attrs {
		buf.WriteByte(' ')
		buf.WriteString(a.Name.Local)
		buf.WriteString(`="`)
		_ = xml.EscapeText(buf, []byte(a.Value)) // a bytes.Buffer does not fail
		buf.WriteByte('"')
	}
	if e.text == "" && len(e.kids) == 0 {
		buf.WriteString("/>")
		return
	}
	buf.WriteByte('>')
	_ = xml.EscapeText(buf, []byte(e.text))
	for _, k := range e.kids {
		k.write(buf, depth+1)
	}
	if len(e.kids) > 0 {
		buf.WriteByte('\n')
		for i := 0; i < min(depth, maxIndent); i++ {
			buf.WriteByte(' ')
		}
	}
	buf.WriteString("</")
	buf.WriteString(e.name)
	buf.WriteByte('>')
}

// document serialises the root element with an XML declaration.
func document(root *elem) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(strings.TrimSuffix(xml.Header, "\n"))
	root.write(&buf, 0)
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// num formats a float64 in the lexical form of XML Schema's xs:double,
// which PMML's NUMBER and REAL-NUMBER use: the shortest decimal that
// reads back to the same float64 ("0.1", "1e+21"), and INF, -INF and NaN.
func num(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "INF"
	case math.IsInf(v, -1):
		return "-INF"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Expression helpers: the PMML EXPRESSION group.

func fieldRef(name string) *elem { return el("FieldRef", "field", name) }

func constant(v float64) *elem { return el("Constant", "dataType", "double").withText(num(v)) }

func constantText(s string) *elem { return el("Constant", "dataType", "string").withText(s) }

// missingConstant is PMML 4.4's missing value as an expression.
func missingConstant(dataType string) *elem {
	return el("Constant", "dataType", dataType, "missing", "true")
}

func apply(function string, args ...*elem) *elem {
	return el("Apply", "function", function).add(args...)
}

// ifElse is PMML's if(cond, then, else).
func ifElse(cond, then, otherwise *elem) *elem { return apply("if", cond, then, otherwise) }

// unlessMissing returns expr for a present value of field and a missing
// value otherwise, stated explicitly rather than left to how a function
// treats missing arguments.
func unlessMissing(field, dataType string, expr *elem) *elem {
	return ifElse(apply("isMissing", fieldRef(field)), missingConstant(dataType), expr)
}

// mapMissing is the mapMissingTo attribute, written even for an empty
// value.
func mapMissing(v string) xml.Attr { return xml.Attr{Name: xml.Name{Local: "mapMissingTo"}, Value: v} }

// inlineTable is an InlineTable of key/value rows.
func inlineTable(keys, values []string) *elem {
	t := el("InlineTable")
	for i, k := range keys {
		t.add(el("row").add(el("key").withText(k), el("value").withText(values[i])))
	}
	return t
}

// isIn is isIn(field, values...) over string constants.
func isIn(field string, values []string) *elem {
	e := apply("isIn", fieldRef(field))
	for _, v := range values {
		e.add(constantText(v))
	}
	return e
}

type xmlAttr = xml.Attr

func xmlName(local string) xml.Name { return xml.Name{Local: local} }
