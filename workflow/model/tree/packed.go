package tree

import (
	"encoding/binary"
	"math"
)

// The packed form of a model's trees (version 2 of the saved tree models)
// is one byte string, written into the JSON body as base64. Measured on the
// 100-tree forest of cmd/mbbench's model/forest-size (80,000 rows × 20
// features, 729,000 nodes): 4.2 MB of packed bytes, 5.6 MB of model JSON,
// against 38.6 MB of version 1's compact JSON (twice that indented), and
// it loads in about 0.05 s against 3.4 s. gzip would take only 18% off the
// packed bytes (the thresholds, most of them, are full-precision doubles)
// and would make the saved size unknowable without compressing, so it is
// not used. All numbers are little-endian:
//
//	uvarint  number of trees
//	per tree:
//	  uvarint  n, the number of nodes (at least 1)
//	  byte     flags: packCounts or packValues, then any of packWeight,
//	           packWeightRaw, packRows, packImpurity
//	  ⌈n/8⌉    leaf bits, node i in bit i%8 of byte i/8: 1 for a leaf
//	  ⌈m/8⌉    missing-left bits of the m split nodes, in node order
//	  m·fw     the split nodes' feature indices, fw = 1, 2 or 4 bytes for
//	           up to 2^8, 2^16 or more features (see featureWidth)
//	  m·8      their thresholds (float64)
//	  values:  packCounts: per leaf, width uvarints, its class weights
//	           (integers); a split's class weights are its children's
//	           sums, a node's weight their sum and its values the class
//	           weights divided by it, exactly as the grower computed them.
//	           packValues: n·width float64, every node's values.
//	  n uvarints (packWeight) or n·8 float64 (packWeightRaw): node weights
//	  n uvarints (packRows): distinct training rows per node
//	  n·8 float64 (packImpurity): node impurities
//
// Nodes are in depth-first preorder, so a split's left child is the next
// node and its right child follows the left subtree: the leaf bits alone
// give the shape. The writer picks packCounts when it reproduces every
// value and weight bit for bit and packValues otherwise, so packing never
// loses anything; the reader checks every count, index and number, so that
// damaged input gives an error, never a panic or an endless walk.
const (
	packCounts = 1 << iota
	packValues
	packWeight
	packWeightRaw
	packRows
	packImpurity
	packKnown = packCounts | packValues | packWeight | packWeightRaw | packRows | packImpurity
)

// maxCount is the largest integer weight packed as a count: up to 2^53
// every integer is a float64 and sums of them are exact.
const maxCount = 1 << 53

// featureWidth returns the bytes per feature index for d features.
func featureWidth(d int) int {
	switch {
	case d <= 1<<8:
		return 1
	case d <= 1<<16:
		return 2
	}
	return 4
}

// packer writes packed trees over d features of width values per node.
type packer struct {
	d, width, fw int
	counts       []float64 // scratch: class weights of every node
}

func newPacker(d, width int) *packer { return &packer{d: d, width: width, fw: featureWidth(d)} }

// packTrees returns the packed form of trees.
func packTrees(trees []*flatTree, d, width int, classification bool) []byte {
	p := newPacker(d, width)
	out := binary.AppendUvarint(nil, uint64(len(trees)))
	for _, t := range trees {
		out = p.pack(out, t, classification)
	}
	return out
}

// packedSize returns len(packTrees(trees, d, width, classification))
// without writing the bytes.
func packedSize(trees []*flatTree, d, width int, classification bool) int {
	p := newPacker(d, width)
	n := uvarintLen(uint64(len(trees)))
	for _, t := range trees {
		n += p.size(t, classification)
	}
	return n
}

// flags returns the sections t is written with.
func (p *packer) flags(t *flatTree, classification bool) byte {
	var f byte = packValues
	if classification && t.weight != nil && p.countsExact(t) {
		f = packCounts
	} else if t.weight != nil {
		f |= packWeight
		for _, w := range t.weight {
			if !isCount(w) {
				f = f&^packWeight | packWeightRaw
				break
			}
		}
	}
	if t.rows != nil {
		f |= packRows
	}
	if t.impurity != nil {
		f |= packImpurity
	}
	return f
}

func isCount(v float64) bool { return v >= 0 && v <= maxCount && v == math.Trunc(v) }

