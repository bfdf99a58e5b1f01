package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"modelbench/workflow/artifact"
)

// volatile are the keys of model.json that change when the very same model
// is fitted again: when and how fast it was fitted, and by which release.
var volatile = []string{"created", "fit_seconds", "app_version"}

// Fingerprint identifies a fitted model: the SHA-256 (hex) of its saved
// JSON (model.json) without the creation time, the fitting time and the
// app version. Refitting the same data with the same recorded settings and
// seed gives the same fingerprint; any change to the data's hash, split,
// preparation, parameters or fitted values gives another. A nil artifact
// is an error.
func Fingerprint(a *artifact.Artifact) (string, error) {
	if a == nil {
		return "", errors.New("fingerprint: no model")
	}
	b, err := json.Marshal(a)
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	for _, k := range volatile {
		delete(m, k)
	}
	canon, err := json.Marshal(m) // map keys are written sorted
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	sum := sha256.Sum256(canon)
	return hex.EncodeToString(sum[:]), nil
}
