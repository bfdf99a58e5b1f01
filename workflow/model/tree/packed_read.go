package tree

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// unpacker reads the packed form (see packed.go) of trees over d features
// with width values per node.
type unpacker struct {
	b              []byte
	d, width, fw   int
	classification bool
}

var (
	errPackedShort = errors.New("the packed trees end too early")
	errPackedLong  = errors.New("bytes after the packed trees")
)

// unpackTrees reads what packTrees wrote, checking every invariant
// prediction and inspection rely on.
func unpackTrees(b []byte, d, width int, classification bool) ([]*flatTree, error) {
	u := &unpacker{b: b, d: d, width: width, fw: featureWidth(d), classification: classification}
	count, err := u.uvarint()
	if err != nil {
		return nil, err
	}
	if count == 0 || count > uint64(len(u.b)) { // every tree takes at least 3 bytes
		return nil, fmt.Errorf("%d packed trees in %d bytes", count, len(b))
	}
	trees := make([]*flatTree, count)
	for i := range trees {
		if trees[i], err = u.tree(); err != nil {
			return nil, fmt.Errorf("tree %d: %w", i, err)
		}
	}
	if len(u.b) != 0 {
		return nil, errPackedLong
	}
	return trees, nil
}

func (u *unpacker) uvarint() (uint64, error) {
	v, n := binary.Uvarint(u.b)
	if n <= 0 {
		return 0, errPackedShort
	}
	u.b = u.b[n:]
	return v, nil
}

// take returns the next n bytes.
func (u *unpacker) take(n int) ([]byte, error) {
	if n < 0 || n > len(u.b) {
		return nil, errPackedShort
	}
	out := u.b[:n:n]
	u.b = u.b[n:]
	return out, nil
}

// floats reads n float64s.
func (u *unpacker) floats(n int) ([]float64, error) {
	if n > len(u.b)/8 {
		return nil, errPackedShort
	}
	raw, _ := u.take(8 * n)
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
	}
	return out, nil
}

// tree reads one tree.
func (u *unpacker) tree() (*flatTree, error) {
	n64, err := u.uvarint()
	if err != nil {
		return nil, err
	}
	if n64 == 0 || n64 > 8*uint64(len(u.b)) { // a node takes at least a bit
		return nil, fmt.Errorf("%d nodes in %d bytes", n64, len(u.b))
	}
	n := int(n64)
	head, err := u.take(1)
	if err != nil {
		return nil, err
	}
	flags := head[0]
	if flags&^packKnown != 0 || (flags&packCounts != 0) == (flags&packValues != 0) ||
		flags&(packWeight|packWeightRaw) == packWeight|packWeightRaw || (flags&packCounts != 0 && (!u.classification || flags&(packWeight|packWeightRaw) != 0)) {
		return nil, fmt.Errorf("unknown or contradictory section flags %#x", flags)
	}
	t := &flatTree{width: u.width}
	m, err := u.shape(t, n)
	if err != nil {
		return nil, err
	}
	if err := u.splits(t, m); err != nil {
		return nil, err
	}
	if flags&packCounts != 0 {
		err = u.counts(t)
	} else {
		t.value, err = u.floats(n * u.width)
	}
	if err == nil {
		err = u.stats(t, flags)
	}
	if err != nil {
		return nil, err
	}
	if flags&packCounts != 0 && flags&(packRows|packImpurity) == 0 {
		return t, nil // counts give shares in [0, 1] and positive weights by construction
	}
	return t, t.checkStats(u.classification)
}

// splitMark marks a split node between shape and splits, which sets its
// feature.
const splitMark = -2

// shape reads the leaf bits of n nodes, checks that they describe one
// binary tree in preorder and links the children; it returns the number
// of split nodes. In preorder a split's left child is the next node, and
// the node after a leaf is the right child of the latest split still
// waiting for one.
func (u *unpacker) shape(t *flatTree, n int) (int, error) {
	bits, err := u.take((n + 7) / 8)
	if err != nil {
		return 0, err
	}
	t.nodes = make([]node, n)
	waiting := make([]int32, 0, 64) // splits whose right child is still to come
	m := 0
	for i := range n {
		if i > 0 {
			if prev := &t.nodes[i-1]; prev.feature == splitMark {
				prev.left = int32(i)
				waiting = append(waiting, int32(i-1))
			} else if len(waiting) == 0 {
				return 0, fmt.Errorf("node %d comes after the tree is complete", i)
			} else {
				t.nodes[waiting[len(waiting)-1]].right = int32(i)
				waiting = waiting[:len(waiting)-1]
			}
		}
		if bits[i>>3]>>(i&7)&1 == 1 {
			t.nodes[i] = node{feature: -1, left: -1, right: -1}
		} else {
			t.nodes[i].feature = splitMark
			m++
		}
	}
	if len(waiting) != 0 || t.nodes[n-1].feature != -1 || (n%8 != 0 && bits[n/8]>>(n%8) != 0) {
		return 0, errors.New("the leaf bits do not describe a complete tree")
	}
	return m, nil
}

