// Package source owns the ways a table gets into (and out of) Modelbench
// besides delimited text: Excel workbooks, JSON and newline-delimited JSON,
// Parquet, Weka's ARFF, SQLite database files and PostgreSQL servers. Every
// source is described by one JSON-serialisable Spec; Load reads the whole
// table, Preview its first rows, Detect chooses the kind from a path or URL,
// Sheets and Tables list what the Data dialog offers. CSV, TSV and their
// gzip forms are passed on to data.LoadCSV. Export writes a Frame as CSV,
// Parquet or Excel, keeping the column types.
//
// Typed columns are built with the shared inference of package data:
// cells that arrive as text go through data.BuildColumn, so a column gets
// the same kind, label, role and reason whatever file it came from; columns
// whose type the format declares (Parquet, ARFF, database columns) are built
// directly and explained by that declaration.
//
// Secrets: the password of a database connection lives only in
// Conn.Password, whose type never prints or serialises its value; it is
// not written to a Spec's JSON, and errors coming back from the server are
// scrubbed of it before they are returned.
//
// Error contract: problems with the user's input are returned as errors
// that name the file (or the connection without its password) and, where
// they apply, the line or row and the column, mostly as *data.ParseError
// wrapped with %w. Cancelling the context stops a load promptly with
// ctx.Err(); for PostgreSQL it also cancels the query on the server. A
// format library that panics on a damaged file is stopped and reported as
// ErrDamaged naming the file. Panics are kept for broken internal
// invariants.
//
// Concurrency: the package holds no mutable global state; every function
// may be called from any goroutine, and concurrently with itself. Progress
// is reported on the calling goroutine.
package source
