package serve

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"strings"
)

// EnvAPIKeys is the environment variable that may hold API keys,
// comma-separated.
const EnvAPIKeys = "MODELBENCH_API_KEYS"

// MinKeyLength is the shortest API key accepted.
const MinKeyLength = 16

// ReadAPIKeys reads an API-key file: one key per line; blank lines and
// lines starting with # are ignored, spaces around a key are trimmed. A
// key shorter than MinKeyLength or holding spaces is an error naming its
// line (never the key).
func ReadAPIKeys(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("the API-key file: %w", err)
	}
	defer f.Close()
	var keys []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		k := strings.TrimSpace(sc.Text())
		if k == "" || strings.HasPrefix(k, "#") {
			continue
		}
		if err := checkKey(k); err != nil {
			return nil, fmt.Errorf("%s, line %d: %w", path, line, err)
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return keys, nil
}

// SplitAPIKeys reads keys from a comma-separated list (the form of
// MODELBENCH_API_KEYS); empty items are ignored.
func SplitAPIKeys(list string) ([]string, error) {
	var keys []string
	for i, k := range strings.Split(list, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if err := checkKey(k); err != nil {
			return nil, fmt.Errorf("%s, item %d: %w", EnvAPIKeys, i+1, err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func checkKey(k string) error {
	if len(k) < MinKeyLength {
		return fmt.Errorf("an API key of %d characters is too short (at least %d)", len(k), MinKeyLength)
	}
	if strings.ContainsAny(k, " \t") {
		return fmt.Errorf("an API key holds a space")
	}
	return nil
}

// keyring checks request credentials against the keys' SHA-256 digests.
// Every digest is compared, in constant time, whatever matches first, so
// timing tells nothing about the keys.
type keyring struct {
	digests [][32]byte
}

func newKeyring(keys []string) *keyring {
	k := &keyring{}
	for _, key := range keys {
		k.digests = append(k.digests, sha256.Sum256([]byte(key)))
	}
	return k
}

func (k *keyring) empty() bool { return len(k.digests) == 0 }

// allows reports whether r carries one of the keys: "Authorization:
// Bearer KEY", or Basic credentials whose password is a key (so that a
// browser can open the dashboard).
func (k *keyring) allows(r *http.Request) bool {
	token, ok := credential(r.Header.Get("Authorization"))
	if !ok {
		return false
	}
	d := sha256.Sum256([]byte(token))
	match := 0
	for i := range k.digests {
		match |= subtle.ConstantTimeCompare(d[:], k.digests[i][:])
	}
	return match == 1
}

func credential(h string) (string, bool) {
	scheme, rest, ok := strings.Cut(h, " ")
	if !ok {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(scheme) {
	case "bearer":
		return rest, rest != ""
	case "basic":
		raw, err := base64.StdEncoding.DecodeString(rest)
		if err != nil {
			return "", false
		}
		_, pass, ok := strings.Cut(string(raw), ":")
		return pass, ok && pass != ""
	}
	return "", false
}