// splits reads the missing-value sides, features and thresholds of the m
// split nodes.
func (u *unpacker) splits(t *flatTree, m int) error {
	bits, err := u.take((m + 7) / 8)
	if err != nil {
		return err
	}
	feats, err := u.take(m * u.fw)
	if err != nil {
		return err
	}
	thr, err := u.take(8 * m)
	if err != nil {
		return err
	}
	k := 0
	for i := range t.nodes {
		nd := &t.nodes[i]
		if nd.feature != splitMark {
			continue
		}
		nd.missingLeft = bits[k>>3]>>(k&7)&1 == 1
		var f uint32
		switch u.fw {
		case 1:
			f = uint32(feats[k])
		case 2:
			f = uint32(binary.LittleEndian.Uint16(feats[2*k:]))
		default:
			f = binary.LittleEndian.Uint32(feats[4*k:])
		}
		v := math.Float64frombits(binary.LittleEndian.Uint64(thr[8*k:]))
		if f >= uint32(u.d) {
			return fmt.Errorf("node %d splits on feature %d of %d", i, f, u.d)
		}
		if math.IsNaN(v) {
			return fmt.Errorf("node %d has a NaN threshold", i)
		}
		nd.feature, nd.threshold = int32(f), v
		k++
	}
	if m%8 != 0 && bits[m/8]>>(m%8) != 0 {
		return errors.New("stray missing-value bits")
	}
	return nil
}

// counts reads the leaves' class weights and rebuilds every node's
// values and weight as the grower computed them: a split's class weights
// are its children's sums, a node's weight the sum of its class weights
// in class order, its values the class weights divided by its weight.
// The class weights are built in place of the values (children before
// parents), then divided (parents before children).
func (u *unpacker) counts(t *flatTree) error {
	n, w := len(t.nodes), u.width
	c := make([]float64, n*w)
	b, p := u.b, 0 // a local cursor: no write barrier per byte
	for i := range t.nodes {
		if t.nodes[i].feature >= 0 {
			continue
		}
		for k := range w {
			var v uint64
			if p < len(b) && b[p] < 0x80 { // a one-byte uvarint, the usual case
				v = uint64(b[p])
				p++
			} else {
				var size int
				if v, size = binary.Uvarint(b[p:]); size <= 0 {
					return errPackedShort
				}
				p += size
			}
			if v > maxCount {
				return fmt.Errorf("node %d: class weight %d is too large", i, v)
			}
			c[i*w+k] = float64(v)
		}
	}
	u.b = b[p:]
	// In reverse preorder a split comes right after its left subtree,
	// which came right after its right subtree: the class weights of
	// finished subtrees wait on a stack (contiguous, unlike the right
	// child's slot in c), the left one on top.
	t.weight = make([]float64, n)
	var stack []float64
	for i := n - 1; i >= 0; i-- {
		ci := c[i*w : i*w+w]
		if t.nodes[i].feature >= 0 {
			top := len(stack) - 2*w
			l, r := stack[top+w:], stack[top:top+w]
			for k := range ci {
				ci[k] = l[k] + r[k]
			}
			stack = stack[:top]
		}
		stack = append(stack, ci...)
		sum := 0.0
		for _, v := range ci {
			sum += v
		}
		if !(sum > 0) || sum > maxCount {
			return fmt.Errorf("node %d has weight %v", i, sum)
		}
		t.weight[i] = sum
	}
	for i := range n {
		ci := c[i*w : i*w+w]
		for k := range ci {
			ci[k] /= t.weight[i]
		}
	}
	t.value = c
	return nil
}

// stats reads the optional weight, rows and impurity sections.
func (u *unpacker) stats(t *flatTree, flags byte) error {
	n := len(t.nodes)
	var err error
	uvarints := func(put func(i int, v uint64) error) error {
		for i := range n {
			v, err := u.uvarint()
			if err != nil {
				return err
			}
			if err := put(i, v); err != nil {
				return err
			}
		}
		return nil
	}
	switch {
	case flags&packWeight != 0:
		t.weight = make([]float64, n)
		err = uvarints(func(i int, v uint64) error {
			if v > maxCount {
				return fmt.Errorf("node %d: weight %d is too large", i, v)
			}
			t.weight[i] = float64(v)
			return nil
		})
	case flags&packWeightRaw != 0:
		t.weight, err = u.floats(n)
	}
	if err == nil && flags&packRows != 0 {
		t.rows = make([]int32, n)
		err = uvarints(func(i int, v uint64) error {
			if v > math.MaxInt32 {
				return fmt.Errorf("node %d: %d rows", i, v)
			}
			t.rows[i] = int32(v)
			return nil
		})
	}
	if err == nil && flags&packImpurity != 0 {
		t.impurity, err = u.floats(n)
	}
	return err
}

// packedString decodes the JSON string v holding base64 (the packed
// trees) without encoding/json's scan when it holds no escapes.
func packedString(v json.RawMessage) ([]byte, error) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return nil, errors.New("the packed trees are not a string")
	}
	inner := v[1 : len(v)-1]
	if bytes.IndexByte(inner, '\\') >= 0 {
		var out []byte
		err := json.Unmarshal(v, &out)
		return out, err
	}
	// The decoder skips line breaks, which a JSON string cannot hold: the
	// length check below rejects them.
	if len(inner)%4 != 0 {
		return nil, errors.New("the packed trees are not base64: wrong length")
	}
	want := len(inner) / 4 * 3
	for k := len(inner) - 1; k >= len(inner)-2 && k >= 0 && inner[k] == '='; k-- {
		want--
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(inner)))
	n, err := base64.StdEncoding.Strict().Decode(out, inner)
	if err != nil || n != want {
		return nil, fmt.Errorf("the packed trees are not base64: %v", err)
	}
	return out[:n], nil
}
