import type { JSX } from 'preact';
import { formatDate } from '../format/date';

/** A calendar date shown as "Fri 1 Oct 2027", with the ISO date on hover and for machines. */
export function DateText({ iso, title }: { iso: string; title?: string }): JSX.Element {
  let text: string;
  try {
    text = formatDate(iso);
  } catch {
    text = iso;
  }
  return (
    <time dateTime={iso} title={title ? `${iso} · ${title}` : iso}>
      {text}
    </time>
  );
}
