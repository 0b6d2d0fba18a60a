import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Source } from '../bindings';

/** "line 12", "lines 12–14" (a paragraph over several lines) or "Edited in Renewal Desk". */
export function sourceLabel(source: Source): string {
  if (source.line === null) return source.section || 'Edited in Renewal Desk';
  const end = source.line_end ?? source.line;
  return end > source.line ? `lines ${source.line}–${end}` : `line ${source.line}`;
}

/**
 * Where a value came from: a small button naming the line; hover shows the clause,
 * click (or Enter) expands the verbatim text under it.
 */
export function SourceRef({ source }: { source: Source | null | undefined }): JSX.Element {
  const [open, setOpen] = useState(false);
  if (!source || (source.line === null && source.text === '' && source.section === '')) {
    return <span class="muted source-none">no source</span>;
  }
  const where = source.section ? `${sourceLabel(source)}, ${source.section}` : sourceLabel(source);
  return (
    <span class="source">
      <button
        type="button"
        class="source-ref"
        aria-expanded={open}
        title={`${where}: “${source.text}”`}
        onClick={() => setOpen((o) => !o)}
      >
        {sourceLabel(source)}
      </button>
      {open && (
        <blockquote class="source-text">
          <span class="muted">{where}</span>
          <span>{source.text}</span>
        </blockquote>
      )}
    </span>
  );
}
