//! Streamed views of many agreements (issue 14 item 1): `renewals list` and `renewals
//! deadlines` read the store one agreement at a time in its compact form with its sources
//! ([`Store::for_each_quoted`]) and write their JSON as they go, so that their memory does
//! not grow with the number of agreements.
//!
//! Two output forms ([`JsonForm`]): one JSON array, written element by element with the same
//! bytes as `serde_json::to_string_pretty` of the whole array (the documented `--json`
//! output), or JSON Lines (one compact object per line, `--jsonl`).
//!
//! The deadlines are sorted by date across agreements, so they cannot be written in the
//! order they are read: each row is rendered once, in store order, to a temporary file, and
//! only its sort key (date, agreement id, position) is kept in memory (24 bytes a row);
//! the rows are then copied to the output in date order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::ser::{SerializeSeq, Serializer as _};
use serde::Serialize;

use crate::adapters::store::{ListedAgreement, Store};
use crate::domain::rules::{assess, EventStatus, EventView};
use crate::error::{Error, Result};
use crate::services::dashboard::AgreementListing;
use crate::services::views::DeadlineRow;

/// How a streamed view writes its JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonForm {
    /// One pretty-printed JSON array (two-space indent), byte for byte what
    /// `serde_json::to_string_pretty` gives for the whole list, without its final newline.
    Array,
    /// JSON Lines: one compact JSON object per line, each line ended by `\n`.
    Lines,
}

/// The name given to output errors ([`Error::Io`]'s path): the streamed views write to a
/// caller's writer, usually standard output.
const OUTPUT: &str = "output";

fn out_err(source: std::io::Error) -> Error {
    Error::Io {
        path: PathBuf::from(OUTPUT),
        source,
    }
}

/// A serde_json error while writing: an I/O error (a closed pipe, a full disk) as
/// [`Error::Io`] (so that a caller can tell a closed pipe), anything else as
/// [`Error::Json`].
fn json_err(e: serde_json::Error) -> Error {
    match e.io_error_kind() {
        Some(kind) => out_err(std::io::Error::new(kind, e.to_string())),
        None => Error::Json(e),
    }
}

/// Writes `items` to `out` in `form`, as they come: for [`JsonForm::Array`] the pretty array
/// (`[]` when there is none), for [`JsonForm::Lines`] one line each. `walk` calls its
/// argument once per item, in order, and returns the walk's error, if any. Returns how many
/// items were written.
///
/// Errors: those of `walk`; [`Error::Io`] (path `output`) when `out` cannot be written.
pub fn write_json_stream<T: Serialize, W: Write>(
    out: W,
    form: JsonForm,
    walk: impl FnOnce(&mut dyn FnMut(&T) -> Result<()>) -> Result<()>,
) -> Result<usize> {
    let mut n = 0usize;
    let mut out = BufWriter::with_capacity(1 << 16, out);
    match form {
        JsonForm::Array => {
            let mut ser = serde_json::Serializer::pretty(&mut out);
            let mut seq = ser.serialize_seq(None).map_err(json_err)?;
            walk(&mut |item| {
                n += 1;
                seq.serialize_element(item).map_err(json_err)
            })?;
            seq.end().map_err(json_err)?;
        }
        JsonForm::Lines => {
            walk(&mut |item| {
                n += 1;
                serde_json::to_writer(&mut out, item).map_err(json_err)?;
                out.write_all(b"\n").map_err(out_err)
            })?;
        }
    }
    out.flush().map_err(out_err)?;
    Ok(n)
}

/// `renewals list --json` / `--jsonl`: one [`AgreementListing`] per agreement of `store`
/// as of `as_of`, by id, written to `out` as they are computed. Returns how many.
///
/// Errors: the store's ([`Store::for_each_quoted`]); [`Error::Io`] when `out` cannot be
/// written.
pub fn write_listings<W: Write>(
    store: &Store,
    as_of: NaiveDate,
    form: JsonForm,
    out: W,
) -> Result<usize> {
    write_json_stream(out, form, |emit| {
        store.for_each_quoted(|l| emit(&AgreementListing::from_listed(&l, as_of)))
    })
}

/// Calls `f` with the dated events of `listed` as of `as_of` that `within` keeps (see
/// [`crate::services::views::deadlines`]), in the engine's order.
///
/// Errors: the first error `f` returns.
pub fn deadline_rows_of(
    listed: &ListedAgreement,
    as_of: NaiveDate,
    within: Option<i64>,
    mut f: impl FnMut(DeadlineRow) -> Result<()>,
) -> Result<()> {
    let a = &listed.agreement;
    let s = assess(a, as_of);
    for e in &s.events {
        if let Some(n) = within {
            if e.days_from_today > n
                || !matches!(e.status, EventStatus::Open | EventStatus::Overdue)
            {
                continue;
            }
        }
        f(DeadlineRow {
            agreement_id: listed.id,
            agreement: a.title.clone(),
            counterparty: a.counterparty.clone(),
            contract_owner: a.contract_owner.as_ref().map(|o| o.value.clone()),
            event: EventView::new(e, a),
        })?;
    }
    Ok(())
}

