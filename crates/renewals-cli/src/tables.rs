//! Tables of many rows (`renewals list`, `renewals deadlines`) written without holding
//! every row (issue 14 item 1).
//!
//! A [`SpooledTable`] takes rows as they are computed: it writes each to a temporary file
//! (one JSON array of cell texts a line) and keeps in memory only its sort key and place,
//! and the widest content of each column (measured by `comfy_table` itself, a chunk of rows
//! at a time). [`SpooledTable::print`] then reads the rows back in key order and prints
//! them in chunks of [`CHUNK`] rows, each a `comfy_table` table whose columns are fixed to
//! the widths the whole table has, joined into one table: the same lines as one table of
//! every row when the output is not a terminal, or when the table fits the terminal. A
//! table wider than the terminal is wrapped to widths arranged from the widest cell of each
//! column (a whole table's arrangement would need every cell).

use std::fs::File;
use std::io::{BufWriter, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};

use crate::error::{CliError, CliResult};

/// Rows per printed chunk (and per width measurement).
const CHUNK: usize = 512;

/// One spooled row: its sort key, then its place in the spool file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place<K> {
    key: K,
    offset: u64,
    len: u32,
}

/// A table being spooled: see the module docs. `K` orders the rows (rows of equal keys keep
/// the order they were added in).
pub(crate) struct SpooledTable<K: Ord + Copy> {
    headers: Vec<String>,
    spool: BufWriter<File>,
    offset: u64,
    places: Vec<Place<K>>,
    /// Rows not measured yet.
    pending: Vec<Vec<String>>,
    /// The widest content of each column so far (display columns, as `comfy_table` counts).
    widths: Vec<u16>,
    /// The longest cell of each column (for arranging a table wider than the terminal).
    widest: Vec<String>,
}

fn spool_err(e: std::io::Error) -> CliError {
    CliError::Core(renewal_core::Error::Io {
        path: std::env::temp_dir(),
        source: e,
    })
}

impl<K: Ord + Copy> SpooledTable<K> {
    /// An empty table with `headers`, spooled to a temporary file in the OS temporary
    /// folder (removed when the table is dropped).
    ///
    /// Errors: the temporary file cannot be made (exit 7, naming the folder).
    pub(crate) fn new(headers: &[&str]) -> CliResult<Self> {
        let file = tempfile::tempfile().map_err(spool_err)?;
        Ok(SpooledTable {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            spool: BufWriter::with_capacity(1 << 16, file),
            offset: 0,
            places: Vec::new(),
            pending: Vec::new(),
            widths: vec![0; headers.len()],
            widest: headers.iter().map(|h| h.to_string()).collect(),
        })
    }

    /// Adds a row (one text per column; a text may hold several lines) under `key`.
    ///
    /// Errors: the spool file cannot be written.
    pub(crate) fn push(&mut self, key: K, cells: Vec<String>) -> CliResult<()> {
        let mut line = serde_json::to_vec(&cells).map_err(renewal_core::Error::from)?;
        line.push(b'\n');
        self.spool.write_all(&line).map_err(spool_err)?;
        let len = u32::try_from(line.len())
            .map_err(|_| spool_err(std::io::Error::other("a table row longer than 4 GB")))?;
        self.places.push(Place {
            key,
            offset: self.offset,
            len,
        });
        self.offset += u64::from(len);
        self.pending.push(cells);
        if self.pending.len() >= CHUNK {
            self.measure();
        }
        Ok(())
    }

    /// Folds the pending rows' widths into `widths` (as `comfy_table` measures them).
    fn measure(&mut self) {
        let mut t = plain_table(&self.headers);
        for row in std::mem::take(&mut self.pending) {
            t.add_row(row);
        }
        for (i, w) in t.column_max_content_widths().into_iter().enumerate() {
            if let Some(max) = self.widths.get_mut(i) {
                if w > *max {
                    *max = w;
                    // The cell that set the width (the header's when no row is wider).
                    let cell = t
                        .row_iter()
                        .filter_map(|r| r.cell_iter().nth(i))
                        .map(|c| c.content())
                        .max_by_key(|c| c.lines().map(str::len).max().unwrap_or(0));
                    if let (Some(cell), Some(slot)) = (cell, self.widest.get_mut(i)) {
                        *slot = cell;
                    }
                }
            }
        }
    }

    /// Prints the table in key order, one line at a time (see the module docs).
    ///
    /// Errors: the spool file cannot be read back.
    pub(crate) fn print(mut self) -> CliResult<()> {
        self.measure();
        let file = self
            .spool
            .into_inner()
            .map_err(|e| spool_err(e.into_error()))?;
        self.places.sort();
        let widths = arranged_widths(&self.headers, &self.widths, &self.widest);
        let chunks: Vec<&[Place<K>]> = if self.places.is_empty() {
            vec![&[]]
        } else {
            self.places.chunks(CHUNK).collect()
        };
        let last = chunks.len() - 1;
        let mut buf = Vec::new();
        for (n, chunk) in chunks.into_iter().enumerate() {
            let mut t = Table::new();
            t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled);
            if n == 0 {
                t.set_header(self.headers.clone());
            }
            for p in chunk {
                buf.resize(p.len as usize, 0);
                renewal_core::services::stream::read_at(&file, &mut buf, p.offset)
                    .map_err(spool_err)?;
                let cells: Vec<String> =
                    serde_json::from_slice(&buf).map_err(renewal_core::Error::from)?;
                t.add_row(cells);
            }
            t.set_constraints(
                widths
                    .iter()
                    .map(|w| ColumnConstraint::Absolute(Width::Fixed(*w))),
            );
            let lines: Vec<String> = t.lines().collect();
            let from = usize::from(n > 0);
            let to = if n == last {
                lines.len()
            } else {
                lines.len().saturating_sub(1)
            };
            for line in lines.get(from..to).unwrap_or_default() {
                crate::emit(line);
            }
        }
        Ok(())
    }
}

/// A table with `headers` as [`crate::table`] makes it.
fn plain_table(headers: &[String]) -> Table {
    let mut t = Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    t
}

/// Each column's width with its padding: the widest content plus 2 when the output is not a
/// terminal or the table fits it; otherwise `comfy_table`'s dynamic arrangement of a table
/// holding the widest cell of each column.
fn arranged_widths(headers: &[String], widths: &[u16], widest: &[String]) -> Vec<u16> {
    let natural: Vec<u16> = widths.iter().map(|w| w.saturating_add(2)).collect();
    let mut probe = plain_table(headers);
    let Some(term) = probe.width() else {
        return natural;
    };
    // Borders: one before each column and one at the end.
    let total: usize = natural.iter().map(|w| usize::from(*w)).sum::<usize>() + natural.len() + 1;
    if total <= usize::from(term) {
        return natural;
    }
    probe.add_row(widest.to_vec());
    let top = probe.lines().next();
    match top {
        // The top border: "┌──┬───┐", one run of '─' per column.
        Some(top) => {
            let runs: Vec<u16> = top
                .trim_start_matches('┌')
                .trim_end_matches('┐')
                .split('┬')
                .map(|run| u16::try_from(run.chars().count()).unwrap_or(u16::MAX))
                .collect();
            if runs.len() == natural.len() {
                runs
            } else {
                natural
            }
        }
        None => natural,
    }
}
