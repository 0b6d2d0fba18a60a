//! The brief's one table builder: every table in the brief (the key/value blocks of the cover
//! and the decision panel, key dates, commitments, amounts, revenue shares, service levels,
//! obligations, exit rights and the actions checklist) is a [`Table`] declared by its caller
//! and drawn by [`Layout::table`].
//!
//! A table is declared as columns (title, width as a share of the table or in points, left or
//! right alignment), an optional caption, rows of cells (each cell one or more lines of text,
//! each line with its style, or a box to tick by hand) and a [`Look`]:
//!
//! - [`Look::Grid`]: a grey header row repeated on every page the table reaches (under
//!   "caption (continued)"), a rule under each row, optional row shading; a short table (up
//!   to 150 pt) is kept on one page and a longer one starts with at least three rows, and the
//!   last row never goes alone onto a new page;
//! - [`Look::KeyValues`]: label/value rows with no header, the label in small capitals
//!   aligned with the first line of its value, optionally on a grey panel with a dark bar on
//!   the left; kept on one page when it fits.
//!
//! Shared by both looks: the column geometry, wrapping every cell's lines to its column
//! (words longer than the column are broken by characters), row heights, and pagination:
//! rows are never split across pages, and a row taller than a page is cut to fit with a note
//! saying so.

use super::fonts::FontKind;
use super::layout::{Layout, Style};

/// Horizontal alignment of a column's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// How wide a column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Width {
    /// A share of the table's width (shares are normalised to their sum).
    Share(f32),
    /// A fixed width in points.
    Points(f32),
    /// Whatever the other columns leave of the table's width.
    Rest,
}

/// A table column: title (shown in a grid's header), width and alignment.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub title: String,
    pub width: Width,
    pub align: Align,
}

impl Column {
    /// A left-aligned column taking `share` of the table's width.
    pub(crate) fn new(title: &str, share: f32) -> Column {
        Column {
            title: title.to_string(),
            width: Width::Share(share),
            align: Align::Left,
        }
    }
    /// A right-aligned column taking `share` of the table's width (amounts, day counts).
    pub(crate) fn right(title: &str, share: f32) -> Column {
        Column {
            align: Align::Right,
            ..Column::new(title, share)
        }
    }
}

/// A table cell: lines of text (each wrapped to the column, each with its style), or a box
/// to tick by hand.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub lines: Vec<(String, Style)>,
    pub checkbox: bool,
}

impl Cell {
    /// One line of text in one style.
    pub(crate) fn text(text: impl Into<String>, style: Style) -> Cell {
        Cell::lines(vec![(text.into(), style)])
    }
    /// A first line and a second, smaller line under it.
    pub(crate) fn two(
        first: impl Into<String>,
        s1: Style,
        second: impl Into<String>,
        s2: Style,
    ) -> Cell {
        Cell::lines(vec![(first.into(), s1), (second.into(), s2)])
    }
    /// Several lines, each with its own style.
    pub(crate) fn lines(lines: Vec<(String, Style)>) -> Cell {
        Cell {
            lines,
            checkbox: false,
        }
    }
    /// A box to tick by hand.
    pub(crate) fn checkbox() -> Cell {
        Cell {
            lines: Vec::new(),
            checkbox: true,
        }
    }
}

/// A table row; `shade` fills its background with that grey (0 = black, 1 = white).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub shade: Option<f32>,
}

impl Row {
    /// A row of cells with no shading.
    pub(crate) fn new(cells: Vec<Cell>) -> Row {
        Row { cells, shade: None }
    }
}

/// How a table is drawn (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Look {
    /// Header row, rules between rows, padded cells.
    Grid,
    /// Label/value rows; `panel` draws a grey panel behind them.
    KeyValues { panel: bool },
}

/// A table declared by its caller and drawn with [`Layout::table`].
#[derive(Debug, Clone)]
pub(crate) struct Table {
    caption: Option<String>,
    columns: Vec<Column>,
    rows: Vec<Row>,
    look: Look,
}

