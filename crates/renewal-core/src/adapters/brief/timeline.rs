//! Section 3 of the brief, "Timeline": a drawing of the terms (initial and renewals) as
//! rectangles, notice periods, exit windows, price reviews and other dated events as markers,
//! and the as-of date as a dashed line, over a dated axis. Greys only, so it prints and photocopies. Content comes from the
//! deadline engine's terms and events ([`crate::domain::rules::assess`]) as of the as-of
//! date.
//!
//! Labels never collide: point-event labels are stacked in lanes above the markers, each
//! joined to its marker by a leader line; a label is placed in the lowest lane where it
//! overlaps no other label, crosses no leader and does not sit on the as-of line.

use chrono::{Datelike, NaiveDate};

use super::fonts::FontKind;
use super::layout::{Layout, Style};
use super::Brief;
use crate::domain::dates::{days_between, Precision};
use crate::domain::rules::{Assessment, Basis, DatedEvent, EventKind, EventStatus, Term};

const LABEL: Style = Style::new(FontKind::Regular, 6.8, 0.15);
const LANE_NAME: Style = Style::new(FontKind::Bold, 6.8, 0.35);
const AXIS: Style = Style::new(FontKind::Regular, 6.8, 0.3);
const GUTTER: f32 = 46.0;
const LANE_H: f32 = 10.0;
const MAX_LANES: usize = 10;
/// Room the section heading takes above the drawing.
const HEADING_H: f32 = 32.0;

impl Brief<'_> {
    /// Draws section 3: its heading and the drawing, kept together.
    pub(super) fn timeline(&self, l: &mut Layout) {
        let next = self.d.decision.event(self.s).or_else(|| self.next());
        // Always draw the term being decided (issue 16 item 2): the engine lists terms up to
        // the renewal guarded by the first open notice deadline; the term that renewal
        // starts is added when it is not listed.
        let terms = crate::domain::rules::terms::with_decided_term(
            &self.s.terms,
            self.d.decision.renewal,
            self.d.agreement.renewal_period.as_ref().map(|p| p.value),
        );
        let locked: Vec<NaiveDate> = self
            .d
            .decision
            .locked_in
            .iter()
            .map(|x| x.renewal)
            .collect();
        let spans = Spans {
            terms: &terms,
            locked: &locked,
        };
        draw(l, self.s, &spans, self.as_of, next, &|l: &mut Layout| {
            l.heading(3, "Timeline", 0.0)
        });
    }
}

/// The terms to draw and which of them are locked in (their renewal can no longer be
/// stopped by notice).
pub(crate) struct Spans<'a> {
    /// Terms, first to last.
    pub terms: &'a [Term],
    /// Start dates of the terms that are locked in.
    pub locked: &'a [NaiveDate],
}

/// `1 Oct 2027`.
fn short(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// How a point event is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Marker {
    /// ◆ a notice deadline.
    Deadline,
    /// ■ the end of the agreement.
    End,
    /// ▲ a renewal or price review.
    Renewal,
    /// ▼ a document review or an obligation.
    Due,
}

fn marker_of(kind: EventKind) -> Marker {
    match kind {
        EventKind::NonRenewalNoticeDeadline | EventKind::TerminationNoticeDeadline => {
            Marker::Deadline
        }
        EventKind::Expiry => Marker::End,
        EventKind::Renewal | EventKind::PriceReview => Marker::Renewal,
        EventKind::ObligationDue | EventKind::NextReview | EventKind::ExitWindowEnd => Marker::Due,
    }
}

/// The label of one event, short.
fn event_text(e: &DatedEvent) -> String {
    let stated = match e.basis {
        Basis::StatedDate { stated } if e.precision != Precision::Day => stated.to_string(),
        _ => short(e.date),
    };
    let mut s = match e.kind {
        EventKind::NonRenewalNoticeDeadline => format!("Notice deadline {stated}"),
        EventKind::TerminationNoticeDeadline => format!("Serve termination notice by {stated}"),
        EventKind::Renewal => format!("Renews {stated}"),
        EventKind::PriceReview => format!("Price review {stated}"),
        EventKind::Expiry => format!("Ends {stated}"),
        EventKind::NextReview => format!("Document review {stated}"),
        EventKind::ObligationDue => format!(
            "{} due {stated}",
            e.subject.as_deref().unwrap_or("Obligation")
        ),
        EventKind::ExitWindowEnd => format!(
            "{} closes {stated}",
            e.subject.as_deref().unwrap_or("Exit window")
        ),
    };
    match e.status {
        EventStatus::Overdue => s.push_str(" (overdue)"),
        EventStatus::Closed if e.kind.is_deadline() => s.push_str(" (closed)"),
        EventStatus::Done => s.push_str(" (done)"),
        _ => {}
    }
    s
}

