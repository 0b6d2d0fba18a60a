//! Writing the laid-out pages as a PDF: font subsets with names derived from the text,
//! exact media boxes, metadata dated at the as-of date and a document id derived from the
//! inputs, so the same agreement and as-of date give the same bytes.

use printpdf::{FontId, Mm, PdfDocument, PdfPage, PdfSaveOptions, Pt};
use sha2::{Digest, Sha256};

use crate::services::views::AgreementDetail;

use super::fonts::{FontKind, Fonts};
use super::layout::UNUSED_FACE_HASH;
use super::BriefOptions;

/// Six upper-case letters from a hash: the subset tag of a font (ISO 32000-1, 9.6.4).
fn subset_tag(hash: u64, kind: FontKind) -> String {
    let mut h = hash ^ (kind.index() as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut s = String::with_capacity(6);
    for _ in 0..6 {
        s.push(char::from(b'A' + (h % 26) as u8));
        h /= 26;
    }
    s
}

/// Writes `pages` (laid out with the `placeholder` font ids) as the brief's PDF for `detail`
/// as of `as_of`: the three faces subset to the glyphs used and named from `hashes` (the
/// text set in each face), the metadata dated `as_of` at 00:00 UTC, the document id a hash
/// of the source document, agreement id, as-of date and paper.
///
/// # Errors
///
/// [`crate::Error::Brief`] when `as_of` has no timestamp or the PDF cannot be written.
pub(crate) fn write_pdf(
    fonts: &Fonts,
    detail: &AgreementDetail,
    as_of: chrono::NaiveDate,
    options: &BriefOptions,
    pages: Vec<Vec<printpdf::Op>>,
    placeholder: [FontId; 4],
    hashes: [u64; 4],
) -> Result<Vec<u8>, crate::Error> {
    use printpdf::{Op, PdfFontHandle};
    let a = &detail.agreement;
    // Font resource names double as subset tags: derive them from the text set in each face
    // so different subsets get different names, deterministically.
    let ids: Vec<FontId> = FontKind::ALL
        .iter()
        .map(|k| FontId(subset_tag(hashes[k.index()], *k)))
        .collect();
    let mut doc = PdfDocument::new(&format!("Renewal brief: {}", a.title));
    for kind in FontKind::ALL {
        // The fallback face is embedded only when some text was drawn with it.
        if kind == FontKind::Fallback && hashes[kind.index()] == UNUSED_FACE_HASH {
            continue;
        }
        doc.resources.fonts.map.insert(
            ids[kind.index()].clone(),
            printpdf::PdfFont::new(fonts.parsed(kind).clone()),
        );
    }
    let (w, h) = options.paper.size_pt();
    doc.pages = pages
        .into_iter()
        .map(|mut ops| {
            for op in &mut ops {
                if let Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } = op
                {
                    if let Some(i) = placeholder.iter().position(|p| p == id) {
                        *id = ids[i].clone();
                    }
                }
            }
            PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), ops)
        })
        .collect();
    // Exact media box in points (Mm round-trips through f32).
    for p in &mut doc.pages {
        p.media_box = printpdf::Rect::from_wh(Pt(w), Pt(h));
        p.trim_box = p.media_box.clone();
        p.crop_box = p.media_box.clone();
    }
    let midnight = as_of
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(midnight)
        .map_err(|e| crate::Error::Brief(format!("as-of date {as_of}: {e}")))?;
    // A document id from the inputs: the source document, the as-of date and the paper.
    let mut hasher = Sha256::new();
    hasher.update(detail.sha256.as_bytes());
    hasher.update(detail.id.to_le_bytes());
    hasher.update(as_of.to_string().as_bytes());
    hasher.update(format!("{:?}", options.paper).as_bytes());
    let id_hex = hex::encode(&hasher.finalize()[..16]);
    let info = &mut doc.metadata.info;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.author = a
        .contract_owner
        .as_ref()
        .map(|o| o.value.clone())
        .unwrap_or_default();
    info.creator = "Renewal Desk".to_string();
    info.producer = "Renewal Desk renewal brief (printpdf)".to_string();
    info.subject = format!("Renewal brief as of {as_of}");
    info.identifier = id_hex.clone();
    info.keywords = vec!["renewal brief".to_string()];

    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id_hex.as_bytes().to_vec(), lopdf::StringFormat::Literal),
            lopdf::Object::String(id_hex.as_bytes().to_vec(), lopdf::StringFormat::Literal),
        ]),
    );
    lo.compress();
    let mut out = Vec::with_capacity(64 * 1024);
    lo.save_to(&mut out)
        .map_err(|e| crate::Error::Brief(format!("writing the PDF: {e}")))?;
    Ok(out)
}