/// Padding inside grid cells, in points.
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
/// A grid row is at least this tall before padding, in points.
const GRID_MIN_ROW: f32 = 10.0;
/// Key/value tables: room between rows and inside the panel, in points.
const KV_ROW_GAP: f32 = 4.0;
const KV_PANEL_PAD: f32 = 8.0;
/// Key/value tables: room between the label and its value, in points.
const KV_LABEL_GAP: f32 = 6.0;
/// Style of key/value labels (written in capitals).
const KV_LABEL: Style = Style::new(FontKind::Bold, 7.5, 0.4);
const HEAD: Style = Style::new(FontKind::Bold, 7.5, 0.25);
const CAPTION: Style = Style::new(FontKind::Bold, 8.5, 0.2);
const CUT_NOTE: Style = Style::new(FontKind::Oblique, 7.0, 0.35);

impl Table {
    /// A grid under `columns`.
    pub(crate) fn grid(columns: impl Into<Vec<Column>>) -> Table {
        Table {
            caption: None,
            columns: columns.into(),
            rows: Vec::new(),
            look: Look::Grid,
        }
    }

    /// Label/value rows: labels `label_w` points wide, values in the rest of the column.
    pub(crate) fn key_values(label_w: f32, panel: bool) -> Table {
        Table {
            caption: None,
            columns: vec![
                Column {
                    title: String::new(),
                    width: Width::Points(label_w),
                    align: Align::Left,
                },
                Column {
                    title: String::new(),
                    width: Width::Rest,
                    align: Align::Left,
                },
            ],
            rows: Vec::new(),
            look: Look::KeyValues { panel },
        }
    }

    /// A caption over the table (bold, repeated with "(continued)" on later pages).
    pub(crate) fn caption(mut self, caption: impl Into<String>) -> Table {
        self.caption = Some(caption.into());
        self
    }

    /// Adds rows.
    pub(crate) fn rows(mut self, rows: impl IntoIterator<Item = Row>) -> Table {
        self.rows.extend(rows);
        self
    }

    /// Adds a key/value row: `label` (written in capitals) and its value lines.
    pub(crate) fn key(mut self, label: &str, value: Vec<(String, Style)>) -> Table {
        self.rows.push(Row::new(vec![
            Cell::text(label.to_uppercase(), KV_LABEL),
            Cell::lines(value),
        ]));
        self
    }

    /// Adds key/value rows: (label, value lines).
    pub(crate) fn keys(
        self,
        rows: impl IntoIterator<Item = (String, Vec<(String, Style)>)>,
    ) -> Table {
        rows.into_iter()
            .fold(self, |t, (label, value)| t.key(&label, value))
    }

    /// Whether the table has no rows.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Space left of the first column and right of the last, in points.
    fn insets(&self) -> (f32, f32) {
        match self.look {
            Look::Grid | Look::KeyValues { panel: false } => (0.0, 0.0),
            Look::KeyValues { panel: true } => (KV_PANEL_PAD + 4.0, KV_PANEL_PAD),
        }
    }

    /// Padding of column `i`'s text: left, right, top (points).
    fn padding(&self, i: usize) -> (f32, f32, f32) {
        match self.look {
            Look::Grid => (CELL_PAD_X, CELL_PAD_X, CELL_PAD_Y),
            Look::KeyValues { .. } if i == 0 => (0.0, KV_LABEL_GAP, 0.0),
            Look::KeyValues { .. } => (0.0, 0.0, 0.0),
        }
    }
}

/// One column placed on the page: left x and width in points.
#[derive(Debug, Clone, Copy)]
struct Placed {
    x: f32,
    w: f32,
}

/// A row laid out: every cell's wrapped lines and the row's height.
struct Laid {
    cells: Vec<Vec<(String, Style)>>,
    height: f32,
}

fn lines_height(lines: &[(String, Style)]) -> f32 {
    lines.iter().map(|(_, s)| s.line_height()).sum::<f32>()
}

