package main

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// comparable reports whether both sides did the work: no error, no skip
// (a note starting with "skipped", as when a database is not configured)
// and a measured time.
func comparable(r row) bool {
	for _, x := range []result{r.ours, r.ref} {
		if x.err != nil || x.seconds <= 0 || strings.HasPrefix(x.note, "skipped") {
			return false
		}
	}
	return true
}

// speed says how the work times compare: the reference's time over ours
// ("2.50x faster") or the reverse when ours is slower; "" when the sides
// cannot be compared.
func speed(r row) string {
	if !comparable(r) {
		return ""
	}
	if r.ours.seconds > r.ref.seconds {
		return fmt.Sprintf("%.2fx SLOWER", r.ours.seconds/r.ref.seconds)
	}
	return fmt.Sprintf("%.2fx faster", r.ref.seconds/r.ours.seconds)
}

// memory is our whole process's peak over the reference's ("" if unknown).
func memory(r row) string {
	if !comparable(r) || r.ours.peakMB <= 0 || r.ref.peakMB <= 0 {
		return ""
	}
	return fmt.Sprintf("%.2fx", r.ours.peakMB/r.ref.peakMB)
}

// size is the file size of our side over the reference's ("0.48x, 5.4 /
// 11.1 MB"), "" when a side made no file.
func size(r row) string {
	if !comparable(r) || r.ours.bytes <= 0 || r.ref.bytes <= 0 {
		return ""
	}
	return fmt.Sprintf("%.2fx (%.1f / %.1f MB)", float64(r.ours.bytes)/float64(r.ref.bytes), float64(r.ours.bytes)/1e6, float64(r.ref.bytes)/1e6)
}

func printRow(r row) {
	side := func(x result) string {
		switch {
		case x.err != nil:
			return "error: " + x.err.Error()
		case x.seconds == 0 && x.peakMB == 0:
			return "-"
		}
		return fmt.Sprintf("%8.3f s work (setup %6.2f s) %6.0f MB peak  %s", x.seconds, x.setup, x.peakMB, x.note)
	}
	ratio := "-"
	if s := speed(r); s != "" {
		ratio = fmt.Sprintf("work %s, peak memory %s", s, memory(r))
		if sz := size(r); sz != "" {
			ratio += ", file size " + sz
		}
	}
	fmt.Printf("%-26s modelbench %s\n%-26s reference  %s\n%-26s ratio      %s\n", r.task, side(r.ours), "", side(r.ref), "", ratio)
}

func printSummary(rows []row, took time.Duration) {
	var slower []string
	for _, r := range rows {
		if strings.HasSuffix(speed(r), "SLOWER") {
			slower = append(slower, r.task)
		}
	}
	if len(slower) > 0 {
		fmt.Println("slower than the reference:", strings.Join(slower, ", "))
	}
	fmt.Printf("%d tasks in %.0f s\n", len(rows), took.Seconds())
}

// writeMarkdown writes the results as a Markdown table.
func writeMarkdown(path, head string, rows []row) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", head)
	b.WriteString("| task | load | modelbench work (s) | reference work (s) | speed | peak memory MB (ours / ref) | memory ratio | modelbench note | reference note |\n")
	b.WriteString("|---|---|--:|--:|---|--:|--:|---|---|\n")
	cell := func(x result) (string, string) {
		if x.err != nil {
			return "error", "error: " + x.err.Error()
		}
		return fmt.Sprintf("%.3f", x.seconds), x.note
	}
	for _, r := range rows {
		ourTime, ourNote := cell(r.ours)
		refTime, refNote := cell(r.ref)
		sp := speed(r)
		if sz := size(r); sz != "" {
			sp += "; file " + sz
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.0f / %.0f | %s | %s | %s |\n", r.task, r.load, ourTime, refTime, sp,
			r.ours.peakMB, r.ref.peakMB, memory(r), escape(ourNote), escape(refNote))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
