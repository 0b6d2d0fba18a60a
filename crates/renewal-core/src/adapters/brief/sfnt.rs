//! Slims a TrueType font for embedding, once per process, before printpdf subsets it.
//!
//! A DejaVu Sans subset of ~80 glyphs is ~30 KB, and half of that is not needed in a PDF:
//! the `name` table's full licence text (14 KB; the copyright notice and the licence URL are
//! kept) and the TrueType hinting bytecode in every glyph, which PDF viewers do not run.
//! Removing them keeps a brief well under its size budget (60 KB). Outlines, advance widths
//! and the character map are untouched, so text measures and renders the same.
//!
//! Kept tables: `cmap`, `glyf` (instructions removed), `head`, `hhea`, `hmtx`, `loca`
//! (rewritten, long format), `maxp`, `name` (without name ID 13, the licence text), `OS/2`
//! and `post`. Dropped: hinting (`cvt `, `fpgm`, `prep`, `gasp`) and layout tables (`GPOS`,
//! `GSUB`, `GDEF`, `kern`, `MATH`, `FFTM`), which printpdf's plain-text path does not use.

/// Tables copied through unchanged (plus `glyf`, `loca`, `head`, `maxp`, `name`, rewritten).
const KEEP: [&[u8; 4]; 5] = [b"cmap", b"hhea", b"hmtx", b"OS/2", b"post"];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// The tables of a font by tag.
fn tables(font: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let n = usize::from(u16_at(font, 4)?);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        out.push((tag, font.get(off..off.checked_add(len)?)?));
    }
    Some(out)
}

