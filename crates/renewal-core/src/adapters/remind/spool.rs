//! Temporary files for a reminder run over a large register (issue 14 item 1): a run plans
//! one agreement at a time and keeps what it finds on disk, not in memory.
//!
//! - [`RecordSpool`]: records written once and read back once, in the order written (the
//!   events found due before the claim transaction; the older steps to record as
//!   superseded).
//! - [`ReminderSpool`]: the reminders claimed, read back in the report's order (date,
//!   agreement title, event label, then claims before retries, then the order they were
//!   planned in) as many times as needed: an external merge sort. Up to its chunk size of
//!   reminders is held in memory; each full chunk is sorted and written to the file as a
//!   run, and reading merges the runs (one buffered reader per run).
//!
//! Each record is a little-endian `u32` length and its JSON.

use std::cmp::Ordering;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::Reminder;
use crate::error::{Error, Result};
use crate::services::stream::read_at;

/// Reminders a [`ReminderSpool`] sorts in memory before writing them as one run.
pub(crate) const CHUNK: usize = 8_192;

/// Bytes of the buffer of each run's reader while merging.
const READ_BUFFER: usize = 16 * 1024;

fn tmp_err(source: std::io::Error) -> Error {
    Error::Io {
        path: std::env::temp_dir(),
        source,
    }
}

fn temp_file() -> Result<File> {
    tempfile::tempfile().map_err(tmp_err)
}

/// Appends `value` as one record (length, JSON) to `out`; returns its size in bytes.
fn write_record<T: Serialize, W: Write>(out: &mut W, value: &T, buf: &mut Vec<u8>) -> Result<u64> {
    buf.clear();
    buf.extend_from_slice(&[0; 4]);
    serde_json::to_writer(&mut *buf, value)?;
    let len = u32::try_from(buf.len() - 4)
        .map_err(|_| tmp_err(std::io::Error::other("a spooled record longer than 4 GB")))?;
    buf[..4].copy_from_slice(&len.to_le_bytes());
    out.write_all(buf).map_err(tmp_err)?;
    Ok(buf.len() as u64)
}

/// Reads the next record of `input`, `None` at its end.
fn read_record<T: DeserializeOwned, R: Read>(
    input: &mut R,
    buf: &mut Vec<u8>,
) -> Result<Option<T>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(tmp_err(e)),
    }
    buf.resize(u32::from_le_bytes(len) as usize, 0);
    input.read_exact(buf).map_err(tmp_err)?;
    Ok(Some(serde_json::from_slice(buf)?))
}

/// Records of type `T` kept in a temporary file (removed when dropped), read back once in
/// the order they were written.
pub(crate) struct RecordSpool<T> {
    out: BufWriter<File>,
    len: usize,
    buf: Vec<u8>,
    kind: PhantomData<T>,
}

impl<T: Serialize + DeserializeOwned> RecordSpool<T> {
    /// An empty spool. Errors: the temporary file cannot be made ([`Error::Io`]).
    pub(crate) fn new() -> Result<Self> {
        Ok(RecordSpool {
            out: BufWriter::with_capacity(1 << 16, temp_file()?),
            len: 0,
            buf: Vec::new(),
            kind: PhantomData,
        })
    }

    /// Appends `value`. Errors: the file cannot be written.
    pub(crate) fn push(&mut self, value: &T) -> Result<()> {
        write_record(&mut self.out, value, &mut self.buf)?;
        self.len += 1;
        Ok(())
    }

    /// Calls `f` with every record, in the order written; stops at `f`'s first error.
    ///
    /// Errors: the file cannot be read back, or `f`'s.
    pub(crate) fn drain(self, mut f: impl FnMut(T) -> Result<()>) -> Result<()> {
        use std::io::{Seek, SeekFrom};
        let mut file = self.out.into_inner().map_err(|e| tmp_err(e.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(tmp_err)?;
        let mut input = BufReader::with_capacity(1 << 16, file);
        let mut buf = self.buf;
        for _ in 0..self.len {
            match read_record(&mut input, &mut buf)? {
                Some(v) => f(v)?,
                None => {
                    return Err(tmp_err(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "a spooled record is missing",
                    )))
                }
            }
        }
        Ok(())
    }
}

/// A reminder in a [`ReminderSpool`], with what orders reminders that tie on date, title
/// and label.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Spooled {
    /// 0 for a new claim, 1 for a retry (the report lists claims before retries among
    /// equals, as it did when it sorted one list of claims then retries).
    pub class: u8,
    /// The event's place in the planning order (agreements by id, then the engine's order).
    pub seq: u64,
    /// The reminder.
    pub reminder: Reminder,
}

