import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { backend, toBackendError, type AgreementRef, type PeopleDirectory } from '../backend';
import { emailProblem, nameProblem } from '../format/mail';
import type { Route } from '../router';

interface Props {
  navigate: (r: Route) => void;
}

/** The add or edit form: `editing` is the name of the person edited, `null` when adding. */
interface Draft {
  editing: string | null;
  name: string;
  email: string;
  deputy: string;
  /** The address the person had when the edit began (an address cannot be emptied). */
  hadEmail: boolean;
}

const EMPTY: Draft = { editing: null, name: '', email: '', deputy: '', hadEmail: false };

/** Most agreements linked per person (an owner of a large register owns thousands). */
export const LINKED_AGREEMENTS = 12;

/** Links to the agreements named, e.g. "AWS Peru Partnership Agreement, Microsoft …", at most
 * {@link LINKED_AGREEMENTS} of them, then "and N more". */
function AgreementLinks({ agreements, navigate }: { agreements: readonly AgreementRef[]; navigate: Props['navigate'] }): JSX.Element {
  if (agreements.length === 0) return <span class="muted">none</span>;
  const more = agreements.length - LINKED_AGREEMENTS;
  return (
    <span>
      {agreements.slice(0, LINKED_AGREEMENTS).map((a, i) => (
        <span key={a.id}>
          {i > 0 && ', '}
          <a
            href={`#/agreements/${a.id}`}
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: 'agreements', id: a.id });
            }}
          >
            {a.title}
          </a>
        </span>
      ))}
      {more > 0 && <span class="muted"> and {more} more</span>}
    </span>
  );
}

/**
 * The people directory (issue 12): contract owners and deputies, each with an email
 * address, who receive the reminders by email. Owners named by agreements without an
 * address ("Commercial Director") are listed first, flagged "to complete". Names and
 * addresses are checked as they are typed; the core checks again on save, and its refusal
 * (a removal while an agreement names the person, say) is shown as it says it.
 */
