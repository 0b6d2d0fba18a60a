import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { backend, toBackendError, type AgreementRow, type NewAgreement, type NewAgreementPreview, type TableQuery } from '../backend';
import { formatDate, relativeDays } from '../format/date';
import type { Route } from '../router';

/** The form's fields, in order, with their labels and examples (issue 11 item 2). */
const FIELDS: { key: keyof NewAgreement; label: string; hint: string; errorFields: string[] }[] = [
  { key: 'title', label: 'Title', hint: 'required, e.g. Andes Foods Supply Agreement', errorFields: ['title'] },
  { key: 'counterparty', label: 'Counterparty', hint: 'the other party', errorFields: ['counterparty'] },
  { key: 'parties', label: 'Parties', hint: 'separated by " / "', errorFields: ['parties'] },
  { key: 'owner', label: 'Contract owner', hint: 'a name from People', errorFields: ['contract_owner'] },
  { key: 'country', label: 'Country', hint: 'for public holidays: Peru, Chile, US, PE, CL…', errorFields: ['country'] },
  { key: 'effective_date', label: 'Effective date', hint: 'required: 2024-04-01 or 1 April 2024', errorFields: ['effective_date'] },
  { key: 'term', label: 'Initial term', hint: '36 months, 3 years (or the expiry date)', errorFields: ['term', 'initial_term'] },
  { key: 'expiry', label: 'Expiry date', hint: 'the last day of the initial term (or the term)', errorFields: ['expiry'] },
  { key: 'renewal', label: 'Renewal period', hint: '12 months: renews automatically; empty: fixed term', errorFields: ['renewal', 'renewal_period', 'auto_renewal'] },
  { key: 'notice', label: 'Non-renewal notice', hint: '90 days before the end of the term', errorFields: ['notice', 'non_renewal_notice'] },
  { key: 'convenience', label: 'Termination for convenience', hint: 'notice period, e.g. 180 days', errorFields: ['convenience'] },
  { key: 'price_review', label: 'Price review', hint: 'at each renewal, annually, or text', errorFields: ['price_review'] },
  { key: 'next_review', label: 'Next review', hint: 'July 2027, Q3 2027 or 2027-07-15', errorFields: ['next_review'] },
  { key: 'value', label: 'Total value', hint: '1,200,000', errorFields: ['value'] },
  { key: 'currency', label: 'Currency', hint: 'PEN, USD, CLP, EUR…', errorFields: ['currency'] },
];

function empty(): NewAgreement {
  return {
    title: '',
    counterparty: null,
    parties: null,
    owner: null,
    country: null,
    effective_date: '',
    term: null,
    expiry: null,
    renewal: null,
    notice: null,
    convenience: null,
    price_review: null,
    next_review: null,
    value: null,
    currency: null,
  };
}

/** How many agreements "Start from an existing agreement" lists at most. */
export const FIND_LIMIT = 20;
/** Pause after the last key before the search is sent (ms). */
const FIND_DELAY_MS = 200;

/** The search for "Start from an existing agreement": the first matches by title. */
export function existingQuery(search: string): TableQuery {
  return {
    search,
    status: null,
    counterparty: null,
    owner: null,
    currency: null,
    sort: 'title',
    direction: 'asc',
    offset: 0,
    limit: FIND_LIMIT,
    with_options: false,
  };
}

/** Whether anything beyond the title and effective date was typed: only then is a preview asked for. */
function ready(a: NewAgreement): boolean {
  return a.title.trim() !== '' && a.effective_date.trim() !== '' && ((a.term ?? '').trim() !== '' || (a.expiry ?? '').trim() !== '');
}

/**
 * "New agreement": an agreement entered by hand, validated as you type by the core (the
 * same checks as `renewals add`), with the dates it yields and their workings shown
 * before saving. Saved, it has the same page, history, reminders and brief as an
 * imported one.
 */