/// The report's order: date, agreement title, event label, class, planning order.
fn order(a: &Spooled, b: &Spooled) -> Ordering {
    let (x, y) = (&a.reminder, &b.reminder);
    (x.date, &x.agreement, &x.label, a.class, a.seq).cmp(&(
        y.date,
        &y.agreement,
        &y.label,
        b.class,
        b.seq,
    ))
}

/// Reminders sorted in bounded memory: see the module docs.
pub(crate) struct ReminderSpool {
    chunk: usize,
    /// The chunk being filled (sorted once [`ReminderSpool::finish`] ran).
    pending: Vec<Spooled>,
    /// The runs' file, made when the first chunk fills.
    out: Option<BufWriter<File>>,
    /// The runs' file once finished.
    file: Option<File>,
    offset: u64,
    /// Byte ranges of the sorted runs.
    runs: Vec<(u64, u64)>,
    len: usize,
    buf: Vec<u8>,
}

impl ReminderSpool {
    /// An empty spool sorting `chunk` reminders (at least 1) in memory at a time.
    pub(crate) fn new(chunk: usize) -> Self {
        ReminderSpool {
            chunk: chunk.max(1),
            pending: Vec::new(),
            out: None,
            file: None,
            offset: 0,
            runs: Vec::new(),
            len: 0,
            buf: Vec::new(),
        }
    }

    /// How many reminders it holds.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Adds a reminder. Errors: a full chunk cannot be written to the temporary file.
    pub(crate) fn push(&mut self, s: Spooled) -> Result<()> {
        self.pending.push(s);
        self.len += 1;
        if self.pending.len() >= self.chunk {
            self.write_run()?;
        }
        Ok(())
    }

    /// Sorts the chunk in memory and writes it as a run.
    fn write_run(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.pending.sort_by(order);
        if self.out.is_none() {
            self.out = Some(BufWriter::with_capacity(1 << 16, temp_file()?));
        }
        let Some(out) = self.out.as_mut() else {
            return Ok(());
        };
        let start = self.offset;
        for s in std::mem::take(&mut self.pending) {
            self.offset += write_record(out, &s, &mut self.buf)?;
        }
        self.runs.push((start, self.offset));
        Ok(())
    }

    /// Ends the pushing: the last chunk is sorted (and written as a run when others were).
    /// Errors: the temporary file cannot be written.
    pub(crate) fn finish(&mut self) -> Result<()> {
        if self.out.is_some() {
            self.write_run()?;
        } else {
            self.pending.sort_by(order);
        }
        if let Some(out) = self.out.take() {
            self.file = Some(out.into_inner().map_err(|e| tmp_err(e.into_error()))?);
        }
        Ok(())
    }

    /// Calls `f` with every reminder in the report's order (after [`ReminderSpool::finish`]);
    /// stops at `f`'s first error.
    ///
    /// Errors: the temporary file cannot be read back, or `f`'s.
    pub(crate) fn for_each(&self, mut f: impl FnMut(Reminder) -> Result<()>) -> Result<()> {
        let Some(file) = self.file.as_ref() else {
            for s in &self.pending {
                f(s.reminder.clone())?;
            }
            return Ok(());
        };
        let mut readers: Vec<BufReader<Range<'_>>> = self
            .runs
            .iter()
            .map(|&(pos, end)| BufReader::with_capacity(READ_BUFFER, Range { file, pos, end }))
            .collect();
        let mut buf = Vec::new();
        let mut heads: Vec<Option<Spooled>> = Vec::with_capacity(readers.len());
        for r in &mut readers {
            heads.push(read_record(r, &mut buf)?);
        }
        loop {
            // The smallest head (a few dozen runs at most: a linear scan).
            let mut best: Option<usize> = None;
            for (i, h) in heads.iter().enumerate() {
                if let Some(h) = h {
                    let better = match best.and_then(|b| heads.get(b)).and_then(Option::as_ref) {
                        Some(b) => order(h, b) == Ordering::Less,
                        None => true,
                    };
                    if better {
                        best = Some(i);
                    }
                }
            }
            let Some(i) = best else {
                return Ok(());
            };
            let (Some(slot), Some(reader)) = (heads.get_mut(i), readers.get_mut(i)) else {
                return Ok(());
            };
            let next = read_record(reader, &mut buf)?;
            if let Some(s) = std::mem::replace(slot, next) {
                f(s.reminder)?;
            }
        }
    }
}

