// Command mbicons makes the application icons every system wants from the
// one master, assets/icon.png: PNGs at 16, 24, 32, 48, 64, 128, 256 and
// 512 pixels (the freedesktop hicolor sizes, also used by fyne package
// for macOS) and a Windows .ico holding 16 to 256. Run it from the
// repository root after changing the master:
//
//	go run ./cmd/mbicons
//
// It writes assets/icons/; the files are checked in, so builds need
// neither this tool nor the network. Sizes other than the master's are
// resampled with a Catmull–Rom kernel (golang.org/x/image/draw), which
// widens when it shrinks so small icons are averaged, not aliased; 512 is
// the 256 master enlarged.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

// pngSizes are the square sizes written as PNG.
var pngSizes = []int{16, 24, 32, 48, 64, 128, 256, 512}

// icoSizes are the sizes put in the Windows icon (256 is its largest).
var icoSizes = []int{16, 24, 32, 48, 64, 128, 256}

func main() {
	src := flag.String("src", "assets/icon.png", "the master icon (square PNG)")
	out := flag.String("out", "assets/icons", "folder to write the icons to")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mbicons:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	master, err := png.Decode(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if b := master.Bounds(); b.Dx() != b.Dy() {
		return fmt.Errorf("%s: the master is %d×%d, not square", src, b.Dx(), b.Dy())
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	encoded := map[int][]byte{}
	for _, n := range pngSizes {
		b, err := encode(resize(master, n))
		if err != nil {
			return err
		}
		encoded[n] = b
		if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("icon-%d.png", n)), b, 0o644); err != nil {
			return err
		}
	}
	ico, err := icoFile(icoSizes, encoded)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "modelbench.ico"), ico, 0o644)
}

// resize returns m scaled to n×n (m itself when it already is).
func resize(m image.Image, n int) image.Image {
	if m.Bounds().Dx() == n {
		return m
	}
	dst := image.NewNRGBA(image.Rect(0, 0, n, n))
	draw.CatmullRom.Scale(dst, dst.Bounds(), m, m.Bounds(), draw.Src, nil)
	return dst
}

func encode(m image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// icoFile lays out an ICO file whose images are PNG streams (read by
// Windows Vista and later): a 6-byte header, a 16-byte directory entry per
// image, then the images. A width or height of 256 is written as 0.
func icoFile(sizes []int, pngs map[int][]byte) ([]byte, error) {
	var b bytes.Buffer
	le := binary.LittleEndian
	hdr := []uint16{0, 1, uint16(len(sizes))} // reserved, type 1 = icon, count
	if err := binary.Write(&b, le, hdr); err != nil {
		return nil, err
	}
	offset := 6 + 16*len(sizes)
	for _, n := range sizes {
		data, ok := pngs[n]
		if !ok {
			return nil, fmt.Errorf("no %d-pixel image for the icon", n)
		}
		dim := byte(n)
		if n >= 256 {
			dim = 0
		}
		b.Write([]byte{dim, dim, 0, 0})       // width, height, colours, reserved
		binary.Write(&b, le, []uint16{1, 32}) // planes, bits per pixel
		binary.Write(&b, le, []uint32{uint32(len(data)), uint32(offset)})
		offset += len(data)
	}
	for _, n := range sizes {
		b.Write(pngs[n])
	}
	return b.Bytes(), nil
}