impl Layout<'_> {
    /// Places the columns across the text column.
    fn place_columns(&self, t: &Table) -> Vec<Placed> {
        let total_share: f32 = t
            .columns
            .iter()
            .map(|c| match c.width {
                Width::Share(s) => s,
                _ => 0.0,
            })
            .sum();
        let total_share = if total_share > 0.0 { total_share } else { 1.0 };
        let (inset_l, inset_r) = t.insets();
        let tw = self.column_width();
        let mut x = self.left() + inset_l;
        let mut out = Vec::with_capacity(t.columns.len());
        for c in &t.columns {
            let w = match c.width {
                Width::Share(s) => tw * s / total_share,
                Width::Points(p) => p,
                Width::Rest => self.right() - inset_r - x,
            };
            out.push(Placed { x, w });
            x += w;
        }
        out
    }

    /// Draws `t` at the cursor (see the module documentation for the rules).
    pub(crate) fn table(&mut self, t: &Table) {
        let grid = t.look == Look::Grid;
        let placed = self.place_columns(t);
        let header_lines: Vec<Vec<String>> = if grid {
            t.columns
                .iter()
                .zip(&placed)
                .map(|(c, p)| self.wrap(&c.title, HEAD, p.w - 2.0 * CELL_PAD_X))
                .collect()
        } else {
            Vec::new()
        };
        let header_h = if grid {
            header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * HEAD.line_height()
                + 2.0 * CELL_PAD_Y
        } else {
            0.0
        };
        let caption_h = t
            .caption
            .as_ref()
            .map_or(0.0, |_| CAPTION.line_height() + 2.0);
        let (min_row, pad_y) = if grid {
            (GRID_MIN_ROW, CELL_PAD_Y)
        } else {
            (0.0, 0.0)
        };

        // Lay out every row; a row taller than a page is cut to fit, saying so.
        let max_row_h = self.body_height() - header_h - caption_h - 4.0;
        let laid: Vec<Laid> = t
            .rows
            .iter()
            .map(|row| {
                let mut cells: Vec<Vec<(String, Style)>> = row
                    .cells
                    .iter()
                    .zip(&placed)
                    .enumerate()
                    .map(|(i, (cell, p))| {
                        let (pl, pr, _) = t.padding(i);
                        let mut out = Vec::new();
                        for (text, style) in &cell.lines {
                            for l in self.wrap(text, *style, p.w - (pl + pr)) {
                                out.push((l, *style));
                            }
                        }
                        out
                    })
                    .collect();
                let row_h = |cells: &[Vec<(String, Style)>]| {
                    cells
                        .iter()
                        .map(|c| lines_height(c))
                        .fold(min_row, f32::max)
                        + 2.0 * pad_y
                };
                let mut height = row_h(&cells);
                if height > max_row_h {
                    for cell in &mut cells {
                        cut_to_fit(cell, pad_y, max_row_h);
                    }
                    height = row_h(&cells);
                }
                Laid { cells, height }
            })
            .collect();

        let mut panel_top = self.y;
        let panel = t.look == Look::KeyValues { panel: true };
        let panel_pad = if panel { KV_PANEL_PAD } else { 0.0 };
        if grid {
            // Keep a short table (up to ~8 plain rows) on one page; a longer one starts with
            // at least three rows.
            let all_h: f32 = laid.iter().map(|r| r.height).sum();
            let first_h: f32 = laid.iter().take(3).map(|r| r.height).sum();
            let keep = if all_h <= 150.0 { all_h } else { first_h };
            self.ensure(caption_h + header_h + keep);
            self.table_header(t, &placed, &header_lines, header_h, false);
        } else {
            let total: f32 =
                laid.iter().map(|r| r.height + KV_ROW_GAP).sum::<f32>() + 2.0 * panel_pad;
            if total < self.body_height() {
                self.ensure(total);
            }
            panel_top = self.y;
            self.y -= panel_pad;
        }

        let n = laid.len();
        for (k, (row, r)) in t.rows.iter().zip(&laid).enumerate() {
            let h = r.height;
            let breaks = if grid {
                // No single-row widow: when the last row would go alone onto a new page,
                // the second-to-last goes with it (if at least three rows stay behind).
                let widow = k >= 3
                    && k + 2 == n
                    && self.y - h >= self.bottom()
                    && self.y - h - laid[k + 1].height < self.bottom();
                self.y - h < self.bottom() || widow
            } else {
                h < self.body_height() && self.y - h < self.bottom()
            };
            if breaks {
                if panel {
                    self.underlay_panel(panel_top, self.y);
                }
                self.new_page();
                if grid {
                    self.table_header(t, &placed, &header_lines, header_h, true);
                } else {
                    panel_top = self.y;
                    self.y -= panel_pad;
                }
            }
            let top = self.y;
            if let Some(g) = row.shade {
                self.fill_rect(self.left(), top - h, self.column_width(), h, g);
            }
            for (i, ((cell, lines), p)) in row.cells.iter().zip(&r.cells).zip(&placed).enumerate() {
                let (pl, pr, pt) = t.padding(i);
                let col = &t.columns[i];
                if cell.checkbox {
                    let s = 8.0;
                    self.stroke_rect(p.x + pl + 1.0, top - pt - s - 1.0, s, s, 0.2, 0.7, None);
                    continue;
                }
                if !grid && i == 0 {
                    // A label: its first baseline 1 pt above the value's first baseline.
                    let first = r
                        .cells
                        .get(1)
                        .and_then(|v| v.first())
                        .or(lines.first())
                        .map_or(KV_LABEL, |(_, s)| *s);
                    let first_baseline = self.baseline_below(top, first);
                    for (j, (text, style)) in lines.iter().enumerate() {
                        let b = first_baseline + 1.0 - j as f32 * style.line_height();
                        self.text(p.x + pl, b, *style, text);
                    }
                    continue;
                }
                let mut y = top - pt;
                for (text, style) in lines {
                    let b = self.baseline_below(y, *style);
                    let tx = match col.align {
                        Align::Left => p.x + pl,
                        Align::Right => p.x + p.w - pr - self.width(text, *style),
                    };
                    self.text(tx, b, *style, text);
                    y -= style.line_height();
                }
            }
            if grid {
                self.y = top - h;
                let (l, r, y) = (self.left(), self.right(), self.y);
                self.line(l, y, r, y, 0.78, 0.4, None);
            } else {
                self.y = top - h - if k + 1 < n { KV_ROW_GAP } else { 0.0 };
            }
        }
        if grid {
            self.y -= 6.0;
        } else {
            if panel {
                self.y -= panel_pad;
                self.underlay_panel(panel_top, self.y);
            }
            self.y -= KV_ROW_GAP;
        }
    }

    /// A grid's caption and header row at the cursor (`continued` on later pages).
    fn table_header(
        &mut self,
        t: &Table,
        placed: &[Placed],
        header_lines: &[Vec<String>],
        header_h: f32,
        continued: bool,
    ) {
        if let Some(c) = &t.caption {
            let text = if continued {
                format!("{c} (continued)")
            } else {
                c.clone()
            };
            let text = self.ellipsize(&text, CAPTION, self.column_width());
            let b = self.baseline_below(self.y, CAPTION);
            self.text(self.left(), b, CAPTION, &text);
            self.y -= CAPTION.line_height() + 2.0;
        }
        let top = self.y;
        self.fill_rect(
            self.left(),
            top - header_h,
            self.column_width(),
            header_h,
            0.86,
        );
        for ((lines, p), col) in header_lines.iter().zip(placed).zip(&t.columns) {
            let mut y = top - CELL_PAD_Y;
            for line in lines {
                let b = self.baseline_below(y, HEAD);
                let tx = match col.align {
                    Align::Left => p.x + CELL_PAD_X,
                    Align::Right => p.x + p.w - CELL_PAD_X - self.width(line, HEAD),
                };
                self.text(tx, b, HEAD, line);
                y -= HEAD.line_height();
            }
        }
        self.y = top - header_h;
    }
}

/// Drops the last lines of `cell` until it fits in `max_row_h` with a note saying it was cut
/// ("[cut to fit the page: see the source document]"). Linear in the number of lines.
fn cut_to_fit(cell: &mut Vec<(String, Style)>, pad_y: f32, max_row_h: f32) {
    // prefix[k]: height of the first k lines, summed in order as `lines_height` does.
    let mut prefix = Vec::with_capacity(cell.len() + 1);
    let mut acc = -0.0f32;
    prefix.push(lines_height(&[]));
    for (_, s) in cell.iter() {
        acc += s.line_height();
        prefix.push(acc);
    }
    let note_h = CUT_NOTE.line_height();
    let mut k = cell.len();
    while k > 0 && prefix[k] + 2.0 * pad_y > max_row_h - note_h {
        k -= 1;
        if prefix[k] + 2.0 * pad_y + note_h <= max_row_h {
            cell.truncate(k);
            cell.push((
                "[cut to fit the page: see the source document]".to_string(),
                CUT_NOTE,
            ));
            return;
        }
    }
    cell.truncate(k);
}
