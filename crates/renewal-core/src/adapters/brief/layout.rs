//! A small page-layout engine over printpdf's operation lists: measured and wrapped text,
//! paragraphs, bullets, quotations, headings, a running classification band and a footer on
//! every page. Tables are declared with [`super::table::Table`] and drawn by
//! [`Layout::table`] (in `table.rs`).
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
    font_ids: [FontId; 4],
    /// Graphics and text state of the current page, to skip redundant operators.
    state: PageState,
    /// Per page: the index just after the band's operations (backgrounds go there).
    band_end: Vec<usize>,
    /// Text per face, hashed (FNV-1a) to name the font subsets deterministically.
    hashes: [u64; 4],
    /// The band's text, fitted to the column once (the same on every page).
    band: Option<String>,
    /// Text no face could draw ([`Layout::missing`]).
    missing: Vec<String>,
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

/// The text hash of a face nothing was drawn in (FNV-1a's offset basis).
pub(crate) const UNUSED_FACE_HASH: u64 = 0xcbf2_9ce4_8422_2325;

/// Style of the running band and footer.
const BAND: Style = Style::new(FontKind::Bold, 7.5, 1.0);
const FOOT: Style = Style::new(FontKind::Regular, 7.0, 0.35);
const BAND_HEIGHT: f32 = 15.0;

impl<'f> Layout<'f> {
    pub(crate) fn new(
        fonts: &'f Fonts,
        geo: PageGeometry,
        running: Running,
        font_ids: [FontId; 4],
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
            hashes: [UNUSED_FACE_HASH; 4],
            band: None,
            missing: Vec::new(),
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
        if self.band.is_none() {
            let text = self.running.classification.to_uppercase();
            self.band = Some(self.ellipsize(&text, BAND, w - 12.0));
        }
        let text = self.band.clone().unwrap_or_default();
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
        if self.fonts.fits(style.font, text, style.size, max) {
            return text.to_string();
        }
        let budget = max - self.width("…", style);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            let cw = self.fonts.char_width(style.font, c, style.size);
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
        let space = self.width(" ", style);
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0f32;
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                let ww = self.width(word, style);
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
                        let cw = self.fonts.char_width(style.font, c, style.size);
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

    /// Draws `text` with its baseline at (`x`, `baseline`): in runs of the style's face, and
    /// of the fallback face for the characters the style's face lacks
    /// ([`Fonts::face_for`]). Characters no face has are recorded ([`Layout::missing`]).
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
        // Split into runs by the face that draws each character.
        let mut segments: Vec<(FontKind, &str)> = Vec::new();
        let mut start = 0;
        let mut current = style.font;
        let mut missing_from: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let face = match self.fonts.face_for(style.font, c) {
                Some(f) => {
                    if let Some(m) = missing_from.take() {
                        self.record_missing(&text[m..i]);
                    }
                    f
                }
                None => {
                    missing_from.get_or_insert(i);
                    style.font
                }
            };
            if face != current {
                if i > start {
                    segments.push((current, &text[start..i]));
                }
                start = i;
                current = face;
            }
        }
        if let Some(m) = missing_from {
            self.record_missing(&text[m..]);
        }
        segments.push((current, &text[start..]));
        let mut seg_x = x;
        for (n, (face, segment)) in segments.into_iter().enumerate() {
            if n > 0 {
                seg_x = r2(seg_x);
            }
            self.show(
                seg_x,
                baseline,
                Style {
                    font: face,
                    ..style
                },
                segment,
            );
            seg_x += self.fonts.width(face, segment, style.size);
        }
    }

    /// Remembers `text`, which no face can draw, once (for the brief's data gaps).
    fn record_missing(&mut self, text: &str) {
        if !self.missing.iter().any(|m| m == text) {
            self.missing.push(text.to_string());
        }
    }

    /// Text that no face could draw, in the order first met (each distinct run of such
    /// characters once).
    pub(crate) fn missing(&self) -> &[String] {
        &self.missing
    }

    /// Shows `text` in one face at (`x`, `baseline`).
    fn show(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
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
        let ss = super::styles::CITATION;
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

    /// Draws the panel behind key/value rows from `top` down to `bottom`, under the text
    /// already drawn (by inserting its operations before the text's).
    pub(crate) fn underlay_panel(&mut self, top: f32, bottom: f32) {
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

    // ---- finishing -------------------------------------------------------------------------

    /// Adds the footer to every page ("page X of Y" needs the page count) and returns the
    /// pages' operations, the text runs drawn and the per-face text hashes.
    pub(crate) fn finish(mut self) -> (Vec<Vec<Op>>, Vec<Run>, [u64; 4]) {
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
            let title = self.ellipsize(&self.running.title, FOOT, r - l - pw - 16.0);
            let right = self.ellipsize(&self.running.footer_right, FOOT, (r - l) * 0.45);
            let rw = self.width(&right, FOOT);
            let left = self.ellipsize(&self.running.footer_left, FOOT, r - l - rw - 16.0);
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