/// A byte range of a file, read without moving its cursor.
struct Range<'a> {
    file: &'a File,
    pos: u64,
    end: u64,
}

impl Read for Range<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = usize::try_from(self.end.saturating_sub(self.pos)).unwrap_or(usize::MAX);
        let n = buf.len().min(left);
        if n == 0 {
            return Ok(0);
        }
        let part = buf
            .get_mut(..n)
            .ok_or_else(|| std::io::Error::other("read past a run"))?;
        read_at(self.file, part, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::remind::policy::Step;
    use crate::domain::rules::{EventKind, EventStatus};
    use chrono::NaiveDate;

    fn reminder(day: u32, title: &str, label: &str) -> Reminder {
        let date = NaiveDate::from_ymd_opt(2027, 1, day).unwrap();
        Reminder {
            log_id: None,
            agreement_id: i64::from(day),
            agreement: title.to_string(),
            event_id: format!("e{day}"),
            label: label.to_string(),
            kind: EventKind::NonRenewalNoticeDeadline,
            status: EventStatus::Open,
            date,
            days_left: i64::from(day),
            step: Step::DaysBefore(7),
            due_on: date,
            default_outcome: "renews".to_string(),
            previous_failure: None,
            act_by: None,
        }
    }

    /// Many reminders with equal dates, titles and labels, over many chunks: read back in
    /// (date, title, label, class, planning order), as one stable sort of claims then
    /// retries gives them.
    #[test]
    fn reminders_come_back_in_order_across_chunks_ties_included() {
        let mut items = Vec::new();
        for i in 0..500u64 {
            let day = 1 + (i * 7 % 5) as u32;
            let title = ["B", "A", "C"][(i % 3) as usize];
            let label = ["x", "y"][(i / 3 % 2) as usize];
            let mut r = reminder(day, title, label);
            r.event_id = format!("event {i}");
            items.push(Spooled {
                class: u8::from(i % 4 == 0),
                seq: 1000 - i,
                reminder: r,
            });
        }
        // The order before: claims (by planning order), then retries, stably sorted.
        let mut want = items.clone();
        want.sort_by_key(|s| (s.class, s.seq));
        want.sort_by(|a, b| {
            (a.reminder.date, &a.reminder.agreement, &a.reminder.label).cmp(&(
                b.reminder.date,
                &b.reminder.agreement,
                &b.reminder.label,
            ))
        });
        let want: Vec<String> = want.into_iter().map(|s| s.reminder.event_id).collect();
        for chunk in [1, 3, 64, 499, 500, 10_000] {
            let mut spool = ReminderSpool::new(chunk);
            for s in &items {
                spool.push(s.clone()).unwrap();
            }
            spool.finish().unwrap();
            assert_eq!(spool.len(), 500);
            for _ in 0..2 {
                let mut got = Vec::new();
                spool
                    .for_each(|r| {
                        got.push(r.event_id);
                        Ok(())
                    })
                    .unwrap();
                assert_eq!(got, want, "chunk {chunk}");
            }
            // Runs were written when a chunk filled.
            assert_eq!(spool.file.is_some(), chunk <= 500, "chunk {chunk}");
        }
    }

    #[test]
    fn records_come_back_in_the_order_written() {
        let mut spool = RecordSpool::new().unwrap();
        for i in 0..1000u32 {
            spool.push(&(i, format!("r{i}\n\"q\""))).unwrap();
        }
        let mut n = 0u32;
        spool
            .drain(|(i, s): (u32, String)| {
                assert_eq!((i, s), (n, format!("r{n}\n\"q\"")));
                n += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(n, 1000);
    }
}
