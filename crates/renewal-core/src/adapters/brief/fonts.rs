//! The brief's fonts: DejaVu Sans (regular, bold, oblique) from the `dejavu` crate, parsed
//! once per process.
//!
//! Two views of each face are kept:
//! - a [`ttf_parser::Face`] to measure text with the font's own advance widths (printpdf does
//!   not measure or wrap text), with a width table for the first 12,288 code points so the
//!   hot path is an array lookup;
//! - a printpdf [`ParsedFont`] that the PDF embeds (and subsets on save).
//!
//! Both read the faces after [`super::sfnt::slim`] has removed what a PDF does not need
//! (hinting bytecode, the licence text in `name`, layout tables).
//!
//! Text drawn with printpdf's `ShowText(Text)` is encoded glyph by glyph through the font's
//! cmap with no kerning and no shaping, so the advance widths measured here are exactly the
//! widths the PDF viewer uses: a line measured to fit does fit.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// A face of the brief's font family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FontKind {
    /// DejaVu Sans: body text.
    Regular,
    /// DejaVu Sans Bold: headings, labels, emphasis.
    Bold,
    /// DejaVu Sans Oblique: quoted clause text.
    Oblique,
}

impl FontKind {
    /// Every face, in resource order.
    pub(crate) const ALL: [FontKind; 3] = [FontKind::Regular, FontKind::Bold, FontKind::Oblique];

    /// Index into per-face arrays.
    pub(crate) fn index(self) -> usize {
        match self {
            FontKind::Regular => 0,
            FontKind::Bold => 1,
            FontKind::Oblique => 2,
        }
    }

    /// The face as the `dejavu` crate ships it.
    fn original(self) -> &'static [u8] {
        match self {
            FontKind::Regular => dejavu::sans::regular(),
            FontKind::Bold => dejavu::sans::bold(),
            FontKind::Oblique => dejavu::sans::oblique(),
        }
    }

    /// The face slimmed for embedding ([`super::sfnt::slim`]), made once per process.
    fn bytes(self) -> &'static [u8] {
        static SLIM: OnceLock<[Vec<u8>; 3]> = OnceLock::new();
        let slim = SLIM.get_or_init(|| {
            FontKind::ALL
                .map(|k| super::sfnt::slim(k.original()).unwrap_or_else(|| k.original().to_vec()))
        });
        &slim[self.index()]
    }
}

/// Code points below this have their advance width in a table.
const TABLE_LEN: usize = 0x3000;

/// One measured face.
pub(crate) struct Metrics {
    face: ttf_parser::Face<'static>,
    /// Advance widths in font units, by code point (`u16::MAX` when the font has no glyph:
    /// the `.notdef` width is used then, as the viewer would draw `.notdef`).
    table: Vec<u16>,
    notdef: u16,
    units_per_em: f32,
    /// Ascender as a fraction of the font size (positive).
    pub(crate) ascent: f32,
    /// Descender as a fraction of the font size (positive, below the baseline).
    pub(crate) descent: f32,
}

impl Metrics {
    fn new(bytes: &'static [u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let upem = f32::from(face.units_per_em());
        let notdef = face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0);
        let mut table = vec![u16::MAX; TABLE_LEN];
        for (cp, slot) in table.iter_mut().enumerate() {
            let Some(c) = u32::try_from(cp).ok().and_then(char::from_u32) else {
                continue;
            };
            if let Some(adv) = face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)) {
                *slot = adv;
            }
        }
        Some(Metrics {
            ascent: f32::from(face.ascender()) / upem,
            descent: -f32::from(face.descender()) / upem,
            notdef,
            units_per_em: upem,
            table,
            face,
        })
    }

    /// Advance width of `c` in font units.
    fn advance(&self, c: char) -> u16 {
        let cp = c as usize;
        let w = if cp < TABLE_LEN {
            self.table[cp]
        } else {
            self.face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g))
                .unwrap_or(u16::MAX)
        };
        if w == u16::MAX {
            self.notdef
        } else {
            w
        }
    }

    /// Whether the face has a glyph for `c`.
    #[cfg(test)]
    pub(crate) fn has_glyph(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// Width of `text` set at `size` points, in points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        units as f32 * size / self.units_per_em
    }
}

/// The three faces, measured and parsed for embedding.
pub(crate) struct Fonts {
    metrics: [Metrics; 3],
    parsed: [ParsedFont; 3],
}

impl Fonts {
    /// The process-wide fonts, parsed on first use (a few milliseconds, once).
    pub(crate) fn get() -> Result<&'static Fonts, crate::Error> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS.get_or_init(Fonts::load).as_ref().ok_or_else(|| {
            crate::Error::Brief("the embedded DejaVu Sans fonts could not be parsed".to_string())
        })
    }

    fn load() -> Option<Fonts> {
        let m = |k: FontKind| Metrics::new(k.bytes());
        let p = |k: FontKind| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(k.bytes(), 0, &mut warnings)
        };
        Some(Fonts {
            metrics: [
                m(FontKind::Regular)?,
                m(FontKind::Bold)?,
                m(FontKind::Oblique)?,
            ],
            parsed: [
                p(FontKind::Regular)?,
                p(FontKind::Bold)?,
                p(FontKind::Oblique)?,
            ],
        })
    }

    /// Metrics of a face.
    pub(crate) fn metrics(&self, kind: FontKind) -> &Metrics {
        &self.metrics[kind.index()]
    }

    /// The face parsed for embedding.
    pub(crate) fn parsed(&self, kind: FontKind) -> &ParsedFont {
        &self.parsed[kind.index()]
    }

    /// Width of `text` in `kind` at `size` points, in points.
    pub(crate) fn width(&self, kind: FontKind, text: &str, size: f32) -> f32 {
        self.metrics(kind).width(text, size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dejavu_has_the_characters_the_issue_names() {
        let fonts = Fonts::get().unwrap();
        for c in ['✓', '€', '—', 'é', 'ñ', '☐', '▲', '◆', '…', '⚠'] {
            assert!(
                fonts.metrics(FontKind::Regular).has_glyph(c),
                "regular lacks {c}"
            );
        }
        for c in ['✓', '€', '—', 'é', 'ñ'] {
            assert!(fonts.metrics(FontKind::Bold).has_glyph(c), "bold lacks {c}");
            assert!(
                fonts.metrics(FontKind::Oblique).has_glyph(c),
                "oblique lacks {c}"
            );
        }
    }

    #[test]
    fn widths_add_up_and_scale_with_size() {
        let fonts = Fonts::get().unwrap();
        let a = fonts.width(FontKind::Regular, "Renewal", 10.0);
        let b = fonts.width(FontKind::Regular, " Desk", 10.0);
        let ab = fonts.width(FontKind::Regular, "Renewal Desk", 10.0);
        assert!((a + b - ab).abs() < 1e-3);
        assert!((fonts.width(FontKind::Regular, "Renewal Desk", 20.0) - 2.0 * ab).abs() < 1e-3);
        assert!(fonts.width(FontKind::Bold, "Renewal Desk", 10.0) > ab);
        // Beyond the table: still measured through the cmap.
        assert!(fonts.width(FontKind::Regular, "\u{1D400}", 10.0) > 0.0);
    }
}
