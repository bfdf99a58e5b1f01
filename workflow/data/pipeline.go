package data

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"sync"
)

// chunkSize is the input read per chunk: big enough to amortise the
// hand-offs, small enough that the chunks in flight cost little memory.
const chunkSize = 1 << 20

// pipeline reads records from src in chunks, parses them on every core and
// hands the pieces back in input order.
//
// One goroutine cuts the input at record boundaries, GOMAXPROCS workers
// parse chunks, and the calling goroutine merges pieces in order (so the
// progress callback runs on the caller's goroutine). A free list bounds
// the chunks in flight and recycles their buffers.
type pipeline struct {
	plan    *readPlan
	src     io.Reader
	pos     func() int64 // input bytes consumed so far
	line    int          // line of the first record
	workers int
	// chunkSize is the input read per chunk (a record may make it longer).
	chunkSize int
}

// run calls merge for every piece in input order until the input ends,
// merge returns false, ctx is cancelled or a piece carries an error.
func (pl *pipeline) run(ctx context.Context, merge func(*piece) bool) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	workers := pl.workers
	if workers < 1 {
		workers = max(1, runtime.GOMAXPROCS(0))
	}
	inFlight := workers*2 + 1
	free := make(chan []byte, inFlight)
	for i := 0; i < inFlight; i++ {
		free <- nil
	}
	chunks := make(chan *chunk, inFlight)
	pieces := make(chan *piece, inFlight)
	spare := make(chan *piece, inFlight+workers)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); pl.cut(ctx, free, chunks) }()
	var wwg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			cp := newChunkParser(pl.plan)
			for c := range chunks {
				if ctx.Err() != nil {
					pieces <- &piece{seq: c.seq, err: ctx.Err(), chunkBuf: c.buf}
					continue
				}
				var old *piece
				select {
				case old = <-spare:
				default:
				}
				pieces <- cp.parse(c, old)
			}
		}()
	}
	go func() { wwg.Wait(); close(pieces) }()
	err := pl.mergeInOrder(ctx, pieces, free, spare, merge)
	stop()
	for range pieces { // let the workers finish
	}
	wg.Wait()
	return err
}

func (pl *pipeline) mergeInOrder(ctx context.Context, pieces <-chan *piece, free chan<- []byte, spare chan<- *piece, merge func(*piece) bool) error {
	waiting := map[int]*piece{}
	next := 0
	for pc := range pieces {
		waiting[pc.seq] = pc
		for {
			p, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			free <- p.chunkBuf
			if p.err != nil {
				if err := ctx.Err(); err != nil {
					return err
				}
				return p.err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			more := merge(p)
			select {
			case spare <- p:
			default:
			}
			if !more {
				return nil
			}
		}
	}
	return ctx.Err()
}

// cut reads the input and sends chunks of whole records. The last chunk
// holds whatever follows the last newline. A read error is sent as a
// chunk carrying it.
func (pl *pipeline) cut(ctx context.Context, free <-chan []byte, chunks chan<- *chunk) {
	defer close(chunks)
	var carry []byte
	seq, line := 0, pl.line
	eof := false
	for !eof {
		var buf []byte
		select {
		case buf = <-free:
		case <-ctx.Done():
			return
		}
		if cap(buf) < pl.chunkSize+len(carry) {
			buf = make([]byte, 0, pl.chunkSize+len(carry))
		}
		buf = append(buf[:0], carry...)
		var end int
		var err error
		for {
			buf, eof, err = fill(pl.src, buf)
			if err != nil {
				chunks <- &chunk{seq: seq, buf: buf, err: err}
				return
			}
			if eof {
				end = len(buf)
				break
			}
			if end = pl.plan.d.lastBoundary(buf); end > 0 {
				break
			}
			buf = grow(buf) // one record is longer than the buffer
		}
		carry = append(carry[:0], buf[end:]...)
		if end == 0 && eof {
			return
		}
		c := &chunk{seq: seq, buf: buf, data: buf[:end], line: line, endPos: pl.pos()}
		line += countNewlines(c.data)
		seq++
		select {
		case chunks <- c:
		case <-ctx.Done():
			return
		}
	}
}

// fill reads into buf's spare capacity until it is full or the input
// ends.
func fill(r io.Reader, buf []byte) ([]byte, bool, error) {
	for len(buf) < cap(buf) {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, true, nil
		}
		if err != nil {
			return buf, false, err
		}
	}
	return buf, false, nil
}

func grow(buf []byte) []byte {
	nb := make([]byte, len(buf), 2*cap(buf))
	copy(nb, buf)
	return nb
}

func countNewlines(b []byte) int { return bytes.Count(b, []byte{'\n'}) }
