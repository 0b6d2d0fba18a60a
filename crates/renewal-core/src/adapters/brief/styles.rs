//! The text styles of the brief's sections (DejaVu Sans faces, sizes in points, greys).

use super::fonts::FontKind;
use super::layout::Style;

pub(crate) const BODY: Style = Style::new(FontKind::Regular, 9.0, 0.1);
pub(crate) const BODY_BOLD: Style = Style::new(FontKind::Bold, 9.0, 0.0);
pub(crate) const SMALL: Style = Style::new(FontKind::Regular, 7.5, 0.35);
pub(crate) const CELL: Style = Style::new(FontKind::Regular, 8.0, 0.1);
pub(crate) const CELL_BOLD: Style = Style::new(FontKind::Bold, 8.0, 0.0);
pub(crate) const CELL_SMALL: Style = Style::new(FontKind::Regular, 6.8, 0.4);
/// Source citations ("Source: line 148 · Renewal Terms"): legible, at least 8 pt and black
/// (issue 16 item 8).
pub(crate) const CITATION: Style = Style::new(FontKind::Regular, 8.0, 0.0);
pub(crate) const MUTED: Style = Style::new(FontKind::Oblique, 8.5, 0.4);
