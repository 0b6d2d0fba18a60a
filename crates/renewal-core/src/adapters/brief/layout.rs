//! A small page-layout engine over printpdf's operation lists: measured and wrapped text,
//! paragraphs, key/value blocks, tables that break across pages (repeating their header and
//! never splitting a row), a running classification band and a footer on every page.
//!
//! Coordinates are PDF points with the origin at the bottom-left corner of the page; the
//! cursor `y` is the top of the free space and moves down the page.
//!
//! Every text run drawn is recorded with its box (font ascent to descent), so tests can check
//! that no text leaves the page and no two runs overlap.

use printpdf::{
    Color, FontId, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfFontHandle,
    Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix, WindingOrder,
};

use super::fonts::{FontKind, Fonts};

/// Line height as a multiple of the font size. DejaVu's ascent + descent is 1.164 em, so
/// lines never touch.
pub(crate) const LEADING: f32 = 1.32;

/// A text style: face, size in points and grey level (0 = black, 1 = white).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub font: FontKind,
    pub size: f32,
    pub grey: f32,
}

impl Style {
    pub(crate) const fn new(font: FontKind, size: f32, grey: f32) -> Style {
        Style { font, size, grey }
    }
    /// The same style in another grey.
    pub(crate) const fn grey(self, grey: f32) -> Style {
        Style { grey, ..self }
    }
    /// The same style in another face.
    pub(crate) const fn face(self, font: FontKind) -> Style {
        Style { font, ..self }
    }
    /// Height of one line of this style.
    pub(crate) fn line_height(&self) -> f32 {
        self.size * LEADING
    }
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// A text run as drawn: page (0-based), the left/right x and bottom/top y of its box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Run {
    pub page: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Paper size and margins.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub margin_x: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
}

/// A table column: title, share of the table width, alignment.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub title: String,
    pub share: f32,
    pub align: Align,
}

impl Column {
    pub(crate) fn new(title: &str, share: f32) -> Column {
        Column {
            title: title.to_string(),
            share,
            align: Align::Left,
        }
    }
    pub(crate) fn right(title: &str, share: f32) -> Column {
        Column {
            title: title.to_string(),
            share,
            align: Align::Right,
        }
    }
}

/// A table cell: text (wrapped to the column), its style, or a box to tick by hand.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub lines: Vec<(String, Style)>,
    pub checkbox: bool,
}

impl Cell {
    pub(crate) fn text(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            lines: vec![(text.into(), style)],
            checkbox: false,
        }
    }
    /// A cell with a first line and a second, smaller line under it.
    pub(crate) fn two(
        first: impl Into<String>,
        s1: Style,
        second: impl Into<String>,
        s2: Style,
    ) -> Cell {
        Cell {
            lines: vec![(first.into(), s1), (second.into(), s2)],
            checkbox: false,
        }
    }
    pub(crate) fn checkbox() -> Cell {
        Cell {
            lines: Vec::new(),
            checkbox: true,
        }
    }
}

/// A table row; `shade` fills its background with that grey.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub shade: Option<f32>,
}

/// The wrapped lines of a cell, each with its style.
type CellLines = Vec<(String, Style)>;

/// Padding inside table cells.
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;

/// What the band at the top and the footer of every page say.
#[derive(Debug, Clone)]
pub(crate) struct Running {
    pub classification: String,
    pub title: String,
    pub footer_left: String,
    pub footer_right: String,
}

/// The layout state: pages of operations and the cursor.
pub(crate) struct Layout<'f> {
    pub fonts: &'f Fonts,
    pub geo: PageGeometry,
    pages: Vec<Vec<Op>>,
    /// Top of the free space on the current page.
    pub y: f32,
    runs: Vec<Run>,
    running: Running,
    /// Resource names of the three faces.
    font_ids: [FontId; 3],
    /// Graphics and text state of the current page, to skip redundant operators.
    state: PageState,
    /// Per page: the index just after the band's operations (backgrounds go there).
    band_end: Vec<usize>,
    /// Text per face, hashed (FNV-1a) to name the font subsets deterministically.
    hashes: [u64; 3],
}

