import type { JSX } from 'preact';
import type { EventView, Term } from '../bindings';
import { dayNumber, formatDate, parseIsoDate } from '../format/date';

/** Days since 1970-01-01 for an ISO date. */
function day(iso: string): number {
  return dayNumber(parseIsoDate(iso));
}

function isoOfDay(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export interface TimelineProps {
  terms: readonly Term[];
  events: readonly EventView[];
  /** The as-of date (today, or the what-if date). */
  asOf: string;
  /** Last day of the agreement when it is known to end. */
  endDate: string | null;
  /** Width of the drawing in SVG units (it scales to its box). */
  width?: number;
  /** First day of the term being decided (the decision's renewal), if any. */
  decidedRenewal?: string | null;
  /** First days of the terms already locked in (their notice deadline has closed). */
  lockedIn?: readonly string[];
}

/** Where a term stands as of the as-of date (issue 16 item 2). */
export type TermState = 'past' | 'current' | 'locked' | 'decided' | 'later';

const STATE_NAMES: Record<TermState, string> = {
  past: 'past',
  current: 'current',
  locked: 'locked in: its notice deadline has closed',
  decided: 'being decided: it starts unless notice is served in time',
  later: 'later, if not stopped',
};

/** Past, current, locked in, being decided or later, for a term as of `asOf`. */
export function termState(t: Term, asOf: string, decidedRenewal: string | null | undefined, lockedIn: readonly string[]): TermState {
  const a = day(asOf);
  if (day(t.end) < a) return 'past';
  if (day(t.start) <= a) return 'current';
  if (decidedRenewal && t.start === decidedRenewal) return 'decided';
  if (lockedIn.includes(t.start)) return 'locked';
  return 'later';
}

interface Band {
  lane: number;
  from: number;
  to: number;
  cls: string;
  label: string;
  title: string;
}

interface Mark {
  lane: number;
  at: number;
  cls: string;
  title: string;
}

const LANES = ['Terms', 'Notice windows', 'Reviews and dues', 'Exit windows'] as const;
const LANE_H = 30;
const TOP = 8;
const LEFT = 118;
const RIGHT = 16;

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** One name for a term everywhere (the core's `term_label`): "Term 1, initial", "Term 3, second renewal". */
export function termLabel(n: number): string {
  if (n <= 1) return 'Term 1, initial';
  const k = n - 1;
  const suffix = k % 100 >= 11 && k % 100 <= 13 ? 'th' : k % 10 === 1 ? 'st' : k % 10 === 2 ? 'nd' : k % 10 === 3 ? 'rd' : 'th';
  return `Term ${n}, ${ORDINALS[k - 1] ?? `${k}${suffix}`} renewal`;
}

/** The shapes of the chart, in days; exported for tests. */
export function timelineShapes(props: TimelineProps): { bands: Band[]; marks: Mark[]; from: number; to: number } {
  const { terms, events, asOf, endDate } = props;
  const bands: Band[] = [];
  const marks: Mark[] = [];
  terms.forEach((t) => {
    const state = termState(t, asOf, props.decidedRenewal, props.lockedIn ?? []);
    bands.push({
      lane: 0,
      from: day(t.start),
      to: day(t.end) + 1,
      cls: `tl-term tl-term-${state} ${t.number % 2 === 0 ? 'tl-term-even' : 'tl-term-odd'}`,
      label: termLabel(t.number),
      title: `${termLabel(t.number)}: ${formatDate(t.start)} – ${formatDate(t.end)} (${t.length.amount} ${t.length.unit}), ${STATE_NAMES[state]}`,
    });
  });
  for (const e of events) {
    const at = day(e.date);
    if (e.kind === 'non_renewal_notice_deadline' || e.kind === 'termination_notice_deadline') {
      // The notice window: from the deadline to the end of the term it guards.
      const guarded = terms.find((t) => day(t.start) <= at && at <= day(t.end));
      const to = guarded ? day(guarded.end) + 1 : at + 1;
      bands.push({
        lane: 1,
        from: at,
        to,
        cls: `tl-notice tl-${e.status}`,
        label: '',
        title: `${e.label}: ${formatDate(e.date)} (${e.status})${guarded ? `; the notice period runs to ${formatDate(guarded.end)}` : ''}`,
      });
      marks.push({ lane: 1, at, cls: `tl-deadline tl-${e.status}`, title: `${e.label}: ${formatDate(e.date)} (${e.status})` });
    } else if (e.kind === 'exit_window_end') {
      const from = endDate ? day(endDate) + 1 : at;
      bands.push({
        lane: 3,
        from,
        to: at + 1,
        cls: `tl-exit tl-${e.status}`,
        label: '',
        title: `${e.label}: closes ${formatDate(e.date)} (${e.status})`,
      });
    } else if (e.kind === 'price_review' || e.kind === 'next_review' || e.kind === 'obligation_due') {
      marks.push({
        lane: 2,
        at,
        cls: `tl-${e.kind === 'price_review' ? 'price' : e.kind === 'next_review' ? 'review' : 'due'} tl-${e.status}`,
        title: `${e.label}: ${formatDate(e.date)} (${e.status})`,
      });
    } else if (e.kind === 'expiry') {
      marks.push({ lane: 0, at: at + 1, cls: 'tl-expiry', title: `${e.label}: ${formatDate(e.date)}` });
    }
  }
  const points = [day(asOf), ...bands.flatMap((b) => [b.from, b.to]), ...marks.map((m) => m.at)];
  const min = Math.min(...points);
  const max = Math.max(...points);
  const pad = Math.max(30, Math.round((max - min) * 0.03));
  return { bands, marks, from: min - pad, to: max + pad };
}

/**
 * A timeline of the agreement: its terms, the notice windows before each renewal
 * (from the deadline to the end of the term), price reviews, reviews and due dates,
 * exit windows after the end, and today (or the what-if date). Hover shows each date.
 */
export function Timeline(props: TimelineProps): JSX.Element {
  const width = props.width ?? 960;
  if (props.terms.length === 0 && props.events.length === 0) {
    return <p class="muted">No dates to draw: the effective date or the term is unknown.</p>;
  }
  const { bands, marks, from, to } = timelineShapes(props);
  const span = Math.max(1, to - from);
  const x = (d: number): number => LEFT + ((d - from) / span) * (width - LEFT - RIGHT);
  const height = TOP + LANES.length * LANE_H + 34;
  const axisY = TOP + LANES.length * LANE_H + 4;
  const years: number[] = [];
  const firstYear = Number(isoOfDay(from).slice(0, 4)) + 1;
  const lastYear = Number(isoOfDay(to).slice(0, 4));
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 12));
  for (let y = firstYear; y <= lastYear; y += step) years.push(y);
  const asOfX = x(day(props.asOf));
  const summary = `Timeline from ${formatDate(isoOfDay(from))} to ${formatDate(isoOfDay(to))}: ${props.terms.length} term(s), ${props.events.length} dated event(s), as of ${formatDate(props.asOf)}.`;

  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} class="timeline-svg" data-testid="timeline">
        <title>{summary}</title>
        {LANES.map((name, i) => (
          <g key={name}>
            <rect x={0} y={TOP + i * LANE_H} width={width} height={LANE_H} class={i % 2 ? 'tl-lane tl-lane-alt' : 'tl-lane'} />
            <text x={8} y={TOP + i * LANE_H + LANE_H / 2 + 4} class="tl-lane-label">
              {name}
            </text>
          </g>
        ))}
        {years.map((y) => {
          const yx = x(day(`${y}-01-01`));
          return (
            <g key={y}>
              <line x1={yx} x2={yx} y1={TOP} y2={axisY} class="tl-grid" />
              <text x={yx} y={axisY + 16} class="tl-year" text-anchor="middle">
                {y}
              </text>
            </g>
          );
        })}
        {bands.map((b, i) => {
          const bx = x(b.from);
          const bw = Math.max(3, x(b.to) - bx);
          const y = TOP + b.lane * LANE_H + 6;
          return (
            <g key={`b${i}`} class={b.cls}>
              <rect x={bx} y={y} width={bw} height={LANE_H - 12} rx={3}>
                <title>{b.title}</title>
              </rect>
              {b.label && bw > 70 && (
                <text x={bx + 6} y={y + LANE_H / 2 - 2} class="tl-band-label">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
        {marks.map((m, i) => {
          const mx = x(m.at);
          const cy = TOP + m.lane * LANE_H + LANE_H / 2;
          return (
            <g key={`m${i}`} class={m.cls}>
              {m.cls.startsWith('tl-expiry') ? (
                <line x1={mx} x2={mx} y1={cy - 11} y2={cy + 11} class="tl-expiry-line" />
              ) : (
                <path d={`M${mx} ${cy - 7} L${mx + 7} ${cy} L${mx} ${cy + 7} L${mx - 7} ${cy} Z`} />
              )}
              <title>{m.title}</title>
            </g>
          );
        })}
        <g class="tl-today">
          <line x1={asOfX} x2={asOfX} y1={TOP - 4} y2={axisY} />
          <text x={asOfX + 4} y={height - 2} class="tl-today-label">
            {formatDate(props.asOf)}
          </text>
          <title>Today (as of): {formatDate(props.asOf)}</title>
        </g>
      </svg>
      <figcaption class="timeline-legend muted small">
        <span class="lg lg-term-past">past term</span>
        <span class="lg lg-term">current term</span>
        <span class="lg lg-term-locked">locked in</span>
        <span class="lg lg-term-decided">term being decided</span>
        <span class="lg lg-notice">notice window (deadline to end of term)</span>
        <span class="lg lg-mark">price review, review, due date</span>
        <span class="lg lg-exit">exit window</span>
        <span class="lg lg-today">as of</span>
      </figcaption>
    </figure>
  );
}
