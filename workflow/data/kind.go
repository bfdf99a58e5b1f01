package data

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Kind is how a column's values are stored and what operations make sense
// on them. The zero value is Numeric.
type Kind int

// The storage kinds of a column.
const (
	Numeric     Kind = iota // float64 values with a missing mask
	Categorical             // dictionary codes into a list of levels
	Boolean                 // true/false with a missing mask
	Datetime                // instants (UTC nanoseconds) with a missing mask
	Text                    // free text with a missing mask
)

var kindNames = [...]string{"numeric", "categorical", "boolean", "datetime", "text"}

// Kinds lists every kind in a stable order, for menus.
func Kinds() []Kind { return []Kind{Numeric, Categorical, Boolean, Datetime, Text} }

// String returns the lower-case name used in files and on the command line.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseKind reads a kind name as written by String (case-insensitive).
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown column type %q (want one of %s)", s, strings.Join(kindNames[:], ", "))
}

// MarshalJSON writes the kind as its name.
func (k Kind) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// UnmarshalJSON reads a kind name.
func (k *Kind) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseKind(s)
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Role says what a column is for in modelling. The zero value is Feature.
type Role int

// The roles a column can play.
const (
	Feature    Role = iota // an input to the model
	Target                 // the value the model learns to predict
	Identifier             // names a row; never an input
	Ignored                // left out of modelling
)

var roleNames = [...]string{"feature", "target", "identifier", "ignored"}

// Roles lists every role in a stable order, for menus.
func Roles() []Role { return []Role{Feature, Target, Identifier, Ignored} }

// String returns the lower-case name used in files and on the command line.
func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return fmt.Sprintf("role(%d)", int(r))
	}
	return roleNames[r]
}

// ParseRole reads a role name as written by String (case-insensitive); "id"
// is accepted for Identifier.
func ParseRole(s string) (Role, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "id") {
		return Identifier, nil
	}
	for i, n := range roleNames {
		if strings.EqualFold(s, n) {
			return Role(i), nil
		}
	}
	return 0, fmt.Errorf("unknown column role %q (want one of %s)", s, strings.Join(roleNames[:], ", "))
}

// MarshalJSON writes the role as its name.
func (r Role) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// UnmarshalJSON reads a role name.
func (r *Role) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseRole(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}