export function People({ navigate }: Props): JSX.Element {
  const [dir, setDir] = useState<PeopleDirectory | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    backend.peopleDirectory().then(setDir, (e: unknown) => setError(toBackendError(e).message));
  }, []);

  const nameIssue = draft.editing === null && touched ? nameProblem(draft.name) : null;
  const emailIssue =
    touched && draft.hadEmail && draft.email.trim() === '' ? 'Email: enter the new address (it cannot be emptied).' : emailProblem(draft.email);
  const problemOf = (field: string): string | null =>
    fieldError?.field === field ? fieldError.text : field === 'name' ? nameIssue : field === 'email' ? emailIssue : null;

  function startEdit(name: string, email: string | null, deputy: string | null): void {
    setDraft({ editing: name, name, email: email ?? '', deputy: deputy ?? '', hadEmail: email !== null });
    setTouched(false);
    setFieldError(null);
    setStatus(null);
  }

  function startAdd(name = ''): void {
    setDraft({ ...EMPTY, name });
    setTouched(name !== '');
    setFieldError(null);
    setStatus(null);
  }

  async function change(run: () => Promise<PeopleDirectory>, done: string, fieldFor?: (field: string) => boolean): Promise<boolean> {
    setBusy(true);
    setError(null);
    setStatus(null);
    setFieldError(null);
    try {
      setDir(await run());
      setStatus(done);
      return true;
    } catch (e) {
      const err = toBackendError(e);
      const field = err.code === 'invalid' ? err.location?.field : null;
      if (field && fieldFor?.(field)) {
        const label = field === 'name' ? 'Name' : field === 'email' ? 'Email' : 'Deputy';
        setFieldError({ field, text: `${label}: ${err.reason}` });
      } else {
        // A refusal (removing someone an agreement names) in the core's own words.
        setError(err.code === 'invalid' ? err.reason : err.message);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function save(): Promise<void> {
    setTouched(true);
    const adding = draft.editing === null;
    if ((adding && nameProblem(draft.name)) || emailProblem(draft.email) || (draft.hadEmail && draft.email.trim() === '')) return;
    const name = adding ? draft.name.trim() : (draft.editing ?? '');
    const ok = await change(
      () => (adding ? backend.addPerson(name, draft.email, draft.deputy) : backend.editPerson(name, draft.email, draft.deputy)),
      adding ? `Added ${name}.` : `Saved ${name}.`,
      (field) => ['name', 'email', 'deputy'].includes(field),
    );
    if (ok) {
      setDraft(EMPTY);
      setTouched(false);
    }
  }

  const people = dir?.people ?? [];
  const toComplete = dir?.to_complete ?? [];
  const adding = draft.editing === null;
  const deputyChoices = people.filter((p) => p.name.toLowerCase() !== (adding ? draft.name.trim() : (draft.editing ?? '')).toLowerCase());

  return (
    <section class="view people" aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          People
        </h1>
        <span class="muted">Contract owners and deputies receive the reminders by email.</span>
      </header>
      {error && (
        <p role="alert" class="error" data-testid="people-error">
          {error}
        </p>
      )}
      {status && (
        <p role="status" class="notice" data-testid="people-status">
          {status}
        </p>
      )}

      {toComplete.length > 0 && (
        <div class="card warning-card" data-testid="to-complete">
          <h2>
            To complete <span class="badge status-incomplete">{toComplete.length}</span>
          </h2>
          <p class="muted small">These contract owners are named by agreements but have no email address: they receive no reminder by email.</p>
          <ul class="plain-list">
            {toComplete.map((o) => (
              <li key={o.name} data-owner={o.name}>
                <strong>{o.name}</strong> — {o.in_directory ? 'no email address' : 'not in the directory'}; owner of{' '}
                <AgreementLinks agreements={o.agreements} navigate={navigate} />{' '}
                <button
                  type="button"
                  class="small-button"
                  onClick={() => {
                    const p = people.find((x) => x.name.toLowerCase() === o.name.toLowerCase());
                    if (p) startEdit(p.name, p.email, p.deputy);
                    else startAdd(o.name);
                  }}
                >
                  Add an address
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div class="card">
        <h2>Directory</h2>
        {people.length === 0 ? (
          <p class="muted">{dir ? 'Nobody yet: add the contract owners and their deputies below.' : 'Loading…'}</p>
        ) : (
          <table class="data-table" data-testid="people-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Deputy</th>
                <th scope="col">Contract owner of</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.name} data-person={p.name}>
                  <td>
                    <strong>{p.name}</strong>
                  </td>
                  <td>{p.email ?? <span class="badge status-incomplete">To complete: no email address</span>}</td>
                  <td>{p.deputy ?? <span class="muted">—</span>}</td>
                  <td>
                    <AgreementLinks agreements={p.agreements} navigate={navigate} />
                  </td>
                  <td class="row-actions">
                    <button type="button" class="link-button" aria-label={`Edit ${p.name}`} onClick={() => startEdit(p.name, p.email, p.deputy)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      class="link-button"
                      aria-label={`Remove ${p.name}`}
                      disabled={busy}
                      onClick={() => void change(() => backend.removePerson(p.name), `Removed ${p.name}.`)}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <form
        class="card"
        aria-labelledby="person-form-title"
        data-testid="person-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="person-form-title">{adding ? 'Add a person' : `Edit ${draft.editing}`}</h2>
        <div class="row-form-grid">
          <div class="row-form-field">
            <label for="person-name">Name</label>
            <input
              id="person-name"
              type="text"
              value={draft.name}
              readOnly={!adding}
              aria-invalid={problemOf('name') !== null}
              aria-describedby="person-name-help"
              onInput={(e) => {
                setDraft({ ...draft, name: e.currentTarget.value });
                setTouched(true);
                setFieldError(null);
              }}
            />
            <span id="person-name-help" class={problemOf('name') ? 'error small' : 'muted small'} role={problemOf('name') ? 'alert' : undefined}>
              {problemOf('name') ?? (adding ? 'As agreements name the contract owner.' : 'Names are fixed: remove and add to rename.')}
            </span>
          </div>
          <div class="row-form-field">
            <label for="person-email">Email</label>
            <input
              id="person-email"
              type="email"
              value={draft.email}
              aria-invalid={problemOf('email') !== null}
              aria-describedby="person-email-help"
              onInput={(e) => {
                setDraft({ ...draft, email: e.currentTarget.value });
                setTouched(true);
                setFieldError(null);
              }}
            />
            <span id="person-email-help" class={problemOf('email') ? 'error small' : 'muted small'} role={problemOf('email') ? 'alert' : undefined}>
              {problemOf('email') ?? 'e.g. ana.torres@example.pe; empty: to complete later.'}
            </span>
          </div>
          <div class="row-form-field">
            <label for="person-deputy">Deputy</label>
            <select
              id="person-deputy"
              value={draft.deputy}
              aria-invalid={problemOf('deputy') !== null}
              aria-describedby="person-deputy-help"
              onChange={(e) => setDraft({ ...draft, deputy: e.currentTarget.value })}
            >
              <option value="">— none —</option>
              {deputyChoices.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
            <span id="person-deputy-help" class={problemOf('deputy') ? 'error small' : 'muted small'} role={problemOf('deputy') ? 'alert' : undefined}>
              {problemOf('deputy') ?? 'Told too when a deadline escalates.'}
            </span>
          </div>
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {adding ? 'Add person' : 'Save'}
          </button>
          {(!adding || draft.name !== '' || draft.email !== '') && (
            <button
              type="button"
              onClick={() => {
                setDraft(EMPTY);
                setTouched(false);
                setFieldError(null);
              }}
            >
              Cancel
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
