import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { backend, toBackendError, type AgreementMail, type AgreementPage, type MailLogRow } from '../../backend';
import { formatDateTimeOr } from '../../format/date';
import type { PageAction } from './usePageAction';

const ROLE_TEXT: Record<string, string> = {
  owner: 'Contract owner',
  deputy: 'Deputy (escalation)',
  escalation: 'Escalation address',
  watcher: 'Watcher',
};

/** What became of one email, for people: "Delivered Mon 21 Dec 2026, 09:00" or "Failed (2 tries): why". */
export function mailOutcome(r: MailLogRow): string {
  if (r.state === 'delivered') return r.delivered_at ? `Delivered ${formatDateTimeOr(r.delivered_at)}` : 'Delivered';
  if (r.state === 'failed') {
    const when = r.last_attempt_at ? ` ${formatDateTimeOr(r.last_attempt_at)}` : '';
    return `Not delivered${when} (${r.attempts} ${r.attempts === 1 ? 'try' : 'tries'}): ${r.failure ?? 'no reason recorded'}; retried on later runs`;
  }
  return 'Being sent';
}

/**
 * The contract owner as a person of the directory (name and email), or flagged "to
 * complete: no email address", with a control to link the agreement to someone in the
 * directory (the contract owner field's edit, recorded in the history); and the email log:
 * who was told what and when, escalations marked.
 */
export function OwnerCard({ id, page, action }: { id: number; page: AgreementPage; action: PageAction }): JSX.Element {
  const [mail, setMail] = useState<AgreementMail | null>(null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);

  const reload = (): void => {
    backend.agreementMail(id).then(
      (m) => {
        setMail(m);
        setError(null);
      },
      (e: unknown) => setError(toBackendError(e).message),
    );
  };
  // The page changes after every edit (a contract owner typed in Key terms too): reload.
  useEffect(reload, [id, page]);

  async function link(): Promise<void> {
    if (!choice) return;
    const err = await action.run(() => backend.editField(id, 'contract_owner', choice), `The contract owner is now ${choice}. The change is in the history.`);
    if (err === null) {
      setChoice('');
      reload();
    }
  }

  const labels = new Map(page.detail.events.map((e) => [e.id, e.label]));
  const toComplete = mail !== null && mail.owner !== null && mail.email === null;
  const others = (mail?.people ?? []).filter((p) => p.toLowerCase() !== (mail?.owner ?? '').toLowerCase());

  return (
    <section class="card" aria-labelledby="owner-title" data-testid="owner-card">
      <h2 id="owner-title">Contract owner and emails</h2>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {mail === null ? (
        !error && <p class="muted">Loading…</p>
      ) : (
        <>
          <p data-testid="owner-person">
            {mail.owner === null ? (
              <span class="muted">No contract owner: nobody receives this agreement’s reminders by email.</span>
            ) : (
              <>
                <strong>{mail.owner}</strong>
                {mail.email ? (
                  <>
                    {' '}
                    — <a href={`mailto:${mail.email}`}>{mail.email}</a>
                    {mail.deputy && <span class="muted"> (deputy: {mail.deputy})</span>}
                  </>
                ) : (
                  <>
                    {' '}
                    <span class="badge status-incomplete">To complete: no email address</span>{' '}
                    <span class="muted small">
                      {mail.in_directory ? 'Add the address in People.' : 'Not in the directory: add them in People, or link another person.'}
                    </span>
                  </>
                )}
              </>
            )}
          </p>
          {(toComplete || mail.owner === null || others.length > 0) && (
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void link();
              }}
            >
              <label for="owner-link">Contract owner</label>
              <select id="owner-link" value={choice} onChange={(e) => setChoice(e.currentTarget.value)} disabled={others.length === 0}>
                <option value="">{others.length === 0 ? 'Nobody else in People' : 'Choose a person…'}</option>
                {others.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={!choice || action.busy}>
                Link
              </button>
            </form>
          )}
          {mail.log.length === 0 ? (
            <p class="muted small" data-testid="mail-log-empty">
              No email sent about this agreement yet.
            </p>
          ) : (
            <table class="data-table" data-testid="mail-log">
              <caption>Who was told what and when</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Step</th>
                  <th scope="col">To</th>
                  <th scope="col">As</th>
                  <th scope="col">What became of it</th>
                </tr>
              </thead>
              <tbody>
                {mail.log.map((r, i) => (
                  <tr key={i} data-state={r.state}>
                    <td>{labels.get(r.event_id) ?? r.event_id}</td>
                    <td>{r.step_text}</td>
                    <td>{r.recipient}</td>
                    <td>{r.role === 'owner' ? ROLE_TEXT['owner'] : <span class="badge status-incomplete">{ROLE_TEXT[r.role] ?? r.role}</span>}</td>
                    <td class={r.state === 'failed' ? 'error' : undefined}>{mailOutcome(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
