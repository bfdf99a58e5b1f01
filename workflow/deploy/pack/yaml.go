package pack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// The package's YAML files (openapi.yaml, the Kubernetes manifests) are
// written from trees of these values by a small emitter, so that the
// exporter needs no YAML library: a mapping keeps its keys in the order
// given; values are mappings, []any, strings, booleans, integers, float64
// and nil. Strings are written plain only when every YAML 1.1 and 1.2
// reader reads them back as the same string; otherwise they are
// double-quoted with JSON's escapes (a subset of YAML's) or, when they
// span lines, written as a literal block.

// mapping is a YAML mapping with ordered keys.
type mapping []pair

type pair struct {
	key string
	val any
}

// m builds a mapping from alternating keys and values; a nil value is
// left out (use null{} for an explicit null).
func m(kv ...any) mapping {
	if len(kv)%2 != 0 {
		panic("pack: m needs keys and values in pairs")
	}
	out := make(mapping, 0, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			panic(fmt.Sprintf("pack: mapping key %v is not a string", kv[i]))
		}
		if kv[i+1] == nil {
			continue
		}
		out = append(out, pair{k, kv[i+1]})
	}
	return out
}

// null is an explicit YAML null.
type null struct{}

// set adds or replaces key.
func (mp *mapping) set(key string, v any) {
	for i := range *mp {
		if (*mp)[i].key == key {
			(*mp)[i].val = v
			return
		}
	}
	*mp = append(*mp, pair{key, v})
}

// MarshalJSON writes the mapping as a JSON object in its order (for
// tests that compare with a YAML reader, and for JSON forms).
func (mp mapping) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range mp {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(jsonValue(p.val))
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func jsonValue(v any) any {
	if _, ok := v.(null); ok {
		return nil
	}
	if l, ok := v.([]any); ok {
		out := make([]any, len(l))
		for i := range l {
			out[i] = jsonValue(l[i])
		}
		return out
	}
	return v
}

// encodeYAML writes v as a YAML document.
func encodeYAML(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := emit(&b, v, 0, false); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// emit writes v at the given indentation. inline says the cursor is after
// "key:" or "- " on the current line.
func emit(b *bytes.Buffer, v any, indent int, inline bool) error {
	pad := strings.Repeat(" ", indent)
	switch x := v.(type) {
	case mapping:
		if len(x) == 0 {
			b.WriteString(sep(inline) + "{}\n")
			return nil
		}
		if inline {
			b.WriteByte('\n')
		}
		for _, p := range x {
			b.WriteString(pad + scalarKey(p.key) + ":")
			if err := emit(b, p.val, indent+2, true); err != nil {
				return fmt.Errorf("%s: %w", p.key, err)
			}
		}
		return nil
	case []any:
		if len(x) == 0 {
			b.WriteString(sep(inline) + "[]\n")
			return nil
		}
		if inline {
			b.WriteByte('\n')
		}
		for _, item := range x {
			b.WriteString(pad + "-")
			if err := emitItem(b, item, indent); err != nil {
				return err
			}
		}
		return nil
	case []string:
		l := make([]any, len(x))
		for i := range x {
			l[i] = x[i]
		}
		return emit(b, l, indent, inline)
	}
	s, err := scalar(v, indent)
	if err != nil {
		return err
	}
	b.WriteString(sep(inline) + s + "\n")
	return nil
}

// emitItem writes a sequence item after its "-": a mapping starts on the
// dash's line, its other keys aligned under the first.
func emitItem(b *bytes.Buffer, item any, indent int) error {
	mp, ok := item.(mapping)
	if !ok || len(mp) == 0 {
		return emit(b, item, indent+2, true)
	}
	b.WriteByte(' ')
	inner := strings.Repeat(" ", indent+2)
	for i, p := range mp {
		if i > 0 {
			b.WriteString(inner)
		}
		b.WriteString(scalarKey(p.key) + ":")
		if err := emit(b, p.val, indent+4, true); err != nil {
			return fmt.Errorf("%s: %w", p.key, err)
		}
	}
	return nil
}

func sep(inline bool) string {
	if inline {
		return " "
	}
	return ""
}

// plainRE matches strings that can be written without quotes: they start
// with a letter, /, _ or $ and hold no character YAML gives a meaning.
var plainRE = regexp.MustCompile(`^[A-Za-z_/$][A-Za-z0-9_./$+-]*$`)

// reserved are plain words some YAML reader reads as something else than
// a string (YAML 1.1 booleans and nulls among them).
var reserved = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"y": true, "n": true, "null": true, "nan": true, "inf": true}

func plain(s string) bool {
	l := strings.ToLower(strings.TrimLeft(s, "+-."))
	return plainRE.MatchString(s) && !reserved[strings.ToLower(s)] && !reserved[l]
}

func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func scalarKey(k string) string {
	if plain(k) {
		return k
	}
	return quote(k)
}

// scalar renders a scalar value.
func scalar(v any, indent int) (string, error) {
	switch x := v.(type) {
	case nil, null:
		return "null", nil
	case string:
		if plain(x) {
			return x, nil
		}
		if block, ok := literalBlock(x, indent); ok {
			return block, nil
		}
		return quote(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Errorf("the number %v has no JSON form", x)
		}
		return yamlFloat(x), nil
	}
	return "", fmt.Errorf("pack: no YAML form for %T", v)
}

// yamlFloat writes a number that YAML 1.1 and 1.2 both read as the same
// float64 (1.1 wants a dot before an exponent).
func yamlFloat(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if i := strings.IndexByte(s, 'e'); i >= 0 && !strings.Contains(s[:i], ".") {
		s = s[:i] + ".0" + s[i:]
	}
	return s
}

// literalBlock writes a multi-line string as "|-" or "|" followed by its
// lines, when its lines allow it (no leading space on the first, no
// trailing spaces, no control characters, no blank last lines).
func literalBlock(s string, indent int) (string, bool) {
	if !strings.Contains(s, "\n") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, "\n\n") {
		return "", false
	}
	chomp := "|-"
	body := s
	if strings.HasSuffix(s, "\n") {
		chomp, body = "|", strings.TrimSuffix(s, "\n")
	}
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	b.WriteString(chomp)
	for _, line := range strings.Split(body, "\n") {
		if strings.HasSuffix(line, " ") || strings.ContainsFunc(line, func(r rune) bool { return r < ' ' || r == 0x7f || r == 0xfeff || r == 0x2028 || r == 0x2029 }) {
			return "", false
		}
		b.WriteByte('\n')
		if line != "" {
			b.WriteString(pad + line)
		}
	}
	return b.String(), true
}
