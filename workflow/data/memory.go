package data

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// ErrTooLarge is wrapped by the error for a file whose decoded table would
// not fit in the memory allowed.
var ErrTooLarge = errors.New("the file is too large for the memory available")

// MemoryLimitEnv names the environment variable that overrides the memory
// a loaded table may take, in bytes (suffixes K, M, G allowed).
const MemoryLimitEnv = "MODELBENCH_MEMORY_LIMIT"

// checkMemory compares the estimated decoded size of rows rows with the
// limit: the option when set, else the environment variable, else the
// memory available. It passes when the limit cannot be known.
func checkMemory(file string, rows int, p *readPlan, limit int64) error {
	if limit < 0 || rows <= 0 {
		return nil
	}
	var perRow int64
	for _, m := range p.modes {
		if m == modeNumber {
			perRow += 8
		} else {
			perRow += 4
		}
	}
	need := int64(rows) * perRow
	if limit == 0 {
		limit = memoryLimit()
	}
	if limit <= 0 || need <= limit {
		return nil
	}
	return fmt.Errorf("%s: %w: about %d rows would take about %d MB once decoded, and only %d MB is available; read a preview with a row limit, or free memory (the limit can be set with %s)",
		file, ErrTooLarge, rows, need>>20, limit>>20, MemoryLimitEnv)
}

// memoryLimit returns the limit from the environment, or the available
// memory from /proc/meminfo, or 0 when neither is known.
func memoryLimit() int64 {
	if v := os.Getenv(MemoryLimitEnv); v != "" {
		if n, ok := parseByteSize(v); ok {
			return n
		}
	}
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemAvailable:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// parseByteSize reads "123", "64K", "512M" or "2G" (binary units).
func parseByteSize(s string) (int64, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	shift := 0
	switch {
	case strings.HasSuffix(s, "K"):
		shift = 10
	case strings.HasSuffix(s, "M"):
		shift = 20
	case strings.HasSuffix(s, "G"):
		shift = 30
	}
	if shift > 0 {
		s = s[:len(s)-1]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return n << shift, true
}
