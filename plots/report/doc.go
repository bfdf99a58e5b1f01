// Package report writes Modelbench's reports — the exploration report and
// the evaluation report — as one self-contained HTML file (figures
// embedded as PNG data) and as Markdown with PNG files beside it. A report
// is built as a Doc of sections (paragraphs, tables, figures) and written
// by WriteHTML or WriteMarkdown, so both forms always say the same.
//
// Errors come from rendering figures or writing files and name the file.
// Docs are plain values; build one per goroutine.
package report
