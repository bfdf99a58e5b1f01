"""What every reference script of mbbench shares: run a task's untimed
setup, then time its work, and print the JSON line the Go harness reads.

Usage of a script: python3 ref_AREA.py TASK FILE. Each script maps a task
name to (setup, run): setup(path) reads the file (and, where the task says
so, fits the model whose predictions are timed) and returns what run needs;
run(state) does the timed work and returns a note (a score, a count) that
is printed beside the time, or a (note, bytes) pair when the task made a
file whose size is compared. The line is {"setup_seconds", "seconds",
"note"} (and "bytes"), as the Go worker prints.
"""
import json
import sys
import time


def main(tasks):
    task, path = sys.argv[1], sys.argv[2]
    setup, run = tasks[task]
    start = time.perf_counter()
    state = setup(path)
    setup_seconds = time.perf_counter() - start
    start = time.perf_counter()
    note = run(state)
    seconds = time.perf_counter() - start
    line = {"setup_seconds": setup_seconds, "seconds": seconds, "note": note}
    if isinstance(note, tuple):
        line["note"], line["bytes"] = note
    print(json.dumps(line))


def identity(path):
    """A setup that hands the path itself to run (reading is the work)."""
    return path