/// The dated events of every agreement in `store` as of `as_of`, sorted by date (then
/// agreement id, then the engine's order), as [`crate::services::views::deadlines`] gives
/// them for full agreements; read from the compact form with sources. Holds every row: for
/// the table view. The JSON views stream with [`write_deadlines`].
///
/// Errors: the store's ([`Store::for_each_quoted`]).
pub fn deadline_rows(
    store: &Store,
    as_of: NaiveDate,
    within: Option<i64>,
) -> Result<Vec<DeadlineRow>> {
    let mut rows = Vec::new();
    store.for_each_quoted(|l| {
        deadline_rows_of(&l, as_of, within, |r| {
            rows.push(r);
            Ok(())
        })
    })?;
    rows.sort_by(|x, y| {
        x.event
            .date
            .cmp(&y.event.date)
            .then(x.agreement_id.cmp(&y.agreement_id))
    });
    Ok(rows)
}

/// One row's place in the spill file, ordered as the output: date, agreement id, then
/// position in the file (the order rows were produced in, which keeps the sort stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SpillKey {
    date: NaiveDate,
    agreement_id: i64,
    offset: u64,
    len: u32,
}

/// `renewals deadlines --json` / `--jsonl`: the rows of [`deadline_rows`] (same order, same
/// JSON), in bounded memory: each row is rendered as it is computed into a temporary file
/// (in the OS temporary folder, removed when done) and its sort key kept; then the rows are
/// copied to `out` in date order. Returns how many rows.
///
/// Errors: the store's; [`Error::Io`] when the temporary file or `out` cannot be written.
pub fn write_deadlines<W: Write>(
    store: &Store,
    as_of: NaiveDate,
    within: Option<i64>,
    form: JsonForm,
    out: W,
) -> Result<usize> {
    let tmp_err = |source| Error::Io {
        path: std::env::temp_dir(),
        source,
    };
    let file = tempfile::tempfile().map_err(tmp_err)?;
    let mut spill = BufWriter::with_capacity(1 << 16, file);
    let mut keys: Vec<SpillKey> = Vec::new();
    let mut offset = 0u64;
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    let mut pretty: Vec<u8> = Vec::with_capacity(4096);
    store.for_each_quoted(|l| {
        deadline_rows_of(&l, as_of, within, |row| {
            buf.clear();
            match form {
                JsonForm::Lines => {
                    serde_json::to_writer(&mut buf, &row)?;
                    buf.push(b'\n');
                }
                JsonForm::Array => {
                    // An element of the pretty array: its own pretty form, every line after
                    // the first indented by one level (JSON strings hold no raw newline).
                    pretty.clear();
                    serde_json::to_writer_pretty(&mut pretty, &row)?;
                    for &b in pretty.iter() {
                        buf.push(b);
                        if b == b'\n' {
                            buf.extend_from_slice(b"  ");
                        }
                    }
                }
            }
            spill.write_all(&buf).map_err(tmp_err)?;
            let len = u32::try_from(buf.len())
                .map_err(|_| tmp_err(std::io::Error::other("a deadline row longer than 4 GB")))?;
            keys.push(SpillKey {
                date: row.event.date,
                agreement_id: row.agreement_id,
                offset,
                len,
            });
            offset += u64::from(len);
            Ok(())
        })
    })?;
    let file = spill.into_inner().map_err(|e| tmp_err(e.into_error()))?;
    keys.sort_unstable();
    let mut out = BufWriter::with_capacity(1 << 16, out);
    if form == JsonForm::Array {
        out.write_all(b"[").map_err(out_err)?;
    }
    for (i, k) in keys.iter().enumerate() {
        buf.resize(k.len as usize, 0);
        read_at(&file, &mut buf, k.offset).map_err(tmp_err)?;
        if form == JsonForm::Array {
            out.write_all(if i == 0 { b"\n  " } else { b",\n  " })
                .map_err(out_err)?;
        }
        out.write_all(&buf).map_err(out_err)?;
    }
    if form == JsonForm::Array {
        out.write_all(if keys.is_empty() { b"]" } else { b"\n]" })
            .map_err(out_err)?;
    }
    out.flush().map_err(out_err)?;
    Ok(keys.len())
}

/// Reads exactly `buf.len()` bytes of `file` at byte `offset`, without moving a cursor (the
/// spooled rows of a sorted output are read back by offset: here and in the CLI's tables).
///
/// Errors: the file's, `UnexpectedEof` when fewer bytes are there.
#[cfg(unix)]
pub fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Reads exactly `buf.len()` bytes of `file` at byte `offset` (see the Unix version).
#[cfg(not(unix))]
pub fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}