/// A group of events on one date, drawn as one marker with one label.
struct Point {
    date: NaiveDate,
    marker: Marker,
    text: String,
    short_text: String,
    past: bool,
    emphasis: bool,
}

fn points(s: &Assessment, next: Option<&DatedEvent>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    let events: Vec<&DatedEvent> = s
        .events
        .iter()
        .filter(|e| e.kind != EventKind::ExitWindowEnd)
        .collect();
    let mut i = 0;
    while i < events.len() {
        let date = events[i].date;
        let mut j = i;
        while j < events.len() && events[j].date == date {
            j += 1;
        }
        let group = &events[i..j];
        let has = |k: EventKind| group.iter().any(|e| e.kind == k);
        let text = if group.len() == 2 && has(EventKind::Renewal) && has(EventKind::PriceReview) {
            format!("Renews with price review {}", short(date))
        } else {
            group
                .iter()
                .map(|e| event_text(e))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let marker = group
            .iter()
            .map(|e| marker_of(e.kind))
            .min()
            .unwrap_or(Marker::Due);
        out.push(Point {
            date,
            marker,
            text,
            short_text: short(date),
            past: group.iter().all(|e| e.status != EventStatus::Open),
            emphasis: next.is_some_and(|n| group.iter().any(|e| std::ptr::eq(*e, n))),
        });
        i = j;
    }
    out
}

/// Horizontal placement of labels in lanes.
#[derive(Default)]
struct Lanes {
    lanes: Vec<Vec<(f32, f32)>>,
    /// Leaders: x and the lane their label sits in (they cross every lane below it).
    leaders: Vec<(f32, usize)>,
}

impl Lanes {
    fn fits(&self, lane: usize, x0: f32, x1: f32, anchor: f32) -> bool {
        const GAP: f32 = 5.0;
        if let Some(l) = self.lanes.get(lane) {
            if l.iter().any(|&(a, b)| x0 < b + GAP && a < x1 + GAP) {
                return false;
            }
        }
        // No leader of a higher label may pass through this label.
        if self
            .leaders
            .iter()
            .any(|&(x, k)| k > lane && x >= x0 - 2.0 && x <= x1 + 2.0)
        {
            return false;
        }
        // This label's leader may not pass through a label in a lower lane.
        for below in self.lanes.iter().take(lane) {
            if below
                .iter()
                .any(|&(a, b)| anchor >= a - 2.0 && anchor <= b + 2.0)
            {
                return false;
            }
        }
        true
    }

    fn place(&mut self, lane: usize, x0: f32, x1: f32, anchor: f32) {
        while self.lanes.len() <= lane {
            self.lanes.push(Vec::new());
        }
        self.lanes[lane].push((x0, x1));
        self.leaders.push((anchor, lane));
    }
}

struct Placed {
    anchor: f32,
    lane: usize,
    x: f32,
    text: String,
    style: Style,
}

/// The label of one or more points whose markers (nearly) coincide.
struct LabelGroup {
    anchor: f32,
    text: String,
    short_text: String,
    date_text: String,
    count: usize,
    style: Style,
    /// Order in which labels choose their place: the next action first, then what is still
    /// ahead, then what has passed.
    priority: (bool, bool, NaiveDate),
}

/// Places point labels in lanes above the markers.
///
/// 1. Points whose markers are within 4 pt share one label.
/// 2. In priority order, each label takes the first of: full text right of its marker, left
///    of it, the date alone right, left, then centred and pushed in from the page edge;
///    skipping any that leave the plot or would cover a marker whose label covers this one
///    (two leaders crossing each other's labels). Past events thus give way to future ones.
/// 3. Lanes: a label covering markers sits above their labels. Labels are assigned in that
///    (topological) order, each to the lowest lane where [`Lanes::fits`] holds.
fn place_labels(
    l: &Layout,
    pts: &[Point],
    xof: &dyn Fn(NaiveDate) -> f32,
    lo: f32,
    hi: f32,
) -> (Lanes, Vec<Placed>) {
    let mut groups: Vec<LabelGroup> = Vec::new();
    let mut last_x = f32::MIN;
    for p in pts {
        let x = xof(p.date);
        let style = label_style(p);
        match groups.last_mut() {
            Some(g) if x - last_x < 4.0 => {
                g.text = format!("{}; {}", g.text, p.text);
                g.count += 1;
                g.short_text = format!("{}: {} items", g.date_text, g.count);
                if p.emphasis {
                    g.style = style;
                    g.priority.0 = false;
                }
                g.priority.1 &= p.past;
            }
            _ => groups.push(LabelGroup {
                anchor: x,
                text: p.text.clone(),
                short_text: p.short_text.clone(),
                date_text: p.short_text.clone(),
                count: 1,
                style,
                priority: (!p.emphasis, p.past, p.date),
            }),
        }
        last_x = x;
    }
    let n = groups.len();
    let covers = |r: (f32, f32), x: f32| x >= r.0 - 2.0 && x <= r.1 + 2.0;
    let mut ranges: Vec<Option<((f32, f32), bool)>> = vec![None; n];
    let mut by_priority: Vec<usize> = (0..n).collect();
    by_priority.sort_by_key(|&i| groups[i].priority);
    for &i in &by_priority {
        let g = &groups[i];
        let x = g.anchor;
        let wf = l.width(&g.text, g.style);
        let ws = l.width(&g.short_text, g.style);
        let mut cands: Vec<((f32, f32), bool)> = Vec::new();
        for (w, full) in [(wf, true), (ws, false)] {
            for r in [(x - 2.0, x - 2.0 + w), (x + 2.0 - w, x + 2.0)] {
                if r.0 >= lo && r.1 <= hi {
                    cands.push((r, full));
                }
            }
        }
        cands.push((clamp(x - ws / 2.0, x + ws / 2.0, lo, hi), false));
        let ok = |r: (f32, f32)| {
            (0..n).all(|j| match ranges[j] {
                Some((rj, _)) if j != i => !(covers(r, groups[j].anchor) && covers(rj, x)),
                _ => true,
            })
        };
        ranges[i] = cands.into_iter().find(|(r, _)| ok(*r));
    }
    let mut lanes = Lanes::default();
    let mut lane_of: Vec<Option<usize>> = vec![None; n];
    let mut placed = Vec::new();
    let mut remaining: Vec<usize> = (0..n).filter(|&i| ranges[i].is_some()).collect();
    while !remaining.is_empty() {
        let unplaced_covered = |i: usize| -> usize {
            let Some((r, _)) = ranges[i] else { return 0 };
            remaining
                .iter()
                .filter(|&&j| j != i && covers(r, groups[j].anchor))
                .count()
        };
        let pos = (0..remaining.len())
            .min_by_key(|&p| {
                (
                    unplaced_covered(remaining[p]),
                    std::cmp::Reverse(groups[remaining[p]].anchor as i64),
                )
            })
            .unwrap_or(0);
        let i = remaining.remove(pos);
        let Some((r, full)) = ranges[i] else { continue };
        let g = &groups[i];
        let floor = (0..n)
            .filter(|&j| j != i && covers(r, groups[j].anchor))
            .filter_map(|j| lane_of[j])
            .map(|k| k + 1)
            .max()
            .unwrap_or(0);
        if let Some(lane) = (floor..MAX_LANES).find(|&k| lanes.fits(k, r.0, r.1, g.anchor)) {
            lanes.place(lane, r.0, r.1, g.anchor);
            lane_of[i] = Some(lane);
            placed.push(Placed {
                anchor: g.anchor,
                lane,
                x: r.0,
                text: if full {
                    g.text.clone()
                } else {
                    g.short_text.clone()
                },
                style: g.style,
            });
        }
    }
    (lanes, placed)
}

/// Draws the timeline at the cursor, full column width. `next` is the next action's event,
/// whose label is set in bold.
/// `heading` draws the section heading; it is kept on the same page as the drawing.
pub(crate) fn draw(
    l: &mut Layout,
    s: &Assessment,
    spans: &Spans<'_>,
    today: NaiveDate,
    next: Option<&DatedEvent>,
    heading: &dyn Fn(&mut Layout),
) {
    let pts = points(s, next);
    // Spans.
    let terms = spans.terms;
    // A term still to be decided is drawn dashed; past, current and locked-in terms solid.
    let undecided = |t: &Term| t.start > today && !spans.locked.contains(&t.start);
    let notices: Vec<(NaiveDate, NaiveDate, bool)> = s
        .events
        .iter()
        .filter_map(|e| match e.basis {
            Basis::NoticeBeforeExpiry { term, .. } => {
                Some((e.date, term.end, e.status != EventStatus::Open))
            }
            _ => None,
        })
        .collect();
    let exits: Vec<(NaiveDate, NaiveDate, String, bool)> = s
        .events
        .iter()
        .filter_map(|e| match e.basis {
            Basis::ExitWindow {
                agreement_end,
                window,
            } => Some((
                agreement_end.succ_opt().unwrap_or(agreement_end),
                e.date,
                format!(
                    "{} · {window} · closes {}{}",
                    e.subject.as_deref().unwrap_or("Exit window"),
                    short(e.date),
                    if e.status == EventStatus::Open {
                        ""
                    } else {
                        " (closed)"
                    }
                ),
                e.status == EventStatus::Open,
            )),
            _ => None,
        })
        .collect();

    let mut dates: Vec<NaiveDate> = vec![today];
    dates.extend(terms.iter().flat_map(|t| [t.start, t.end]));
    dates.extend(pts.iter().map(|p| p.date));
    dates.extend(exits.iter().flat_map(|e| [e.0, e.1]));
    let (Some(&min), Some(&max)) = (dates.iter().min(), dates.iter().max()) else {
        return;
    };
    if terms.is_empty() && pts.is_empty() {
        heading(l);
        let style = Style::new(FontKind::Oblique, 8.5, 0.35);
        l.paragraph(
            "Not enough dates to draw a timeline: the effective date or the term is unknown (see Warnings and data gaps).",
            style,
            0.0,
            None,
        );
        return;
    }
    let span = days_between(min, max).max(60);
    let pad = (span / 40).max(10);
    let t0 = min - chrono::Days::new(pad as u64);
    let t1 = max + chrono::Days::new(pad as u64);
    let total = days_between(t0, t1) as f32;
    let px0 = l.left() + GUTTER;
    let px1 = l.right() - 2.0;
    let pw = px1 - px0;
    let xof = |d: NaiveDate| px0 + days_between(t0, d) as f32 / total * pw;
    let x_today = xof(today);

    let (lo, hi) = (l.left(), l.right());
    let (lanes, placed) = place_labels(l, &pts, &xof, lo, hi);
    let n_lanes = lanes.lanes.len();

    // Vertical plan (top down).
    let asof_h = 2.0;
    let labels_h = n_lanes as f32 * LANE_H;
    let markers_h = 12.0;
    let terms_h = 20.0;
    let notice_h = if notices.is_empty() { 0.0 } else { 12.0 };
    let exit_h = exits.len() as f32 * 13.0;
    let axis_h = 30.0;
    let legend_h = 26.0;
    let total_h =
        asof_h + labels_h + markers_h + terms_h + notice_h + exit_h + axis_h + legend_h + 6.0;
    l.ensure(total_h + HEADING_H);
    heading(l);
    let top = l.y;
    let lanes_bottom = top - asof_h - labels_h;
    let marker_mid = lanes_bottom - markers_h / 2.0;
    let terms_top = lanes_bottom - markers_h - 2.0;
    let terms_bottom = terms_top - terms_h + 4.0;
    let notice_top = terms_bottom - 3.0;
    let exit_top = terms_bottom - notice_h - 2.0;
    let axis_y = terms_top - terms_h - notice_h - exit_h - 4.0;

    // Background grid: year lines.
    let years = year_ticks(t0, t1, pw);
    for &(d, _) in &years {
        let x = xof(d);
        l.line(x, lanes_bottom, x, axis_y, 0.88, 0.4, None);
    }

    // Lane names in the gutter.
    let name = |l: &mut Layout, text: &str, mid: f32| {
        let b = mid - LANE_NAME.size * 0.35;
        l.text(l.left(), b, LANE_NAME, text);
    };
    name(l, "Events", marker_mid);
    name(l, "Terms", (terms_top + terms_bottom) / 2.0);

    // Terms.
    for t in terms {
        let (x0, x1) = (xof(t.start), xof(t.end.succ_opt().unwrap_or(t.end)));
        let future = undecided(t);
        let (fill, text_grey) = if t.number == 1 {
            (0.45, 1.0)
        } else if future {
            (0.94, 0.2)
        } else {
            (0.72, 0.0)
        };
        l.fill_rect(x0, terms_bottom, x1 - x0, terms_top - terms_bottom, fill);
        if future {
            l.stroke_rect(
                x0,
                terms_bottom,
                x1 - x0,
                terms_top - terms_bottom,
                0.35,
                0.6,
                Some(&[2.0, 1.5]),
            );
        } else {
            l.stroke_rect(
                x0,
                terms_bottom,
                x1 - x0,
                terms_top - terms_bottom,
                1.0,
                0.6,
                None,
            );
        }
        let name = crate::domain::rules::decision::term_label(t);
        let kind = if future && t.number > 1 {
            format!("{name} (if not stopped)")
        } else if t.start > today && spans.locked.contains(&t.start) {
            format!("{name} (locked in)")
        } else {
            name.clone()
        };
        let candidates = [
            format!("{kind} · {} – {}", short(t.start), short(t.end)),
            format!("{kind} · {}–{}", t.start.year(), t.end.year()),
            kind.clone(),
            name,
            format!("Term {}", t.number),
            format!("T{}", t.number),
        ];
        let style = Style::new(FontKind::Bold, 6.8, text_grey);
        // Room inside the rectangle, avoiding the as-of line.
        let segs = if x_today > x0 && x_today < x1 {
            vec![(x0, x_today - 1.5), (x_today + 1.5, x1)]
        } else {
            vec![(x0, x1)]
        };
        'cands: for c in &candidates {
            let w = l.width(c, style);
            for &(a, b) in &segs {
                if w + 6.0 <= b - a {
                    let base = (terms_top + terms_bottom) / 2.0 - style.size * 0.35;
                    l.text(a + 3.0, base, style, c);
                    break 'cands;
                }
            }
        }
    }

    // Notice periods: from the deadline to the end of the term.
    if !notices.is_empty() {
        name(l, "Notice", notice_top - 4.0);
        for &(from, to, past) in &notices {
            let (x0, x1) = (xof(from), xof(to.succ_opt().unwrap_or(to)));
            let g = if past { 0.75 } else { 0.35 };
            l.fill_rect(x0, notice_top - 7.0, (x1 - x0).max(1.0), 6.0, g);
        }
    }

    // Exit windows, one row each, labelled beside the bar.
    for (i, (from, to, text, open)) in exits.iter().enumerate() {
        let row_top = exit_top - i as f32 * 13.0;
        let mid = row_top - 6.0;
        if i == 0 {
            name(l, "Exit", mid);
        }
        let (x0, x1) = (xof(*from), xof(to.succ_opt().unwrap_or(*to)));
        l.fill_rect(
            x0,
            mid - 3.5,
            (x1 - x0).max(1.0),
            7.0,
            if *open { 0.6 } else { 0.88 },
        );
        l.stroke_rect(x0, mid - 3.5, (x1 - x0).max(1.0), 7.0, 0.4, 0.5, None);
        let style = if *open { LABEL } else { LABEL.grey(0.45) };
        let shorter = text.split(" · ").next().unwrap_or(text).to_string();
        let avoid = |a: f32, b: f32| !(x_today >= a - 2.0 && x_today <= b + 2.0);
        let base = mid - style.size * 0.35;
        'exit: for t in [text.clone(), shorter] {
            let w = l.width(&t, style);
            for a in [x1 + 4.0, x0 - 4.0 - w] {
                if a >= px0 && a + w <= px1 && avoid(a, a + w) {
                    l.text(a, base, style, &t);
                    break 'exit;
                }
            }
        }
    }

    // Axis with year ticks and labels.
    l.line(px0, axis_y, px1, axis_y, 0.25, 0.8, None);
    let mut last_label_end = f32::MIN;
    for &(d, label) in &years {
        let x = xof(d);
        l.line(x, axis_y, x, axis_y - 4.0, 0.25, 0.6, None);
        if label {
            let text = d.year().to_string();
            let w = l.width(&text, AXIS);
            let a = (x - w / 2.0).clamp(px0, px1 - w);
            if a > last_label_end + 4.0 {
                l.text(a, axis_y - 12.0, AXIS, &text);
                last_label_end = a + w;
            }
        }
    }
    // Quarter ticks when there is room.
    if pw / (total / 365.25) > 60.0 {
        let mut d = NaiveDate::from_ymd_opt(t0.year(), 1, 1).unwrap_or(t0);
        while d <= t1 {
            if d >= t0 && d.month() != 1 {
                let x = xof(d);
                l.line(x, axis_y, x, axis_y - 2.0, 0.45, 0.4, None);
            }
            d = d
                .checked_add_months(chrono::Months::new(3))
                .unwrap_or(t1 + chrono::Days::new(1));
        }
    }

    // Markers and their labels.
    for p in &pts {
        let x = xof(p.date);
        draw_marker(l, p.marker, x, marker_mid, if p.past { 0.55 } else { 0.1 });
    }
    for pl in &placed {
        let lane_bottom = lanes_bottom + pl.lane as f32 * LANE_H;
        l.line(
            pl.anchor,
            marker_mid + 4.5,
            pl.anchor,
            lane_bottom + 1.5,
            0.6,
            0.4,
            None,
        );
        l.text(pl.x, lane_bottom + 2.8, pl.style, &pl.text);
    }

    // The as-of line, down to the axis, and its label under the year labels.
    l.line(
        x_today,
        lanes_bottom,
        x_today,
        axis_y,
        0.2,
        0.7,
        Some(&[2.0, 2.0]),
    );
    l.line(x_today, axis_y, x_today, axis_y - 4.0, 0.1, 0.9, None);
    let asof = format!("As of {}", short(today));
    let style = Style::new(FontKind::Bold, 6.8, 0.1);
    let w = l.width(&asof, style);
    let a = (x_today - w / 2.0).clamp(l.left(), l.right() - w);
    l.text(a, axis_y - 22.0, style, &asof);

    // Legend.
    l.y = axis_y - axis_h;
    let shown = Shown {
        initial: !terms.is_empty(),
        renewal: terms.iter().any(|t| t.number > 1 && !undecided(t)),
        future: terms.iter().any(|t| t.number > 1 && undecided(t)),
        notice: !notices.is_empty(),
        exit: !exits.is_empty(),
        markers: pts.iter().map(|p| p.marker).collect(),
    };
    legend(l, &shown);
    l.y -= 6.0;
}

