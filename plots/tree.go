package plots

import (
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TreeNode is a node of a decision tree to draw: Label is the split
// ("petal width <= 0.8") or empty for a leaf, Value what the node predicts
// ("setosa", "12.3"), Samples how many training rows reached it. The first
// child is the branch where the split holds.
type TreeNode struct {
	Label    string
	Children []TreeNode
	Value    string
	Samples  int
}

// TreeOptions configures Tree.
type TreeOptions struct {
	Title string
	// MaxDepth is the deepest level drawn (the root is 0); deeper subtrees
	// end in a "…" node. 0 means 4.
	MaxDepth int
	Style    Style
}

// treeBox is a laid-out node.
type treeBox struct {
	x, y   float64 // y is -depth
	lines  []string
	fill   color.Color
	parent int    // index into the boxes, -1 for the root
	leaf   string // the value of a real leaf (not a "…" stub), else ""
}

// Tree draws a decision tree top-down: split nodes with their rule, leaves
// coloured by predicted value (when there are at most as many distinct
// values as palette colours), each with its value and sample count.
// Subtrees below MaxDepth are replaced by "…".
func Tree(root TreeNode, opt TreeOptions) (*Figure, error) {
	if root.Label == "" && root.Value == "" && len(root.Children) == 0 {
		return nil, fmt.Errorf("tree: %w (empty root)", ErrNothingToDraw)
	}
	depth := opt.MaxDepth
	if depth <= 0 {
		depth = 4
	}
	s := opt.Style.norm()
	lay := &treeLayout{maxDepth: depth}
	lay.place(root, 0, -1)
	tp := &treePlotter{boxes: lay.boxes, leaves: lay.leaves, depth: lay.deepest, style: s}
	colorLeaves(tp.boxes, s)
	s.Grid = nil
	p := s.newPlot(orDefault(opt.Title, "Decision tree"), "", "")
	p.Add(tp)
	p.HideAxes()
	f := single(p, s)
	if lay.truncated > 0 {
		f.Note("%s below depth %d drawn as …", plural(lay.truncated, "subtree"), depth)
	}
	f.Note("left branch: the split holds")
	return f, nil
}

// treeLayout places nodes: leaves on consecutive slots, parents centred
// over their children.
type treeLayout struct {
	boxes     []treeBox
	leaves    int
	deepest   int
	maxDepth  int
	truncated int
}

// colorLeaves fills leaves by predicted value when the distinct values fit
// the palette (classes), and every other node with the background.
func colorLeaves(boxes []treeBox, s Style) {
	index := map[string]int{}
	for _, b := range boxes {
		if _, ok := index[b.leaf]; b.leaf != "" && !ok {
			index[b.leaf] = len(index)
		}
	}
	for i := range boxes {
		boxes[i].fill = s.Background
		if k, ok := index[boxes[i].leaf]; ok && len(index) <= len(s.Palette) {
			boxes[i].fill = withAlpha(s.Color(k), 0x60)
		}
	}
}

func (l *treeLayout) place(n TreeNode, depth, parent int) float64 {
	l.deepest = max(l.deepest, depth)
	i := len(l.boxes)
	l.boxes = append(l.boxes, treeBox{y: -float64(depth), parent: parent, lines: nodeLines(n)})
	children := n.Children
	if depth == l.maxDepth && len(children) > 0 {
		l.truncated++
		children = []TreeNode{{Value: "…"}}
	}
	if len(children) == 0 {
		l.boxes[i].x = float64(l.leaves)
		l.leaves++
		if len(n.Children) == 0 && n.Value != "…" {
			l.boxes[i].leaf = n.Value
		}
		return l.boxes[i].x
	}
	first, last := 0.0, 0.0
	for k, c := range children {
		x := l.place(c, depth+1, i)
		if k == 0 {
			first = x
		}
		last = x
	}
	l.boxes[i].x = (first + last) / 2
	return l.boxes[i].x
}

// nodeLines is the text of a node: split, value, samples.
func nodeLines(n TreeNode) []string {
	var lines []string
	if n.Label != "" {
		lines = append(lines, n.Label)
	}
	if n.Value != "" {
		lines = append(lines, n.Value)
	}
	if n.Samples > 0 {
		lines = append(lines, "n = "+thousands(n.Samples))
	}
	return lines
}

// treePlotter draws the laid-out tree.
type treePlotter struct {
	boxes  []treeBox
	leaves int
	depth  int
	style  Style
}

// DataRange implements plot.DataRanger.
func (t *treePlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(max(t.leaves, 1)) - 0.5, -float64(t.depth) - 0.5, 0.5
}

// Plot implements plot.Plotter.
func (t *treePlotter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	slot := tx(1) - tx(0)
	level := ty(0) - ty(-1)
	chars := 1
	for _, b := range t.boxes {
		for _, l := range b.lines {
			chars = max(chars, len([]rune(l)))
		}
	}
	size := min(t.style.FontSize, 0.95*slot/(0.55*vg.Length(chars)), level/5)
	ts := textStyle(t.style, 1, t.style.Foreground)
	ts.Font.Size = max(size, 4)
	for _, b := range t.boxes {
		if b.parent >= 0 {
			pb := t.boxes[b.parent]
			c.StrokeLine2(line(t.style.Muted, 1), tx(pb.x), ty(pb.y), tx(b.x), ty(b.y))
		}
	}
	for _, b := range t.boxes {
		txt := strings.Join(b.lines, "\n")
		r := ts.Rectangle(txt)
		w, h := r.Size().X/2+ts.Font.Size/2, r.Size().Y/2+ts.Font.Size/3
		x, y := tx(b.x), ty(b.y)
		box := []vg.Point{{X: x - w, Y: y - h}, {X: x + w, Y: y - h}, {X: x + w, Y: y + h}, {X: x - w, Y: y + h}}
		c.FillPolygon(t.style.Background, box)
		c.FillPolygon(b.fill, box)
		c.StrokeLines(line(t.style.Foreground, 0.8), append(box, box[0]))
		c.FillText(ts, vg.Point{X: x, Y: y}, txt)
	}
}
