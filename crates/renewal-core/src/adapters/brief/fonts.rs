//! The brief's fonts: DejaVu Sans (regular, bold, oblique) from the `dejavu` crate, parsed
//! once per process, and a fallback face for the characters DejaVu lacks (Chinese, Japanese,
//! Korean): a CJK-capable font found on the system ([`find_fallback`]: fontconfig's choice
//! for Japanese, then the usual Droid Sans Fallback and Noto CJK paths; Debian's
//! `fonts-droid-fallback` provides one). Text is drawn in its style's face, character by
//! character falling back to that face when DejaVu has no glyph; a character neither has is
//! recorded by the layout and listed under the brief's data gaps, never dropped in silence
//! (issue 13).
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
    /// The system's CJK-capable font, for characters the DejaVu faces lack.
    Fallback,
}

impl FontKind {
    /// Every face, in resource order (the fallback last: it is embedded only when used).
    pub(crate) const ALL: [FontKind; 4] = [
        FontKind::Regular,
        FontKind::Bold,
        FontKind::Oblique,
        FontKind::Fallback,
    ];

    /// The three DejaVu faces the crate ships.
    const DEJAVU: [FontKind; 3] = [FontKind::Regular, FontKind::Bold, FontKind::Oblique];

    /// Index into per-face arrays.
    pub(crate) fn index(self) -> usize {
        match self {
            FontKind::Regular => 0,
            FontKind::Bold => 1,
            FontKind::Oblique => 2,
            FontKind::Fallback => 3,
        }
    }

    /// The face as the `dejavu` crate ships it (the fallback has none: regular's bytes).
    fn original(self) -> &'static [u8] {
        match self {
            FontKind::Regular | FontKind::Fallback => dejavu::sans::regular(),
            FontKind::Bold => dejavu::sans::bold(),
            FontKind::Oblique => dejavu::sans::oblique(),
        }
    }

    /// The face slimmed for embedding ([`super::sfnt::slim`]), made once per process.
    fn bytes(self) -> &'static [u8] {
        static SLIM: OnceLock<[Vec<u8>; 3]> = OnceLock::new();
        let slim = SLIM.get_or_init(|| {
            FontKind::DEJAVU
                .map(|k| super::sfnt::slim(k.original()).unwrap_or_else(|| k.original().to_vec()))
        });
        &slim[self.index().min(2)]
    }
}

/// Where a CJK-capable font usually is on Linux (Debian's fonts-droid-fallback and
/// fonts-noto-cjk, Fedora's google-noto-sans-cjk).
const FALLBACK_PATHS: [&str; 5] = [
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
];