fn label_style(p: &Point) -> Style {
    if p.emphasis {
        LABEL.face(FontKind::Bold).grey(0.0)
    } else if p.past {
        LABEL.grey(0.45)
    } else {
        LABEL
    }
}

fn clamp(x0: f32, x1: f32, lo: f32, hi: f32) -> (f32, f32) {
    let w = x1 - x0;
    if x0 < lo {
        (lo, lo + w)
    } else if x1 > hi {
        (hi - w, hi)
    } else {
        (x0, x1)
    }
}

/// January-1st ticks between `t0` and `t1`, with whether each is labelled (every year, or
/// every n-th year when years are narrow).
fn year_ticks(t0: NaiveDate, t1: NaiveDate, pw: f32) -> Vec<(NaiveDate, bool)> {
    let years = (t1.year() - t0.year()).max(1) as f32;
    let per_year = pw / years;
    let step = if per_year >= 28.0 {
        1
    } else if per_year >= 14.0 {
        2
    } else if per_year * 5.0 >= 28.0 {
        5
    } else if per_year * 10.0 >= 28.0 {
        10
    } else {
        50
    };
    let tick_every = if per_year >= 3.0 { 1 } else { step };
    let mut out = Vec::new();
    let mut y = t0.year() + 1;
    while y <= t1.year() {
        if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
            if d > t0 && d < t1 && y % tick_every == 0 {
                out.push((d, y % step == 0));
            }
        }
        y += 1;
    }
    out
}

