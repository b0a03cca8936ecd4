package bot

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"github.com/ganshi/ganshi/models"
)

// The meeting reminder's chart is drawn here with the standard library
// only. It carries no Chinese text (no font is embedded): units are
// lettered A, B, C… and tasks numbered 1, 2, 3…, and the caption beside
// the picture names them. Figures are completion percentages.

var (
	chartBG    = color.RGBA{0x10, 0x18, 0x28, 0xff}
	chartTrack = color.RGBA{0x2a, 0x36, 0x4a, 0xff}
	chartInk   = color.RGBA{0xff, 0xff, 0xff, 0xff}
	chartBars  = []color.RGBA{{0xff, 0xc8, 0x2e, 0xff}, {0x3d, 0xd6, 0x8c, 0xff}, {0x4d, 0xa3, 0xff, 0xff}, {0xff, 0x6b, 0x6b, 0xff}}
)

// glyphs is a 5×7 pixel font for the few characters the chart writes.
var glyphs = map[rune][7]string{
	'0': {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."},
	'1': {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."},
	'2': {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"},
	'3': {"####.", "....#", "....#", ".###.", "....#", "....#", "####."},
	'4': {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."},
	'5': {"#####", "#....", "####.", "....#", "....#", "#...#", ".###."},
	'6': {".###.", "#....", "#....", "####.", "#...#", "#...#", ".###."},
	'7': {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."},
	'8': {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."},
	'9': {".###.", "#...#", "#...#", ".####", "....#", "....#", ".###."},
	'%': {"##..#", "##..#", "...#.", "..#..", ".#...", "#..##", "#..##"},
	'.': {".....", ".....", ".....", ".....", ".....", ".##..", ".##.."},
	'A': {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'B': {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."},
	'C': {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."},
	'D': {"####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."},
	'E': {"#####", "#....", "#....", "####.", "#....", "#....", "#####"},
	'F': {"#####", "#....", "#....", "####.", "#....", "#....", "#...."},
	'G': {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".###."},
	'H': {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'=': {".....", ".....", "#####", ".....", "#####", ".....", "....."},
	' ': {".....", ".....", ".....", ".....", ".....", ".....", "....."},
}

// drawText writes s at (x, y) with pixels of scale×scale.
func drawText(img draw.Image, x, y, scale int, s string, c color.Color) {
	for _, r := range s {
		g, ok := glyphs[r]
		if !ok {
			g = glyphs[' ']
		}
		for row, line := range g {
			for col, px := range line {
				if px == '#' {
					fill(img, x+col*scale, y+row*scale, scale, scale, c)
				}
			}
		}
		x += 6 * scale
	}
}

func fill(img draw.Image, x, y, w, h int, c color.Color) {
	draw.Draw(img, image.Rect(x, y, x+w, y+h), &image.Uniform{c}, image.Point{}, draw.Src)
}

// unitLetter is the letter the chart gives the i-th unit.
func unitLetter(i int) string { return string(rune('A' + i%8)) }

// groupChartPNG draws a group's standing: per unit (A, B…) a thick bar of
// its weighted completion, then a thin bar per task (1, 2…).
func groupChartPNG(gc models.GroupChart) ([]byte, error) {
	const (
		w, pad, label, scale = 1200, 40, 160, 4
		thick, thin, gap     = 48, 22, 8
	)
	barW := w - 2*pad - label - 200
	perUnit := thick + gap + len(gc.Tasks)*(thin+gap) + 2*gap
	h := 2*pad + max(1, len(gc.Units))*perUnit
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(img, 0, 0, w, h, chartBG)
	y := pad
	for i, u := range gc.Units {
		c := chartBars[i%len(chartBars)]
		drawText(img, pad, y+(thick-7*scale*2)/2, scale*2, unitLetter(i), chartInk)
		bar(img, pad+label, y, barW, thick, u.Percent, c)
		drawText(img, pad+label+barW+20, y+(thick-7*scale)/2, scale, percentText(u.Percent), chartInk)
		y += thick + gap
		for j, p := range u.Tasks {
			drawText(img, pad+label-40, y+(thin-7*3)/2, 3, fmt.Sprint(j+1), chartInk)
			bar(img, pad+label, y, barW, thin, p, c)
			drawText(img, pad+label+barW+20, y+(thin-7*3)/2, 3, percentText(p), chartInk)
			y += thin + gap
		}
		y += 2 * gap
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("encode group chart: %w", err)
	}
	return b.Bytes(), nil
}

func bar(img draw.Image, x, y, w, h int, percent float64, c color.Color) {
	fill(img, x, y, w, h, chartTrack)
	fill(img, x, y, int(float64(w)*min(max(percent, 0), 100)/100), h, c)
}

func percentText(p float64) string { return fmt.Sprintf("%.0f%%", p) }