/// Fonts larger than this (bytes) are not read as a fallback.
const FALLBACK_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Finds a CJK-capable font on the system: the usual paths first (Droid Sans Fallback, a
/// TrueType font that subsets well), then fontconfig's choice for Japanese (`fc-match -f
/// '%{file}' ':lang=ja'`). A candidate counts only if it parses and has a glyph for 日
/// (U+65E5). Returns the font file's bytes, or `None` when no such font is found.
pub(crate) fn find_fallback() -> Option<Vec<u8>> {
    let mut candidates: Vec<std::path::PathBuf> = FALLBACK_PATHS
        .iter()
        .map(std::path::PathBuf::from)
        .collect();
    if let Ok(out) = std::process::Command::new("fc-match")
        .args(["-f", "%{file}", ":lang=ja"])
        .stderr(std::process::Stdio::null())
        .output()
    {
        if out.status.success() {
            if let Ok(path) = String::from_utf8(out.stdout) {
                candidates.push(path.trim().into());
            }
        }
    }
    candidates.into_iter().find_map(|path| {
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > FALLBACK_MAX_BYTES {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        let face = ttf_parser::Face::parse(&bytes, 0).ok()?;
        face.glyph_index('日')?;
        Some(bytes)
    })
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

    /// Advance width of `c` in font units, `None` when the face has no glyph for it.
    fn glyph_advance(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        let w = if cp < TABLE_LEN {
            self.table[cp]
        } else {
            self.face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g))
                .unwrap_or(u16::MAX)
        };
        (w != u16::MAX).then_some(w)
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has_glyph(&self, c: char) -> bool {
        self.glyph_advance(c).is_some()
    }

    /// `units` font units at `size` points, in points.
    fn points(&self, units: u64, size: f32) -> f32 {
        units as f32 * size / self.units_per_em
    }
}

/// The faces, measured and parsed for embedding.
pub(crate) struct Fonts {
    metrics: [Metrics; 3],
    parsed: [ParsedFont; 3],
    /// The system's CJK-capable font, when one was found.
    fallback: Option<(Metrics, ParsedFont)>,
}

/// Font units of a text measured in one face with the fallback: (face units, fallback
/// units), each summed as `u64` (saturating), so no text can overflow the sum: a 4 MB word
/// measures about 3 × 10⁹ units, past `u32` (issue 13).
#[derive(Debug, Clone, Copy, Default)]
struct Units {
    face: u64,
    fallback: u64,
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
            fallback: Fonts::load_fallback(),
        })
    }

    /// The system's CJK-capable font ([`find_fallback`]), read once per process.
    fn load_fallback() -> Option<(Metrics, ParsedFont)> {
        static BYTES: OnceLock<Option<Vec<u8>>> = OnceLock::new();
        let bytes: &'static [u8] = BYTES.get_or_init(find_fallback).as_deref()?;
        let metrics = Metrics::new(bytes)?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)?;
        Some((metrics, parsed))
    }

    /// Metrics of a face (the fallback's when `kind` is [`FontKind::Fallback`] and one was
    /// found; regular's otherwise).
    pub(crate) fn metrics(&self, kind: FontKind) -> &Metrics {
        match (kind, &self.fallback) {
            (FontKind::Fallback, Some((m, _))) => m,
            _ => &self.metrics[kind.index().min(2)],
        }
    }

    /// The face parsed for embedding (see [`Fonts::metrics`] for the fallback).
    pub(crate) fn parsed(&self, kind: FontKind) -> &ParsedFont {
        match (kind, &self.fallback) {
            (FontKind::Fallback, Some((_, p))) => p,
            _ => &self.parsed[kind.index().min(2)],
        }
    }

    /// The face that draws `c` in text of face `kind`: `kind` when it has a glyph, else the
    /// fallback when it has one, else `None` (the viewer would draw `kind`'s `.notdef`).
    pub(crate) fn face_for(&self, kind: FontKind, c: char) -> Option<FontKind> {
        if self.metrics(kind).has_glyph(c) {
            Some(kind)
        } else if self.fallback.as_ref().is_some_and(|(m, _)| m.has_glyph(c)) {
            Some(FontKind::Fallback)
        } else {
            None
        }
    }

    /// Adds the advance of `c` (text of face `kind`) to `u`.
    fn add(&self, kind: FontKind, c: char, u: &mut Units) {
        let m = self.metrics(kind);
        match m.glyph_advance(c) {
            Some(a) => u.face = u.face.saturating_add(u64::from(a)),
            None => match self.fallback.as_ref().and_then(|(f, _)| f.glyph_advance(c)) {
                Some(a) => u.fallback = u.fallback.saturating_add(u64::from(a)),
                None => u.face = u.face.saturating_add(u64::from(m.notdef)),
            },
        }
    }

    /// `u` at `size` points, in points.
    fn points(&self, kind: FontKind, u: Units, size: f32) -> f32 {
        let face = self.metrics(kind).points(u.face, size);
        match (&self.fallback, u.fallback) {
            (Some((f, _)), n) if n > 0 => face + f.points(n, size),
            _ => face,
        }
    }

    /// Width of `text` in `kind` at `size` points, in points (characters `kind` lacks are
    /// measured in the fallback face that draws them).
    pub(crate) fn width(&self, kind: FontKind, text: &str, size: f32) -> f32 {
        let mut u = Units::default();
        for c in text.chars() {
            self.add(kind, c, &mut u);
        }
        self.points(kind, u, size)
    }

    /// Whether `text` in `kind` at `size` points is at most `max` points wide: the same
    /// answer as `width(..) <= max`, but measuring stops at the first character past `max`,
    /// so a long text costs no more than what fits.
    pub(crate) fn fits(&self, kind: FontKind, text: &str, size: f32, max: f32) -> bool {
        let mut u = Units::default();
        for c in text.chars() {
            self.add(kind, c, &mut u);
            if self.points(kind, u, size) > max {
                return false;
            }
        }
        self.points(kind, u, size) <= max
    }

    /// Width of one character, in points.
    pub(crate) fn char_width(&self, kind: FontKind, c: char, size: f32) -> f32 {
        self.width(kind, c.encode_utf8(&mut [0; 4]), size)
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

    #[test]
    fn a_four_megabyte_word_measures_without_overflow() {
        // 4 Mi × 'W' (about 1,300 font units each) is past u32: it panicked before (issue 13).
        let fonts = Fonts::get().unwrap();
        let word = "W".repeat(4 * 1024 * 1024);
        let one = fonts.width(FontKind::Regular, "W", 10.0);
        let all = fonts.width(FontKind::Regular, &word, 10.0);
        let expected = one * word.len() as f32;
        assert!(
            (all - expected).abs() / expected < 1e-4,
            "{all} vs {expected}"
        );
        assert!(!fonts.fits(FontKind::Regular, &word, 10.0, 1000.0));
        assert!(fonts.fits(FontKind::Regular, "WW", 10.0, 2.0 * one + 0.01));
        assert!(!fonts.fits(FontKind::Regular, "WW", 10.0, 2.0 * one - 0.01));
    }

    #[test]
    fn the_fallback_face_draws_what_dejavu_lacks_when_found() {
        let fonts = Fonts::get().unwrap();
        assert_eq!(fonts.face_for(FontKind::Bold, 'é'), Some(FontKind::Bold));
        assert!(!fonts.metrics(FontKind::Regular).has_glyph('日'));
        match find_fallback() {
            Some(_) => {
                assert_eq!(
                    fonts.face_for(FontKind::Regular, '日'),
                    Some(FontKind::Fallback)
                );
                assert!(fonts.width(FontKind::Regular, "日本", 10.0) > 10.0);
            }
            None => assert_eq!(fonts.face_for(FontKind::Regular, '日'), None),
        }
        assert_eq!(fonts.face_for(FontKind::Regular, '\u{10FFFD}'), None);
    }
}