/// What the current page's content stream has set, so that operators are only written
/// when something changes (a brief has a few thousand text runs and rules).
#[derive(Debug, Clone, Default)]
struct PageState {
    fill: Option<f32>,
    stroke: Option<(f32, f32, bool)>,
    in_text: bool,
    font: Option<(FontKind, f32)>,
}

/// Coordinates are written to 0.01 pt (shorter content streams; far below what shows).
fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Style of the running band and footer.
const BAND: Style = Style::new(FontKind::Bold, 7.5, 1.0);
const FOOT: Style = Style::new(FontKind::Regular, 7.0, 0.35);
const BAND_HEIGHT: f32 = 15.0;

impl<'f> Layout<'f> {
    pub(crate) fn new(
        fonts: &'f Fonts,
        geo: PageGeometry,
        running: Running,
        font_ids: [FontId; 3],
    ) -> Self {
        let mut l = Layout {
            fonts,
            geo,
            pages: Vec::new(),
            y: 0.0,
            runs: Vec::new(),
            running,
            font_ids,
            state: PageState::default(),
            band_end: Vec::new(),
            hashes: [0xcbf2_9ce4_8422_2325; 3],
        };
        l.new_page();
        l
    }

    /// Left edge of the text column.
    pub(crate) fn left(&self) -> f32 {
        self.geo.margin_x
    }
    /// Right edge of the text column.
    pub(crate) fn right(&self) -> f32 {
        self.geo.width - self.geo.margin_x
    }
    /// Width of the text column.
    pub(crate) fn column_width(&self) -> f32 {
        self.right() - self.left()
    }
    /// Lowest y content may reach.
    pub(crate) fn bottom(&self) -> f32 {
        self.geo.margin_bottom
    }
    /// Top of the content area of a page (below the band).
    pub(crate) fn top(&self) -> f32 {
        self.geo.height - self.geo.margin_top - BAND_HEIGHT - 12.0
    }
    /// Height of a page's content area.
    pub(crate) fn body_height(&self) -> f32 {
        self.top() - self.bottom()
    }
    /// 0-based index of the current page.
    pub(crate) fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let i = self.pages.len() - 1;
        &mut self.pages[i]
    }

    /// Starts a new page with the classification band; the cursor goes to its top.
    pub(crate) fn new_page(&mut self) {
        self.end_text();
        self.pages.push(Vec::with_capacity(256));
        self.state = PageState::default();
        let top = self.geo.height - self.geo.margin_top;
        let (l, w) = (self.left(), self.column_width());
        self.fill_rect(l, top - BAND_HEIGHT, w, BAND_HEIGHT, 0.25);
        let text = self.running.classification.to_uppercase();
        let text = self.ellipsize(&text, BAND, w - 12.0);
        let tw = self.width(&text, BAND);
        let baseline = top - BAND_HEIGHT / 2.0 - BAND.size * 0.35;
        self.text(l + (w - tw) / 2.0, baseline, BAND, &text);
        self.end_text();
        let end = self.ops().len();
        self.band_end.push(end);
        self.y = self.top();
    }

    /// Moves the cursor down by `h` points.
    pub(crate) fn space(&mut self, h: f32) {
        self.y -= h;
    }

    /// Starts a new page unless `h` points fit below the cursor. Returns whether it did.
    pub(crate) fn ensure(&mut self, h: f32) -> bool {
        if self.y - h < self.bottom() && self.y < self.top() - 0.5 {
            self.new_page();
            true
        } else {
            false
        }
    }

    // ---- measuring and wrapping ------------------------------------------------------------

    /// Width of `text` in `style`, in points.
    pub(crate) fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.width(style.font, text, style.size)
    }

    /// `text` cut to `max` points with a trailing ellipsis when it does not fit.
    pub(crate) fn ellipsize(&self, text: &str, style: Style, max: f32) -> String {
        if self.width(text, style) <= max {
            return text.to_string();
        }
        let budget = max - self.width("…", style);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            let cw = self
                .fonts
                .metrics(style.font)
                .width(c.encode_utf8(&mut [0; 4]), style.size);
            if w + cw > budget {
                break;
            }
            w += cw;
            out.push(c);
        }
        let trimmed = out.trim_end().to_string();
        format!("{trimmed}…")
    }

    /// Wraps `text` to lines of at most `max` points: greedy, on spaces, breaking words that
    /// are longer than a line; explicit newlines start new lines. Always at least one line.
    pub(crate) fn wrap(&self, text: &str, style: Style, max: f32) -> Vec<String> {
        let metrics = self.fonts.metrics(style.font);
        let space = metrics.width(" ", style.size);
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0f32;
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                let ww = metrics.width(word, style.size);
                if line.is_empty() && ww <= max {
                    line.push_str(word);
                    line_w = ww;
                } else if !line.is_empty() && line_w + space + ww <= max {
                    line.push(' ');
                    line.push_str(word);
                    line_w += space + ww;
                } else if ww <= max {
                    lines.push(std::mem::take(&mut line));
                    line.push_str(word);
                    line_w = ww;
                } else {
                    // A word longer than the line: break it by characters.
                    if !line.is_empty() {
                        if line_w + space < max {
                            line.push(' ');
                            line_w += space;
                        } else {
                            lines.push(std::mem::take(&mut line));
                            line_w = 0.0;
                        }
                    }
                    for c in word.chars() {
                        let cw = metrics.width(c.encode_utf8(&mut [0; 4]), style.size);
                        if line_w + cw > max && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            line_w = 0.0;
                        }
                        line.push(c);
                        line_w += cw;
                    }
                }
            }
            lines.push(line);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    // ---- drawing primitives ----------------------------------------------------------------

    /// Closes the open text object, if any (path operators are not allowed inside one).
    fn end_text(&mut self) {
        if self.state.in_text {
            self.state.in_text = false;
            self.ops().push(Op::EndTextSection);
        }
    }

    fn set_fill(&mut self, grey: f32) {
        if self.state.fill != Some(grey) {
            self.state.fill = Some(grey);
            self.ops().push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            });
        }
    }

    /// Draws `text` with its baseline at (`x`, `baseline`).
    pub(crate) fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        let (x, baseline) = (r2(x), r2(baseline));
        let w = self.width(text, style);
        let m = self.fonts.metrics(style.font);
        let run = Run {
            page: self.page_index(),
            x0: x,
            y0: baseline - m.descent * style.size,
            x1: x + w,
            y1: baseline + m.ascent * style.size,
        };
        self.runs.push(run);
        let h = &mut self.hashes[style.font.index()];
        for b in text.bytes() {
            *h ^= u64::from(b);
            *h = h.wrapping_mul(0x0100_0000_01b3);
        }
        if !self.state.in_text {
            self.state.in_text = true;
            self.ops().push(Op::StartTextSection);
        }
        // Colour operators are allowed inside a text object.
        self.set_fill(style.grey);
        if self.state.font != Some((style.font, style.size)) {
            self.state.font = Some((style.font, style.size));
            let font = PdfFontHandle::External(self.font_ids[style.font.index()].clone());
            self.ops().push(Op::SetFont {
                font,
                size: Pt(style.size),
            });
        }
        let ops = self.ops();
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(baseline)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
    }

    /// Baseline of a line whose box starts at `top`.
    pub(crate) fn baseline_below(&self, top: f32, style: Style) -> f32 {
        let m = self.fonts.metrics(style.font);
        let extra = (LEADING - m.ascent - m.descent) / 2.0;
        top - style.size * (m.ascent + extra)
    }

    /// Fills a rectangle with a grey.
    pub(crate) fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.end_text();
        self.set_fill(grey);
        self.ops().push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(r2(x)),
                y: Pt(r2(y)),
                width: Pt(r2(w)),
                height: Pt(r2(h)),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// Strokes a rectangle outline (optionally dashed).
    #[allow(clippy::too_many_arguments)] // a rectangle and a pen, as PDF states them
    pub(crate) fn stroke_rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
        width: f32,
        dash: Option<&[f32]>,
    ) {
        self.stroke_style(grey, width, dash);
        self.ops().push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(r2(x)),
                y: Pt(r2(y)),
                width: Pt(r2(w)),
                height: Pt(r2(h)),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }

    /// Sets the pen before a path: closes any text object, writes only what changed. Dashed
    /// pens are always written in full (their patterns differ).
    fn stroke_style(&mut self, grey: f32, width: f32, dash: Option<&[f32]>) {
        self.end_text();
        let (old_grey, old_width, old_dashed) = match self.state.stroke {
            Some((g, w, d)) => (Some(g), Some(w), Some(d)),
            None => (None, None, None),
        };
        let dashed = dash.is_some();
        self.state.stroke = Some((grey, width, dashed));
        let ops = self.ops();
        if old_grey != Some(grey) {
            ops.push(Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            });
        }
        if old_width != Some(width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        }
        if dashed || old_dashed != Some(false) {
            ops.push(Op::SetLineDashPattern {
                dash: match dash {
                    Some(d) => LineDashPattern::new(0.0, d),
                    None => LineDashPattern::solid(),
                },
            });
        }
    }

    /// Strokes a straight line (optionally dashed).
    #[allow(clippy::too_many_arguments)] // two points and a pen, as PDF states them
    pub(crate) fn line(
        &mut self,
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        grey: f32,
        width: f32,
        dash: Option<&[f32]>,
    ) {
        self.stroke_style(grey, width, dash);
        self.ops().push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(r2(x0)),
                            y: Pt(r2(y0)),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(r2(x1)),
                            y: Pt(r2(y1)),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    /// Fills a closed polygon (markers in the timeline).
    pub(crate) fn fill_polygon(&mut self, points: &[(f32, f32)], grey: f32) {
        self.end_text();
        self.set_fill(grey);
        self.ops().push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: points
                        .iter()
                        .map(|&(x, y)| LinePoint {
                            p: Point {
                                x: Pt(r2(x)),
                                y: Pt(r2(y)),
                            },
                            bezier: false,
                        })
                        .collect(),
                }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    // ---- flow blocks -----------------------------------------------------------------------

    /// A wrapped paragraph at `indent` from the left edge, `width` wide (the rest of the
    /// column when `None`). Lines may continue on the next page.
    pub(crate) fn paragraph(&mut self, text: &str, style: Style, indent: f32, width: Option<f32>) {
        let w = width.unwrap_or(self.column_width() - indent);
        let lh = style.line_height();
        for line in self.wrap(text, style, w) {
            self.ensure(lh);
            let b = self.baseline_below(self.y, style);
            let x = self.left() + indent;
            self.text(x, b, style, &line);
            self.y -= lh;
        }
    }

    /// A bulleted paragraph: `bullet` hangs in the indent.
    pub(crate) fn bullet(&mut self, bullet: &str, text: &str, style: Style, indent: f32) {
        let hang = 11.0;
        let w = self.column_width() - indent - hang;
        let lh = style.line_height();
        for (i, line) in self.wrap(text, style, w).into_iter().enumerate() {
            self.ensure(lh);
            let b = self.baseline_below(self.y, style);
            if i == 0 {
                self.text(self.left() + indent, b, style, bullet);
            }
            self.text(self.left() + indent + hang, b, style, &line);
            self.y -= lh;
        }
    }

    /// A quotation of clause text: a grey rule on the left, the text in the oblique face in
    /// curly quotes, and the source under it. Kept on one page when it fits.
    pub(crate) fn quote(&mut self, text: &str, source: &str, indent: f32) {
        let qs = Style::new(FontKind::Oblique, 8.5, 0.15);
        let ss = Style::new(FontKind::Regular, 7.0, 0.4);
        let inner = indent + 9.0;
        let w = self.column_width() - inner;
        let text = text.trim();
        let text = text
            .strip_prefix("- ")
            .or_else(|| text.strip_prefix("* "))
            .unwrap_or(text);
        let quoted = format!("“{}”", text.trim());
        let lines = self.wrap(&quoted, qs, w);
        let src_lines = self.wrap(source, ss, w);
        let h = lines.len() as f32 * qs.line_height() + src_lines.len() as f32 * ss.line_height();
        if h < self.body_height() {
            self.ensure(h + 2.0);
        }
        let mut segment_top = self.y;
        let x_rule = self.left() + indent + 2.0;
        let all: Vec<(String, Style)> = lines
            .into_iter()
            .map(|l| (l, qs))
            .chain(src_lines.into_iter().map(|l| (l, ss)))
            .collect();
        for (line, style) in all {
            let lh = style.line_height();
            if self.ensure(lh) {
                segment_top = self.y;
            }
            let b = self.baseline_below(self.y, style);
            self.text(self.left() + inner, b, style, &line);
            self.y -= lh;
            // The rule grows with the quote on this page.
            self.fill_rect(x_rule, self.y + 1.0, 1.6, segment_top - self.y - 1.0, 0.6);
            segment_top = self.y + 1.0;
        }
        self.y -= 2.0;
    }

    /// A section heading with a rule under it, kept with the next `keep` points.
    pub(crate) fn heading(&mut self, number: usize, title: &str, keep: f32) {
        let style = Style::new(FontKind::Bold, 12.0, 0.0);
        let h = style.line_height() + 6.0;
        self.ensure(h + keep);
        if self.y < self.top() - 1.0 {
            self.y -= 8.0;
        }
        let b = self.baseline_below(self.y, style);
        let num = format!("{number}");
        self.text(self.left(), b, style.grey(0.45), &num);
        let x = self.left() + 18.0;
        let title = self.ellipsize(title, style, self.right() - x);
        self.text(x, b, style, &title);
        self.y -= style.line_height() + 1.5;
        let (l, r, y) = (self.left(), self.right(), self.y);
        self.line(l, y, r, y, 0.55, 0.6, None);
        self.y -= 5.0;
    }

    /// A sub-heading, kept with the next `keep` points.
    pub(crate) fn subheading(&mut self, title: &str, keep: f32) {
        let style = Style::new(FontKind::Bold, 9.5, 0.1);
        let lines = self.wrap(title, style, self.column_width());
        let h = lines.len() as f32 * style.line_height();
        self.ensure(h + 3.0 + keep);
        self.y -= 3.0;
        for line in lines {
            let b = self.baseline_below(self.y, style);
            self.text(self.left(), b, style, &line);
            self.y -= style.line_height();
        }
        self.y -= 1.0;
    }

    /// Label/value rows: a label column `label_w` wide and the value wrapped beside it.
    /// Each value line has its own style. With `panel`, a grey panel with a dark bar on the
    /// left is drawn behind the rows (kept on one page when it fits).
    pub(crate) fn key_values(
        &mut self,
        rows: &[(String, Vec<(String, Style)>)],
        label_w: f32,
        panel: bool,
    ) {
        let label = Style::new(FontKind::Bold, 7.5, 0.4);
        let pad = if panel { 8.0 } else { 0.0 };
        let x_label = self.left() + pad + if panel { 4.0 } else { 0.0 };
        let x_value = x_label + label_w;
        let w_value = self.right() - pad - x_value;
        let row_gap = 4.0;
        struct Laid {
            label: Vec<String>,
            value: Vec<(String, Style)>,
            height: f32,
        }
        let laid: Vec<Laid> = rows
            .iter()
            .map(|(l, values)| {
                let label_lines = self.wrap(&l.to_uppercase(), label, label_w - 6.0);
                let mut value = Vec::new();
                for (text, style) in values {
                    for line in self.wrap(text, *style, w_value) {
                        value.push((line, *style));
                    }
                }
                let hv: f32 = value.iter().map(|(_, s)| s.line_height()).sum();
                let hl = label_lines.len() as f32 * label.line_height();
                Laid {
                    label: label_lines,
                    value,
                    height: hv.max(hl),
                }
            })
            .collect();
        let total: f32 = laid.iter().map(|r| r.height + row_gap).sum::<f32>() + 2.0 * pad;
        if total < self.body_height() {
            self.ensure(total);
        }
        let mut panel_top = self.y;
        if panel {
            self.y -= pad;
        }
        for (i, row) in laid.iter().enumerate() {
            if row.height < self.body_height() && self.y - row.height < self.bottom() {
                if panel {
                    self.panel(panel_top, self.y);
                }
                self.new_page();
                panel_top = self.y;
                self.y -= pad;
            }
            let top = self.y;
            let mut y = top;
            // Label aligned with the first value line's baseline.
            let first_style = row.value.first().map(|(_, s)| *s).unwrap_or(label);
            let first_baseline = self.baseline_below(top, first_style);
            for (j, l) in row.label.iter().enumerate() {
                let b = first_baseline + 1.0 - j as f32 * label.line_height();
                self.text(x_label, b, label, l);
            }
            for (text, style) in &row.value {
                let b = self.baseline_below(y, *style);
                self.text(x_value, b, *style, text);
                y -= style.line_height();
            }
            self.y = top - row.height - if i + 1 < laid.len() { row_gap } else { 0.0 };
        }
        if panel {
            self.y -= pad;
            self.panel(panel_top, self.y);
        }
        self.y -= row_gap;
    }

    /// Draws the panel behind key/value rows from `top` down to `bottom`, under the text
    /// already drawn (by inserting its operations before the text's).
    fn panel(&mut self, top: f32, bottom: f32) {
        let (l, w) = (self.left(), self.column_width());
        let page = self.page_index();
        let grey = |g: f32| Op::SetFillColor {
            col: Color::Greyscale(Greyscale::new(g, None)),
        };
        let rect = |x: f32, y: f32, w: f32, h: f32| Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        };
        let ops = vec![
            Op::SaveGraphicsState,
            grey(0.93),
            rect(l, bottom, w, top - bottom),
            grey(0.3),
            rect(l, bottom, 3.0, top - bottom),
            Op::RestoreGraphicsState,
        ];
        // The panel must go under the text already drawn in it. Nothing else on the page
        // overlaps the panel, so it is inserted right after the page's band (the page's
        // first text section), under everything drawn since; q/Q keep the fill colour
        // state of the operations that follow.
        let at = self.band_end.get(page).copied().unwrap_or(0);
        let page_ops = &mut self.pages[page];
        let at = at.min(page_ops.len());
        page_ops.splice(at..at, ops);
    }

    /// A table with a header row. Rows are never split across pages; when a row does not fit,
    /// the table continues on a new page under `caption (continued)` and its header again.
    /// A row taller than a whole page is cut to fit, with a note that it was.
    pub(crate) fn table(&mut self, caption: Option<&str>, columns: &[Column], rows: &[Row]) {
        let total_share: f32 = columns.iter().map(|c| c.share).sum();
        let total_share = if total_share > 0.0 { total_share } else { 1.0 };
        let tw = self.column_width();
        let mut xs = Vec::with_capacity(columns.len());
        let mut x = self.left();
        for c in columns {
            let w = tw * c.share / total_share;
            xs.push((x, w));
            x += w;
        }
        let head = Style::new(FontKind::Bold, 7.5, 0.25);
        let header_lines: Vec<Vec<String>> = columns
            .iter()
            .zip(&xs)
            .map(|(c, (_, w))| self.wrap(&c.title, head, w - 2.0 * CELL_PAD_X))
            .collect();
        let header_h = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32
            * head.line_height()
            + 2.0 * CELL_PAD_Y;
        let caption_style = Style::new(FontKind::Bold, 8.5, 0.2);
        let caption_h = caption.map_or(0.0, |_| caption_style.line_height() + 2.0);

        // Lay out every row.
        let max_row_h = self.body_height() - header_h - caption_h - 4.0;
        let laid: Vec<(Vec<CellLines>, f32)> = rows
            .iter()
            .map(|row| {
                let mut cells: Vec<Vec<(String, Style)>> = row
                    .cells
                    .iter()
                    .zip(&xs)
                    .map(|(cell, (_, w))| {
                        let mut out = Vec::new();
                        for (text, style) in &cell.lines {
                            for l in self.wrap(text, *style, w - 2.0 * CELL_PAD_X) {
                                out.push((l, *style));
                            }
                        }
                        out
                    })
                    .collect();
                let cell_h =
                    |c: &Vec<(String, Style)>| c.iter().map(|(_, s)| s.line_height()).sum::<f32>();
                let mut h = cells.iter().map(cell_h).fold(10.0f32, f32::max) + 2.0 * CELL_PAD_Y;
                if h > max_row_h {
                    // Cut the tallest cells to fit the page, saying so.
                    for cell in &mut cells {
                        let note_style = Style::new(FontKind::Oblique, 7.0, 0.35);
                        while cell_h(cell) + 2.0 * CELL_PAD_Y > max_row_h - note_style.line_height()
                            && !cell.is_empty()
                        {
                            cell.pop();
                            if cell_h(cell) + 2.0 * CELL_PAD_Y + note_style.line_height()
                                <= max_row_h
                            {
                                cell.push((
                                    "[cut to fit the page: see the source document]".to_string(),
                                    note_style,
                                ));
                                break;
                            }
                        }
                    }
                    h = cells.iter().map(cell_h).fold(10.0f32, f32::max) + 2.0 * CELL_PAD_Y;
                }
                (cells, h)
            })
            .collect();

        // Keep a short table (up to ~8 plain rows) on one page; a longer one starts with at
        // least three rows.
        let all_h: f32 = laid.iter().map(|(_, h)| *h).sum();
        let first_h: f32 = laid.iter().take(3).map(|(_, h)| *h).sum();
        let keep = if all_h <= 150.0 { all_h } else { first_h };
        self.ensure(caption_h + header_h + keep);
        let draw_header = |l: &mut Layout, continued: bool| {
            if let Some(c) = caption {
                let text = if continued {
                    format!("{c} (continued)")
                } else {
                    c.to_string()
                };
                let text = l.ellipsize(&text, caption_style, l.column_width());
                let b = l.baseline_below(l.y, caption_style);
                l.text(l.left(), b, caption_style, &text);
                l.y -= caption_style.line_height() + 2.0;
            }
            let top = l.y;
            l.fill_rect(l.left(), top - header_h, l.column_width(), header_h, 0.86);
            for ((lines, (x, w)), col) in header_lines.iter().zip(&xs).zip(columns) {
                let mut y = top - CELL_PAD_Y;
                for line in lines {
                    let b = l.baseline_below(y, head);
                    let tx = match col.align {
                        Align::Left => x + CELL_PAD_X,
                        Align::Right => x + w - CELL_PAD_X - l.width(line, head),
                    };
                    l.text(tx, b, head, line);
                    y -= head.line_height();
                }
            }
            l.y = top - header_h;
        };
        draw_header(self, false);
        let n = laid.len();
        for (k, (row, (cells, h))) in rows.iter().zip(&laid).enumerate() {
            // No single-row widow: when the last row would go alone onto a new page, the
            // second-to-last goes with it (if at least three rows stay behind).
            let widow = k >= 3
                && k + 2 == n
                && self.y - h >= self.bottom()
                && self.y - h - laid[k + 1].1 < self.bottom();
            if self.y - h < self.bottom() || widow {
                self.new_page();
                draw_header(self, true);
            }
            let top = self.y;
            if let Some(g) = row.shade {
                self.fill_rect(self.left(), top - h, self.column_width(), *h, g);
            }
            for (((cell, lines), (x, w)), col) in row.cells.iter().zip(cells).zip(&xs).zip(columns)
            {
                if cell.checkbox {
                    let s = 8.0;
                    self.stroke_rect(
                        x + CELL_PAD_X + 1.0,
                        top - CELL_PAD_Y - s - 1.0,
                        s,
                        s,
                        0.2,
                        0.7,
                        None,
                    );
                    continue;
                }
                let mut y = top - CELL_PAD_Y;
                for (text, style) in lines {
                    let b = self.baseline_below(y, *style);
                    let tx = match col.align {
                        Align::Left => x + CELL_PAD_X,
                        Align::Right => x + w - CELL_PAD_X - self.width(text, *style),
                    };
                    self.text(tx, b, *style, text);
                    y -= style.line_height();
                }
            }
            self.y = top - h;
            let (l, r, y) = (self.left(), self.right(), self.y);
            self.line(l, y, r, y, 0.78, 0.4, None);
        }
        self.y -= 6.0;
    }

    // ---- finishing -------------------------------------------------------------------------

    /// Adds the footer to every page ("page X of Y" needs the page count) and returns the
    /// pages' operations, the text runs drawn and the per-face text hashes.
    pub(crate) fn finish(mut self) -> (Vec<Vec<Op>>, Vec<Run>, [u64; 3]) {
        self.end_text();
        let n = self.pages.len();
        let rule_y = self.bottom() - 12.0;
        for i in 0..n {
            // Draw onto page i.
            let saved = std::mem::take(&mut self.pages);
            let mut pages = saved;
            let page_ops = std::mem::take(&mut pages[i]);
            self.pages = vec![page_ops];
            // The page's content ended with its text objects closed; the rest is unknown.
            self.state = PageState::default();
            let (l, r) = (self.left(), self.right());
            self.line(l, rule_y, r, rule_y, 0.6, 0.5, None);
            let b1 = rule_y - 10.0;
            let b2 = b1 - FOOT.line_height();
            let page_label = format!("Page {} of {n}", i + 1);
            let pw = self.width(&page_label, FOOT.face(FontKind::Bold));
            let title = self.ellipsize(&self.running.title.clone(), FOOT, r - l - pw - 16.0);
            let right = self.ellipsize(&self.running.footer_right.clone(), FOOT, (r - l) * 0.45);
            let rw = self.width(&right, FOOT);
            let left = self.ellipsize(&self.running.footer_left.clone(), FOOT, r - l - rw - 16.0);
            // Runs are recorded with page 0 while drawing into the single-page buffer.
            let from = self.runs.len();
            self.text(l, b1, FOOT, &title);
            self.text(r - pw, b1, FOOT.face(FontKind::Bold), &page_label);
            self.text(l, b2, FOOT, &left);
            self.text(r - rw, b2, FOOT, &right);
            self.end_text();
            for run in &mut self.runs[from..] {
                run.page = i;
            }
            let done = self.pages.pop().unwrap_or_default();
            pages[i] = done;
            self.pages = pages;
        }
        (self.pages, self.runs, self.hashes)
    }
}

/// Checks drawn runs: every run inside the page box and no two runs on a page overlapping.
/// Returns a description of the first problem.
#[cfg(test)]
pub(crate) fn check_runs(runs: &[Run], width: f32, height: f32) -> Result<(), String> {
    for r in runs {
        if r.x0 < 0.0 || r.y0 < 0.0 || r.x1 > width || r.y1 > height {
            return Err(format!("run outside the page: {r:?}"));
        }
    }
    for (i, a) in runs.iter().enumerate() {
        for b in &runs[i + 1..] {
            if a.page == b.page
                && a.x0 < b.x1 - 0.01
                && b.x0 < a.x1 - 0.01
                && a.y0 < b.y1 - 0.01
                && b.y0 < a.y1 - 0.01
            {
                return Err(format!("overlapping runs: {a:?} and {b:?}"));
            }
        }
    }
    Ok(())
}