export function NewAgreementCard({ navigate }: { navigate: (r: Route) => void }): JSX.Element {
  const [form, setForm] = useState<NewAgreement>(empty);
  const [preview, setPreview] = useState<NewAgreementPreview | null>(null);
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [saved, setSaved] = useState<{ id: number; title: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const serial = useRef(0);
  // "Start from an existing agreement": found by a search the app answers over every
  // agreement (the agreements table's), a few titles at a time, never every row.
  const [find, setFind] = useState('');
  const [found, setFound] = useState<{ rows: AgreementRow[]; matching: number } | null>(null);
  const [from, setFrom] = useState('');
  const findSerial = useRef(0);

  useEffect(() => {
    const mine = ++findSerial.current;
    if (find.trim() === '') {
      setFound(null);
      setFrom('');
      return;
    }
    const timer = setTimeout(() => {
      backend.agreementRowsPage(existingQuery(find)).then(
        (page) => {
          if (mine !== findSerial.current) return;
          setFound({ rows: page.rows, matching: page.matching });
          setFrom((f) => (page.rows.some((r) => String(r.id) === f) ? f : String(page.rows[0]?.id ?? '')));
        },
        () => {
          if (mine === findSerial.current) setFound({ rows: [], matching: 0 });
        },
      );
    }, FIND_DELAY_MS);
    return () => clearTimeout(timer);
  }, [find, saved]);

  const duplicate = async () => {
    const id = Number(from);
    if (!id) return;
    try {
      const copy = await backend.newAgreementFrom(id);
      setSaved(null);
      setForm(copy);
    } catch (e) {
      setProblem({ field: null, message: toBackendError(e).message });
    }
  };

  useEffect(() => {
    if (!ready(form)) {
      setPreview(null);
      setProblem(null);
      return;
    }
    const mine = ++serial.current;
    const timer = setTimeout(() => {
      backend.previewNewAgreement(form).then(
        (p) => {
          if (mine !== serial.current) return;
          setPreview(p);
          setProblem(null);
        },
        (e: unknown) => {
          if (mine !== serial.current) return;
          const err = toBackendError(e);
          setPreview(null);
          setProblem({ field: err.location?.field ?? null, message: err.message });
        },
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [form]);

  const set = (key: keyof NewAgreement, value: string) => {
    setSaved(null);
    setForm((f) => ({ ...f, [key]: key === 'title' || key === 'effective_date' ? value : value === '' ? null : value }));
  };

  const save = async () => {
    setBusy(true);
    try {
      const imported = await backend.addAgreement(form);
      setSaved({ id: imported.id, title: imported.title });
      setForm(empty());
      setPreview(null);
      setProblem(null);
    } catch (e) {
      const err = toBackendError(e);
      setProblem({ field: err.location?.field ?? null, message: err.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="new-agreement-title" data-testid="new-agreement">
      <h2 id="new-agreement-title">New agreement</h2>
      <p class="muted small">Enter an agreement by hand when there is no document to import. Each value is checked as you type; the dates it yields are shown before you save.</p>
      <div class="new-buttons" data-testid="new-agreement-duplicate">
        <label for="new-find">Start from an existing agreement</label>
        <input
          id="new-find"
          type="search"
          value={find}
          placeholder="Find it by title, party or owner"
          onInput={(e) => setFind((e.target as HTMLInputElement).value)}
        />
        {found && found.rows.length > 0 && (
          <select id="new-from" aria-label="Agreement to start from" value={from} onChange={(e) => setFrom((e.target as HTMLSelectElement).value)}>
            {found.rows.map((r) => (
              <option key={r.id} value={String(r.id)}>
                {r.title}
              </option>
            ))}
          </select>
        )}
        {found && found.matching > found.rows.length && (
          <span class="muted small" data-testid="new-from-more">
            {found.rows.length} of {found.matching}: type more to narrow
          </span>
        )}
        {found && found.matching === 0 && (
          <span class="muted small" role="status">
            No agreement matches “{find.trim()}”.
          </span>
        )}
        <button type="button" disabled={from === '' || !found || found.rows.length === 0} onClick={() => void duplicate()}>
          Duplicate
        </button>
      </div>
      <div class="row-form-grid">
        {FIELDS.map((f) => {
          const bad = problem && problem.field !== null && f.errorFields.includes(problem.field);
          return (
            <label key={f.key} class="row-form-field" data-testid={`new-${f.key}`}>
              <span class="field-value">{f.label}</span>
              <input
                type="text"
                value={(form[f.key] as string | null) ?? ''}
                aria-invalid={bad ? 'true' : undefined}
                onInput={(e) => set(f.key, (e.target as HTMLInputElement).value)}
              />
              {bad ? <span class="field-error">{problem.message}</span> : <span class="muted small">{f.hint}</span>}
            </label>
          );
        })}
      </div>
      {problem && (problem.field === null || !FIELDS.some((f) => f.errorFields.includes(problem.field ?? ''))) && (
        <p role="alert" class="error">
          {problem.message}
        </p>
      )}
      {preview && (
        <div class="new-preview" data-testid="new-agreement-preview">
          <p>
            {preview.term_end ? <>Current term ends <b>{formatDate(preview.term_end)}</b>. </> : null}
            If nobody acts: {preview.default_outcome}.
          </p>
          {preview.events.length > 0 ? (
            <ul class="results">
              {preview.events.map((e) => (
                <li key={e.id}>
                  <b>{formatDate(e.date)}</b> {e.label} ({relativeDays(e.days_from_today)})
                  <br />
                  <span class="muted small">{e.explanation}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">No date ahead.</p>
          )}
        </div>
      )}
      <div class="new-buttons">
        <button type="button" class="primary" disabled={busy || !ready(form) || problem !== null} onClick={() => void save()} data-testid="new-agreement-save">
          {busy ? 'Saving…' : 'Save agreement'}
        </button>
        {saved && (
          <span role="status">
            Saved #{saved.id} {saved.title}.{' '}
            <a
              href="#"
              onClick={(e) => {
                e.preventDefault();
                navigate({ view: 'agreements', id: saved.id });
              }}
            >
              Open it
            </a>
          </span>
        )}
      </div>
    </section>
  );
}