fn draw_marker(l: &mut Layout, m: Marker, x: f32, y: f32, grey: f32) {
    let r = 3.6;
    match m {
        Marker::Deadline => l.fill_polygon(&[(x, y + r), (x + r, y), (x, y - r), (x - r, y)], grey),
        Marker::End => l.fill_rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6, grey),
        Marker::Renewal => l.fill_polygon(
            &[(x - r, y - r * 0.8), (x + r, y - r * 0.8), (x, y + r)],
            grey.max(0.3),
        ),
        Marker::Due => l.fill_polygon(
            &[(x - r, y + r * 0.8), (x + r, y + r * 0.8), (x, y - r)],
            grey.max(0.4),
        ),
    }
}

/// One line of legend: swatches and what they mean.
/// What the drawing shows, for the legend.
struct Shown {
    initial: bool,
    renewal: bool,
    future: bool,
    notice: bool,
    exit: bool,
    markers: Vec<Marker>,
}

/// The legend: only what the drawing shows.
fn legend(l: &mut Layout, shown: &Shown) {
    let style = Style::new(FontKind::Regular, 6.5, 0.3);
    let all: [(&str, u8, bool); 10] = [
        ("Initial term", 0, shown.initial),
        (
            "Renewal term (past, current or locked in)",
            1,
            shown.renewal,
        ),
        ("Term being decided, if not stopped", 2, shown.future),
        ("Notice period", 3, shown.notice),
        ("Exit window (open / closed)", 4, shown.exit),
        (
            "Notice deadline",
            5,
            shown.markers.contains(&Marker::Deadline),
        ),
        (
            "End of the agreement",
            6,
            shown.markers.contains(&Marker::End),
        ),
        (
            "Renewal / price review",
            7,
            shown.markers.contains(&Marker::Renewal),
        ),
        (
            "Review / obligation due",
            8,
            shown.markers.contains(&Marker::Due),
        ),
        ("As-of date", 9, true),
    ];
    let items: Vec<(&str, u8)> = all.iter().filter(|i| i.2).map(|i| (i.0, i.1)).collect();
    let mut x = l.left();
    let mut base = l.y - 8.0;
    for (text, kind) in items {
        let w = 10.0 + l.width(text, style) + 9.0;
        if x + w > l.right() {
            x = l.left();
            base -= 10.0;
        }
        let mid = base + 2.2;
        match kind {
            0 => l.fill_rect(x, mid - 3.0, 8.0, 6.0, 0.45),
            1 => l.fill_rect(x, mid - 3.0, 8.0, 6.0, 0.72),
            2 => {
                l.fill_rect(x, mid - 3.0, 8.0, 6.0, 0.94);
                l.stroke_rect(x, mid - 3.0, 8.0, 6.0, 0.35, 0.5, Some(&[1.5, 1.0]));
            }
            3 => l.fill_rect(x, mid - 2.0, 8.0, 4.0, 0.35),
            4 => {
                l.fill_rect(x, mid - 2.5, 4.0, 5.0, 0.6);
                l.fill_rect(x + 4.0, mid - 2.5, 4.0, 5.0, 0.88);
                l.stroke_rect(x, mid - 2.5, 8.0, 5.0, 0.4, 0.5, None);
            }
            5 => draw_marker(l, Marker::Deadline, x + 4.0, mid, 0.1),
            6 => draw_marker(l, Marker::End, x + 4.0, mid, 0.1),
            7 => draw_marker(l, Marker::Renewal, x + 4.0, mid, 0.1),
            8 => draw_marker(l, Marker::Due, x + 4.0, mid, 0.1),
            _ => l.line(
                x + 4.0,
                mid - 4.0,
                x + 4.0,
                mid + 4.0,
                0.2,
                0.7,
                Some(&[1.5, 1.5]),
            ),
        }
        l.text(x + 11.0, base, style, text);
        x += w;
    }
    l.y = base - 6.0;
}
