package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// errNotObject is SplitMember's error for input that is not one JSON object.
var errNotObject = errors.New("not a JSON object")

// SplitMember cuts the member named key out of the JSON object b without
// decoding it: it returns the object's other members as a JSON object
// (rest, in their order) and key's value as it stands in b (nil when the
// object has no such member; the last one when it has several, as
// encoding/json keeps the last). Names are compared exactly, after
// unescaping.
//
// It exists for saved models whose bulk is one member (a packed base64
// string or a nested model): encoding/json scans every byte of its input
// once to check it and once more per nesting level, about 10–15 ns a byte
// here, which is most of the time of loading a large model; SplitMember
// skips a string with bytes.IndexByte. It checks only the object's outer
// structure (names, colons, commas, brackets, string ends): callers decode
// rest and value with encoding/json or with a checked decoder of their
// own, which see the rest of any damage. It never panics and runs in time
// linear in len(b).
func SplitMember(b []byte, key string) (rest []byte, value json.RawMessage, err error) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, nil, errNotObject
	}
	rest = append(make([]byte, 0, 256), '{')
	if i = skipSpace(b, i+1); i < len(b) && b[i] == '}' {
		return finish(b, i+1, append(rest, '}'), nil)
	}
	for first := true; ; {
		kEnd, err := skipString(b, i)
		if err != nil {
			return nil, nil, err
		}
		name := b[i:kEnd]
		if i = skipSpace(b, kEnd); i >= len(b) || b[i] != ':' {
			return nil, nil, errors.New("a JSON object member has no colon")
		}
		i = skipSpace(b, i+1)
		vEnd, err := skipValue(b, i)
		if err != nil {
			return nil, nil, err
		}
		if nameIs(name, key) {
			value = b[i:vEnd]
		} else {
			if !first {
				rest = append(rest, ',')
			}
			rest = append(append(append(rest, name...), ':'), b[i:vEnd]...)
			first = false
		}
		switch i = skipSpace(b, vEnd); {
		case i < len(b) && b[i] == ',':
			i = skipSpace(b, i+1)
		case i < len(b) && b[i] == '}':
			return finish(b, i+1, append(rest, '}'), value)
		default:
			return nil, nil, errors.New("a JSON object member is not followed by a comma or a closing brace")
		}
	}
}

// finish checks that only white space follows the object ending at i.
func finish(b []byte, i int, rest []byte, value json.RawMessage) ([]byte, json.RawMessage, error) {
	if skipSpace(b, i) != len(b) {
		return nil, nil, errors.New("text after the JSON object")
	}
	return rest, value, nil
}

// nameIs reports whether the JSON string name (quotes included) is key.
func nameIs(name []byte, key string) bool {
	if bytes.IndexByte(name, '\\') < 0 {
		return string(name[1:len(name)-1]) == key
	}
	var s string
	return json.Unmarshal(name, &s) == nil && s == key
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the JSON string starting at b[i].
func skipString(b []byte, i int) (int, error) {
	if i >= len(b) || b[i] != '"' {
		return 0, errors.New("a JSON string was expected")
	}
	for j := i + 1; ; j++ {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return 0, errors.New("a JSON string does not end")
		}
		j += k
		slashes := 0
		for p := j - 1; p > i && b[p] == '\\'; p-- {
			slashes++
		}
		if slashes%2 == 0 {
			return j + 1, nil
		}
	}
}

// skipValue returns the index after the JSON value starting at b[i]:
// a string, an object or array (brackets counted, strings skipped), or a
// literal (up to the next delimiter).
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errors.New("a JSON value was expected")
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); {
			switch b[j] {
			case '"':
				end, err := skipString(b, j)
				if err != nil {
					return 0, err
				}
				j = end
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1, nil
				}
			}
			j++
		}
		return 0, errors.New("a JSON object or array does not end")
	}
	j := i
	for j < len(b) && strings.IndexByte(",}] \t\r\n", b[j]) < 0 {
		j++
	}
	if j == i {
		return 0, errors.New("a JSON value was expected")
	}
	return j, nil
}