// countsExact fills p.counts with the class weights of every node of t
// (value times weight, for a leaf) and reports whether rebuilding the
// values and weights from the leaves' counts, as unpack does, gives t's
// bit for bit.
func (p *packer) countsExact(t *flatTree) bool {
	w, n := t.width, len(t.nodes)
	p.counts = append(p.counts[:0], make([]float64, n*w)...)
	for i := n - 1; i >= 0; i-- { // children before parents
		c := p.counts[i*w : i*w+w]
		nd := t.nodes[i]
		if nd.feature < 0 {
			for k, v := range t.values(int32(i)) {
				c[k] = math.Round(v * t.weight[i])
				if !isCount(c[k]) {
					return false
				}
			}
		} else {
			l, r := p.counts[int(nd.left)*w:], p.counts[int(nd.right)*w:]
			for k := range c {
				c[k] = l[k] + r[k]
			}
		}
		if sum, ok := countValues(c, t.values(int32(i)), nil); !ok || sum != t.weight[i] {
			return false
		}
	}
	return true
}

// countValues computes the weight of class weights c and c[k]/weight;
// with dst nil it reports whether they equal want bit for bit, else it
// writes them to dst. The weight must be positive and at most maxCount.
func countValues(c, want, dst []float64) (float64, bool) {
	sum := 0.0
	for _, v := range c {
		sum += v
	}
	if !(sum > 0) || sum > maxCount {
		return sum, false
	}
	for k, v := range c {
		q := v / sum
		if dst != nil {
			dst[k] = q
		} else if math.Float64bits(q) != math.Float64bits(want[k]) {
			return sum, false
		}
	}
	return sum, true
}

// pack appends t. t's nodes must be in preorder with every left child
// right after its parent (all trees in memory are); it panics otherwise.
func (p *packer) pack(out []byte, t *flatTree, classification bool) []byte {
	flags := p.flags(t, classification)
	n := len(t.nodes)
	out = binary.AppendUvarint(out, uint64(n))
	out = append(out, flags)
	out = appendBits(out, n, func(i int) bool { return t.nodes[i].feature < 0 })
	var splits []int32
	for i, nd := range t.nodes {
		if nd.feature >= 0 {
			if int(nd.left) != i+1 {
				panic("tree: packing a tree that is not in preorder")
			}
			splits = append(splits, int32(i))
		}
	}
	out = appendBits(out, len(splits), func(k int) bool { return t.nodes[splits[k]].missingLeft })
	for _, i := range splits {
		out = appendFeature(out, p.fw, t.nodes[i].feature)
	}
	for _, i := range splits {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(t.nodes[i].threshold))
	}
	if flags&packCounts != 0 {
		for i, nd := range t.nodes {
			if nd.feature < 0 {
				for _, c := range p.counts[i*p.width : (i+1)*p.width] {
					out = binary.AppendUvarint(out, uint64(c))
				}
			}
		}
	} else {
		out = appendFloats(out, t.value)
	}
	if flags&packWeight != 0 {
		for _, w := range t.weight {
			out = binary.AppendUvarint(out, uint64(w))
		}
	}
	if flags&packWeightRaw != 0 {
		out = appendFloats(out, t.weight)
	}
	if flags&packRows != 0 {
		for _, r := range t.rows {
			out = binary.AppendUvarint(out, uint64(r))
		}
	}
	if flags&packImpurity != 0 {
		out = appendFloats(out, t.impurity)
	}
	return out
}

// size returns the length of what pack appends for t.
func (p *packer) size(t *flatTree, classification bool) int {
	flags := p.flags(t, classification)
	n := len(t.nodes)
	m := n - t.leaves()
	size := uvarintLen(uint64(n)) + 1 + (n+7)/8 + (m+7)/8 + m*p.fw + m*8
	if flags&packCounts != 0 {
		for i, nd := range t.nodes {
			if nd.feature < 0 {
				for _, c := range p.counts[i*p.width : (i+1)*p.width] {
					size += uvarintLen(uint64(c))
				}
			}
		}
	} else {
		size += 8 * len(t.value)
	}
	if flags&packWeight != 0 {
		for _, w := range t.weight {
			size += uvarintLen(uint64(w))
		}
	}
	if flags&packWeightRaw != 0 {
		size += 8 * n
	}
	if flags&packRows != 0 {
		for _, r := range t.rows {
			size += uvarintLen(uint64(r))
		}
	}
	if flags&packImpurity != 0 {
		size += 8 * n
	}
	return size
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// appendBits appends n bits, bit(i) in bit i%8 of byte i/8.
func appendBits(out []byte, n int, bit func(i int) bool) []byte {
	for i := 0; i < n; i += 8 {
		var b byte
		for k := 0; k < 8 && i+k < n; k++ {
			if bit(i + k) {
				b |= 1 << k
			}
		}
		out = append(out, b)
	}
	return out
}

func appendFeature(out []byte, fw int, f int32) []byte {
	switch fw {
	case 1:
		return append(out, byte(f))
	case 2:
		return binary.LittleEndian.AppendUint16(out, uint16(f))
	}
	return binary.LittleEndian.AppendUint32(out, uint32(f))
}

func appendFloats(out []byte, v []float64) []byte {
	for _, x := range v {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(x))
	}
	return out
}
