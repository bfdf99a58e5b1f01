// Package logfile keeps Modelbench's local log: errors shown to the user,
// panics recovered by the task runner and crashes of the window, written
// to a size-capped file in the user's cache folder that rotates through a
// few generations (modelbench.log, modelbench.log.1, ...). Nothing is sent
// anywhere: there is no telemetry and no network call.
//
// A nil *Log, or one whose folder could not be created, drops what it is
// given, so callers never check. Its methods are safe for concurrent use.
package logfile
