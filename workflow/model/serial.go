package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
)

// Marshaler is a fitted Model that can be saved. ModelType names the
// decoder registered with RegisterDecoder; ModelVersion is the version of
// the JSON layout MarshalJSON writes, passed back to the decoder so that old
// files stay readable after a layout change. MarshalJSON must return
// compact JSON (as json.Marshal writes it): Marshal embeds it as it is.
type Marshaler interface {
	ModelType() string
	ModelVersion() int
	json.Marshaler
}

// ReadableMarshaler is a Marshaler whose default form is made for size
// (packed binary arrays, say) and that can also write a form made for
// people to read, of the same ModelVersion, which its decoder reads back to
// the same model. MarshalReadableJSON must return compact JSON too.
type ReadableMarshaler interface {
	Marshaler
	MarshalReadableJSON() ([]byte, error)
}

// Sizer is a fitted model that can tell the length in bytes of what
// Marshal writes for it without writing it, so that cross-validation can
// show a model's size cheaply. Each implementation documents whether the
// number is exact or an estimate (and how close).
type Sizer interface {
	SavedSize() int
}

// Errors of the serialised form.
var (
	ErrNotSaveable      = errors.New("this model cannot be saved")
	ErrUnknownModelType = errors.New("no decoder is registered for this model type")
	ErrBadModelFile     = errors.New("the model file is damaged or not a model")
)

// envelope is the versioned form of a saved model without its body, the
// "model" member.
type envelope struct {
	Type    string `json:"type"`
	Version int    `json:"version"`
}

var decoders = struct {
	sync.RWMutex
	m map[string]func(version int, raw json.RawMessage) (Model, error)
}{m: map[string]func(int, json.RawMessage) (Model, error){}}

// RegisterDecoder makes Unmarshal able to read models of type typ. It is
// meant to be called from init functions and panics on an empty or
// duplicate type or a nil decode (programming errors). decode must validate
// what it reads (lengths, ranges) and return an error, never panic, on
// damaged input.
func RegisterDecoder(typ string, decode func(version int, raw json.RawMessage) (Model, error)) {
	if typ == "" || decode == nil {
		panic("model: incomplete decoder registration")
	}
	decoders.Lock()
	defer decoders.Unlock()
	if _, dup := decoders.m[typ]; dup {
		panic("model: decoder registered twice: " + typ)
	}
	decoders.m[typ] = decode
}

// Marshal writes a fitted model as {"type": ..., "version": N, "model":
// {...}}, the body being MarshalJSON's output. It returns ErrNotSaveable
// when m does not implement Marshaler. Unmarshal of the result predicts
// bit-identically to m.
func Marshal(m Model) ([]byte, error) {
	mm, ok := m.(Marshaler)
	if !ok {
		return nil, fmt.Errorf("%w: %T", ErrNotSaveable, m)
	}
	return wrap(mm, mm.MarshalJSON)
}

// MarshalReadable is Marshal with the body in the form made for reading
// when m is a ReadableMarshaler (else it is Marshal). Unmarshal reads it
// back to the same model.
func MarshalReadable(m Model) ([]byte, error) {
	if rm, ok := m.(ReadableMarshaler); ok {
		return wrap(rm, rm.MarshalReadableJSON)
	}
	return Marshal(m)
}

// wrap puts the body that body returns into mm's envelope.
func wrap(mm Marshaler, body func() ([]byte, error)) ([]byte, error) {
	raw, err := body()
	if err != nil {
		return nil, fmt.Errorf("saving %s model: %w", mm.ModelType(), err)
	}
	head := envelopeHead(mm)
	out := make([]byte, 0, len(head)+len(raw)+1)
	return append(append(append(out, head...), raw...), '}'), nil
}

// envelopeHead is what Marshal writes before the body.
func envelopeHead(mm Marshaler) []byte {
	typ, _ := json.Marshal(mm.ModelType()) // a string always marshals
	return fmt.Appendf(nil, `{"type":%s,"version":%d,"model":`, typ, mm.ModelVersion())
}

// EnvelopeSize returns the length of what Marshal writes for mm when
// MarshalJSON writes body bytes; Sizer implementations add it to the
// length of their body.
func EnvelopeSize(mm Marshaler, body int) int { return len(envelopeHead(mm)) + body + 1 }

// SavedSize returns the length of what Marshal writes for m: SavedSize
// when m is a Sizer, else the length of Marshal's output. It returns
// ErrNotSaveable (wrapped) for a model that cannot be saved.
func SavedSize(m Model) (int, error) {
	if s, ok := m.(Sizer); ok {
		if _, ok := m.(Marshaler); ok {
			return s.SavedSize(), nil
		}
	}
	b, err := Marshal(m)
	return len(b), err
}

// Unmarshal reads a model written by Marshal or MarshalReadable. It
// returns an error wrapping ErrBadModelFile for text that is not a model
// envelope and ErrUnknownModelType when no decoder is registered for its
// type (import modelbench/workflow/model/learners to register all of
// them). The body is cut out with SplitMember, so a large body is not
// scanned before its decoder reads it.
func Unmarshal(b []byte) (Model, error) {
	rest, body, err := SplitMember(b, "model")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModelFile, err)
	}
	var env envelope
	if err := json.Unmarshal(rest, &env); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModelFile, err)
	}
	if env.Type == "" || len(body) == 0 {
		return nil, fmt.Errorf("%w: no model type or body", ErrBadModelFile)
	}
	decoders.RLock()
	decode, ok := decoders.m[env.Type]
	decoders.RUnlock()
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownModelType, env.Type)
	}
	m, err := decode(env.Version, body)
	if err != nil {
		return nil, fmt.Errorf("reading %s model (version %d): %w", env.Type, env.Version, err)
	}
	return m, nil
}

// Floats is a []float64 whose JSON form keeps NaN and infinities: finite
// values are written as numbers (encoding/json round-trips them exactly),
// the others as the strings "NaN", "+Inf" and "-Inf". A nil Floats is
// written as null.
type Floats []float64

// MarshalJSON writes the values as a JSON array.
func (f Floats) MarshalJSON() ([]byte, error) {
	if f == nil {
		return []byte("null"), nil
	}
	buf := make([]byte, 0, 2+len(f)*20)
	buf = append(buf, '[')
	for i, v := range f {
		if i > 0 {
			buf = append(buf, ',')
		}
		switch {
		case math.IsNaN(v):
			buf = append(buf, `"NaN"`...)
		case math.IsInf(v, 1):
			buf = append(buf, `"+Inf"`...)
		case math.IsInf(v, -1):
			buf = append(buf, `"-Inf"`...)
		default:
			b, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			buf = append(buf, b...)
		}
	}
	return append(buf, ']'), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *Floats) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw == nil {
		*f = nil
		return nil
	}
	out := make([]float64, len(raw))
	for i, r := range raw {
		if len(r) > 0 && r[0] == '"' {
			var s string
			if err := json.Unmarshal(r, &s); err != nil {
				return err
			}
			switch s {
			case "NaN":
				out[i] = math.NaN()
			case "+Inf":
				out[i] = math.Inf(1)
			case "-Inf":
				out[i] = math.Inf(-1)
			default:
				return fmt.Errorf("value %d: %q is not NaN, +Inf or -Inf", i, s)
			}
			continue
		}
		if err := json.Unmarshal(r, &out[i]); err != nil {
			return fmt.Errorf("value %d: %w", i, err)
		}
	}
	*f = out
	return nil
}
