/**
 * Checks made as the user types in the people directory and the mail settings. They
 * mirror the core's (renewal-core adapters/mail: names of 1 to 200 characters, lettre's
 * address parser, ports 1 to 65535, days 0 to 3650) so most mistakes are named before
 * saving; the shell checks again and its answer, naming the field, wins.
 * Each returns `null` when the text is acceptable, else a sentence naming the field.
 */

/** Longest name accepted, in characters (the core's `MAX_NAME`). */
export const MAX_NAME = 200;

/** The shape of an address: one `@`, something before it, a dotted or plain domain after, no spaces or brackets. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** A person's name: required, at most 200 characters, on one line. */
export function nameProblem(name: string): string | null {
  const n = name.trim();
  if (n === '') return 'Name: required, e.g. Ana Torres.';
  if (n.length > MAX_NAME) return `Name: at most ${MAX_NAME} characters.`;
  if (/[\u0000-\u001f\u007f]/.test(n)) return 'Name: one line, without line breaks.';
  return null;
}

/**
 * An email address in field `label` (e.g. "Email", "Sender"); empty is accepted only
 * when `required` is false.
 */
export function emailProblem(email: string, label = 'Email', required = false): string | null {
  const e = email.trim();
  if (e === '') return required ? `${label}: required, e.g. renewals@example.pe.` : null;
  if (!EMAIL.test(e) || e.endsWith('@') || e.startsWith('@')) return `${label}: “${e}” is not an email address; expected e.g. ana.torres@example.pe.`;
  return null;
}

/** A TCP port from 1 to 65535. */
export function portProblem(port: string): string | null {
  const p = port.trim();
  if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535) return 'Port: a number from 1 to 65535, e.g. 587 (STARTTLS), 465 (TLS) or 25.';
  return null;
}

/** A host name: required, no spaces. */
export function hostProblem(host: string): string | null {
  const h = host.trim();
  if (h === '') return 'Host: required, e.g. smtp.example.pe.';
  if (/\s/.test(h) || h.length > 253) return `Host: “${h}” is not a host name; expected e.g. smtp.example.pe.`;
  return null;
}

/** A whole number of days from 0 to 3650 in field `label`; empty accepted (the default applies). */
export function daysProblem(days: string, label: string): string | null {
  const d = days.trim();
  if (d === '') return null;
  if (!/^\d+$/.test(d) || Number(d) > 3650) return `${label}: a whole number of days from 0 to 3650.`;
  return null;
}
