// Package predlog is the scoring service's prediction log: every scored
// row (its raw inputs as JSON, the prediction, the class probabilities,
// the latency, the time and the model version) and the true outcomes that
// arrive later as feedback, kept in an embedded SQLite file or in a
// PostgreSQL table that several replicas share. The scoring service
// writes it; the desktop's Monitor screen and `modelbench monitor` read it
// (Open or OpenReader, then Records or Scan) as monitor.Record values, so
// that all of them summarise the same rows with the monitor package;
// Versions counts what a query selects per model version without reading
// the rows.
//
// # Writing
//
// Add and AddFeedback never touch the database: they put the entries on a
// bounded queue and return. One writer goroutine takes up to
// Options.MaxBatch entries at a time and commits each batch in one
// transaction, as soon as a batch is full or Options.FlushInterval after
// the first entry of a batch arrived. The queue counts every entry that is
// not yet committed (queued or being written), never more than
// Options.QueueSize. When it is full, Add waits for room (backpressure)
// until its context ends and then returns an error wrapping ErrFull; no
// entry is ever dropped silently. Stats counts the waits.
//
// Durability: Close (the service calls it on SIGTERM) commits everything
// queued before it returns, so no acknowledged prediction is lost on a
// clean shutdown. A crash or kill -9 loses what was not yet committed: at
// most Options.QueueSize entries, normally the entries of the last
// FlushInterval. SQLite runs in WAL mode with synchronous=NORMAL: a
// committed batch survives the process being killed (a power cut may lose
// the last batches).
//
// Retention: the writer deletes rows older than Options.MaxAge and the
// oldest rows beyond Options.MaxRows, after each commit at most once a
// minute (and at Open).
//
// # Errors and concurrency
//
// Open and OpenReader name the log and what is wrong with it (an unknown
// scheme, a file that is not a Modelbench log, an unreachable server). A
// failed commit is retried with backoff while the entries stay queued;
// Stats reports the failures and Ping the last one. A Log is safe for
// concurrent use by any number of goroutines.
package predlog
