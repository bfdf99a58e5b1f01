package data

import (
	"fmt"
	"strings"
)

// Field describes one column of a loaded table: its kind, its inferred
// meaning, its role in modelling, and the reasons for each, which the user
// may override.
type Field struct {
	Name       string `json:"name"`
	Kind       Kind   `json:"type"`
	Label      string `json:"label"`
	Role       Role   `json:"role"`
	TypeReason string `json:"type_reason,omitempty"`
	RoleReason string `json:"role_reason,omitempty"`
	// UserKind and UserRole record that the user chose the kind or role,
	// so re-inference never undoes their choice.
	UserKind bool `json:"user_type,omitempty"`
	UserRole bool `json:"user_role,omitempty"`
}

// Schema is the ordered list of a table's fields. The zero Schema has none.
type Schema struct {
	Fields []Field `json:"fields"`
}

// Field returns the field with the given name.
func (s Schema) Field(name string) (Field, bool) {
	for _, f := range s.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Target returns the name of the target column, if one is set.
func (s Schema) Target() (string, bool) {
	for _, f := range s.Fields {
		if f.Role == Target {
			return f.Name, true
		}
	}
	return "", false
}

// Features returns the names of the feature columns in order.
func (s Schema) Features() []string {
	var out []string
	for _, f := range s.Fields {
		if f.Role == Feature {
			out = append(out, f.Name)
		}
	}
	return out
}

// WithRole returns a copy of s where column name has role r, chosen by the
// user. Setting a new target turns the previous target into a feature.
func (s Schema) WithRole(name string, r Role) (Schema, error) {
	out := Schema{Fields: append([]Field(nil), s.Fields...)}
	found := false
	for i := range out.Fields {
		f := &out.Fields[i]
		if f.Name == name {
			f.Role, f.UserRole, f.RoleReason = r, true, "chosen by the user"
			found = true
		} else if r == Target && f.Role == Target {
			f.Role, f.RoleReason = Feature, fmt.Sprintf("was the target until %q was chosen", name)
		}
	}
	if !found {
		return s, fmt.Errorf("no column named %q", name)
	}
	return out, nil
}

// targetNames are header words that usually name what is to be predicted.
var targetNames = []string{"target_name", "target", "class", "label", "outcome", "survived",
	"species", "diagnosis", "churn", "default", "price", "result", "response", "quality", "income", "y"}

// InferSchema builds a Schema from a Frame and the inferences made while
// loading it (inf may be nil, then kinds come from the columns). Identifier
// columns get the Identifier role; the target is the first column whose
// name is a usual target word, else the last column that is neither an
// identifier nor free text.
func InferSchema(f *Frame, inf []Inference) Schema {
	s := Schema{Fields: make([]Field, f.NumCols())}
	for i := 0; i < f.NumCols(); i++ {
		c := f.Col(i)
		fl := Field{Name: c.Name(), Kind: c.Kind(), Label: c.Kind().String(), Role: Feature,
			RoleReason: "used as an input to the model"}
		if inf != nil {
			fl.Label, fl.TypeReason = inf[i].Label, inf[i].Reason
		}
		switch fl.Label {
		case LabelIdentifier:
			fl.Role, fl.RoleReason = Identifier, "it names rows, so a model would only memorise it"
		case LabelEmpty:
			fl.Role, fl.RoleReason = Ignored, "it has no values"
		case LabelText:
			fl.Role, fl.RoleReason = Ignored, "free text needs its own preparation before a model can use it"
		}
		s.Fields[i] = fl
	}
	if t := guessTarget(s); t >= 0 {
		s.Fields[t].Role = Target
		s.Fields[t].RoleReason = targetReason(s.Fields[t].Name, t == lastUsable(s))
	}
	return s
}

func guessTarget(s Schema) int {
	for _, word := range targetNames {
		for i, f := range s.Fields {
			if f.Role == Feature && strings.EqualFold(strings.TrimSpace(f.Name), word) {
				return i
			}
		}
	}
	return lastUsable(s)
}

func lastUsable(s Schema) int {
	for i := len(s.Fields) - 1; i >= 0; i-- {
		if s.Fields[i].Role == Feature && s.Fields[i].Kind != Datetime {
			return i
		}
	}
	return -1
}

func targetReason(name string, last bool) string {
	for _, w := range targetNames {
		if strings.EqualFold(strings.TrimSpace(name), w) {
			return fmt.Sprintf("the name %q usually means the value to predict", name)
		}
	}
	if last {
		return "the last usable column is often the value to predict; change it if not"
	}
	return "guessed as the value to predict"
}

// Issue is a non-fatal finding (a warning or a note) that the UI shows and
// reports keep.
type Issue struct {
	Level string `json:"level"` // "info", "warning"
	Text  string `json:"text"`
}