/// `glyf` without instructions, and the matching long-format `loca`.
fn strip_glyphs(
    glyf: &[u8],
    loca: &[u8],
    long: bool,
    num_glyphs: usize,
) -> Option<(Vec<u8>, Vec<u8>)> {
    let offset = |i: usize| -> Option<usize> {
        if long {
            u32_at(loca, 4 * i).map(|v| v as usize)
        } else {
            u16_at(loca, 2 * i).map(|v| 2 * usize::from(v))
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(4 * (num_glyphs + 1));
    for i in 0..num_glyphs {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        let (start, end) = (offset(i)?, offset(i + 1)?);
        if end <= start {
            continue;
        }
        let g = glyf.get(start..end)?;
        let contours = u16_at(g, 0)? as i16;
        if contours >= 0 {
            // Simple glyph: header, end points, instruction length, instructions, the rest.
            let n = contours as usize;
            let ilen_at = 10 + 2 * n;
            let ilen = usize::from(u16_at(g, ilen_at)?);
            new_glyf.extend_from_slice(g.get(..ilen_at)?);
            new_glyf.extend_from_slice(&[0, 0]);
            new_glyf.extend_from_slice(g.get(ilen_at + 2 + ilen..)?);
        } else {
            // Composite glyph: components, then instructions if the last flags say so.
            let mut at = 10;
            let mut out = g.get(..10)?.to_vec();
            loop {
                let flags = u16_at(g, at)?;
                let mut len = 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
                if flags & 0x0008 != 0 {
                    len += 2;
                } else if flags & 0x0040 != 0 {
                    len += 4;
                } else if flags & 0x0080 != 0 {
                    len += 8;
                }
                let comp = g.get(at..at + len)?;
                out.extend_from_slice(&(flags & !0x0100).to_be_bytes());
                out.extend_from_slice(&comp[2..]);
                at += len;
                if flags & 0x0020 == 0 {
                    break;
                }
            }
            new_glyf.extend_from_slice(&out);
        }
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    Some((new_glyf, new_loca))
}

/// `name` without the records of name ID 13 (the licence text).
fn strip_name(name: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(name, 2)?);
    let storage = usize::from(u16_at(name, 4)?);
    let mut records = Vec::new();
    let mut strings = Vec::new();
    for i in 0..count {
        let r = 6 + 12 * i;
        let name_id = u16_at(name, r + 6)?;
        if name_id == 13 {
            continue;
        }
        let len = usize::from(u16_at(name, r + 8)?);
        let off = usize::from(u16_at(name, r + 10)?);
        let text = name.get(storage + off..storage + off + len)?;
        records.extend_from_slice(name.get(r..r + 8)?);
        records.extend_from_slice(&u16::try_from(len).ok()?.to_be_bytes());
        records.extend_from_slice(&u16::try_from(strings.len()).ok()?.to_be_bytes());
        strings.extend_from_slice(text);
    }
    let kept = records.len() / 12;
    let mut out = Vec::with_capacity(6 + records.len() + strings.len());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&u16::try_from(kept).ok()?.to_be_bytes());
    out.extend_from_slice(&u16::try_from(6 + records.len()).ok()?.to_be_bytes());
    out.extend_from_slice(&records);
    out.extend_from_slice(&strings);
    Some(out)
}

/// The slimmed font (see the module docs), or `None` if `font` is not a TrueType font this
/// function understands (the caller then uses the font as it is).
pub(crate) fn slim(font: &[u8]) -> Option<Vec<u8>> {
    if u32_at(font, 0)? != 0x0001_0000 {
        return None;
    }
    let all = tables(font)?;
    let get = |tag: &[u8; 4]| all.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let head = get(b"head")?;
    let maxp = get(b"maxp")?;
    let num_glyphs = usize::from(u16_at(maxp, 4)?);
    let long = u16_at(head, 50)? == 1;
    let (glyf, loca) = strip_glyphs(get(b"glyf")?, get(b"loca")?, long, num_glyphs)?;
    let name = strip_name(get(b"name")?)?;
    let mut head = head.to_vec();
    head.get_mut(8..12)?.copy_from_slice(&[0; 4]); // checkSumAdjustment, set below
    head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes()); // long loca
    let mut maxp = maxp.to_vec();
    if maxp.len() >= 32 {
        // maxSizeOfInstructions: no glyph has instructions now.
        maxp[26..28].copy_from_slice(&[0, 0]);
    }
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"glyf", glyf),
        (*b"head", head),
        (*b"loca", loca),
        (*b"maxp", maxp),
        (*b"name", name),
    ];
    for tag in KEEP {
        out_tables.push((*tag, get(tag)?.to_vec()));
    }
    out_tables.sort_by_key(|a| a.0);

    let n = out_tables.len();
    let mut entry_selector = 0u16;
    while (2usize << entry_selector) <= n {
        entry_selector += 1;
    }
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::with_capacity(font.len());
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&u16::try_from(n).ok()?.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&(u16::try_from(n * 16).ok()? - search_range).to_be_bytes());
    let mut offset = 12 + 16 * n;
    let mut head_at = 0;
    for (tag, data) in &out_tables {
        if tag == b"head" {
            head_at = offset;
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &out_tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slim_dejavu_keeps_outlines_widths_and_names() {
        for original in [
            dejavu::sans::regular(),
            dejavu::sans::bold(),
            dejavu::sans::oblique(),
        ] {
            let slim = slim(original).unwrap();
            assert!(
                slim.len() + 50_000 < original.len(),
                "{} → {}",
                original.len(),
                slim.len()
            );
            let a = ttf_parser::Face::parse(original, 0).unwrap();
            let b = ttf_parser::Face::parse(&slim, 0).unwrap();
            assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
            assert!(b
                .raw_face()
                .table(ttf_parser::Tag::from_bytes(b"fpgm"))
                .is_none());
            assert!(b.tables().gpos.is_none());
            for c in "AgÑé€✓—%ñ(ffi".chars() {
                let (ga, gb) = (a.glyph_index(c).unwrap(), b.glyph_index(c).unwrap());
                assert_eq!(ga, gb);
                assert_eq!(a.glyph_hor_advance(ga), b.glyph_hor_advance(gb));
                assert_eq!(a.glyph_bounding_box(ga), b.glyph_bounding_box(gb), "{c}");
            }
            let names: Vec<u16> = b.names().into_iter().map(|n| n.name_id).collect();
            assert!(names.contains(&0) && names.contains(&6) && names.contains(&14));
            assert!(!names.contains(&13));
            assert_eq!(checksum(&slim), 0xB1B0_AFBA);
        }
    }

    #[test]
    fn not_a_truetype_font() {
        assert_eq!(slim(b"OTTO\0\0\0\0"), None);
        assert_eq!(slim(b""), None);
    }
}
