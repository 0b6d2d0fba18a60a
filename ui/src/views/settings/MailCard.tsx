import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { backend, toBackendError, type MailForm, type MailSettingsView, type PasswordStatus, type Security, type TestEmail } from '../../backend';
import { daysProblem, emailProblem, hostProblem, portProblem } from '../../format/mail';

type Field = keyof MailForm | 'password';

const LABELS: Record<Field, string> = {
  host: 'Host',
  port: 'Port',
  security: 'Security',
  from: 'Sender',
  user: 'User',
  password: 'Password',
  escalation: 'Escalation address',
  escalate_days: 'Escalate (days before)',
  attach_brief_days: 'Attach the brief (days before)',
};

const SECURITY: { value: Security; label: string; port: string }[] = [
  { value: 'none', label: 'None', port: '25' },
  { value: 'starttls', label: 'STARTTLS', port: '587' },
  { value: 'tls', label: 'TLS', port: '465' },
];

const BLANK: MailForm = {
  host: '',
  port: '587',
  security: 'starttls',
  from: '',
  user: '',
  escalation: '',
  escalate_days: '',
  attach_brief_days: '',
};

/** The form's text for stored settings. */
function formOf(view: MailSettingsView): MailForm {
  const s = view.settings;
  if (!s) return BLANK;
  return {
    host: s.host,
    port: String(s.port),
    security: s.security,
    from: s.from,
    user: s.user ?? '',
    escalation: s.escalation ?? '',
    escalate_days: s.escalate_days === null ? '' : String(s.escalate_days),
    attach_brief_days: String(s.attach_brief_days),
  };
}

/** What the as-you-type checks say about each field (`null`: fine). */
export function mailProblems(form: MailForm, password: string): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const put = (f: Field, p: string | null): void => {
    if (p) out[f] = p;
  };
  put('host', hostProblem(form.host));
  put('port', portProblem(form.port));
  put('from', emailProblem(form.from, 'Sender', true));
  put('escalation', emailProblem(form.escalation, 'Escalation address'));
  put('escalate_days', daysProblem(form.escalate_days, LABELS.escalate_days));
  put('attach_brief_days', daysProblem(form.attach_brief_days, LABELS.attach_brief_days));
  if (password !== '' && form.user.trim() === '') put('user', 'User: a password needs the SMTP user it belongs to.');
  return out;
}

/** Whether a password is stored, in words (never the password). */
export function describePassword(p: PasswordStatus, env: string): string {
  switch (p.source) {
    case 'environment':
      return `The password comes from ${env} in the environment.`;
    case 'keyring':
      return 'A password is stored in the system keyring.';
    case 'none':
      return 'No password is stored.';
    case 'no_user':
      return 'No user: the server is used without a login.';
    case 'keyring_unavailable':
      return `The system keyring cannot be reached (${p.keyring_error ?? 'no Secret Service'}), so no password can be stored here: set ${env} in the environment instead.`;
  }
}

/**
 * Mail settings (issue 12): the SMTP server, security, sender and user, the password (kept
 * in the system keyring by the shell, never shown again: only whether one is stored), the
 * escalation address and days, and the step from which the brief is attached. Each field
 * is checked as it is typed; a refusal from the shell is shown at the field it names.
 * "Send a test email" sends one with the saved settings and says what became of it.
 */
export function MailCard(): JSX.Element {
  const [view, setView] = useState<MailSettingsView | null>(null);
  const [form, setForm] = useState<MailForm>(BLANK);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [refused, setRefused] = useState<{ field: Field; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [testToProblem, setTestToProblem] = useState<string | null>(null);
  const [test, setTest] = useState<TestEmail | null>(null);
  const [testing, setTesting] = useState(false);

  const got = (v: MailSettingsView): void => {
    setView(v);
    setForm(formOf(v));
    setTestTo((t) => t || v.settings?.from || '');
  };

  useEffect(() => {
    backend.mailSettings().then(got, (e: unknown) => setError(toBackendError(e).message));
  }, []);

  const problems = mailProblems(form, password);
  const problemOf = (f: Field): string | null => (refused?.field === f ? refused.text : touched[f] ? (problems[f] ?? null) : null);

  function set(f: keyof MailForm, value: string): void {
    setForm((old) => ({ ...old, [f]: value }));
    setTouched((t) => ({ ...t, [f]: true }));
    setRefused(null);
    setSaved(null);
  }

  async function save(): Promise<void> {
    setTouched({ host: true, port: true, from: true, user: true, escalation: true, escalate_days: true, attach_brief_days: true });
    setError(null);
    setSaved(null);
    setRefused(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    const sentPassword = password;
    // The password leaves the page once: the field is emptied whatever happens.
    setPassword('');
    try {
      got(await backend.saveMailSettings(form, sentPassword === '' ? null : sentPassword));
      setSaved(sentPassword === '' ? 'Mail settings saved.' : 'Mail settings saved; the password is in the system keyring.');
    } catch (e) {
      const err = toBackendError(e);
      const field = err.code === 'invalid' ? (err.location?.field as Field | null | undefined) : null;
      if (field && field in LABELS) {
        setRefused({ field, text: `${LABELS[field]}: ${err.reason}` });
        // A password the keyring refused: the settings themselves were saved.
        if (field === 'password') backend.mailSettings().then(got, () => undefined);
      } else {
        setError(err.message);
      }
    } finally {
      setBusy(false);
    }
  }

  async function sendTest(): Promise<void> {
    setTest(null);
    const p = emailProblem(testTo, 'Send to', true);
    setTestToProblem(p);
    if (p) return;
    setTesting(true);
    setError(null);
    try {
      setTest(await backend.sendTestEmail(testTo.trim()));
    } catch (e) {
      const err = toBackendError(e);
      if (err.isInvalidField('to')) setTestToProblem(`Send to: ${err.reason}`);
      else setError(err.message);
    } finally {
      setTesting(false);
    }
  }

  const input = (f: keyof MailForm, type: string, hint: string, extra: Record<string, string> = {}): JSX.Element => {
    const problem = problemOf(f);
    return (
      <div class="row-form-field">
        <label for={`mail-${f}`}>{LABELS[f]}</label>
        <input
          id={`mail-${f}`}
          name={f}
          type={type}
          value={form[f]}
          aria-invalid={problem !== null}
          aria-describedby={`mail-${f}-help`}
          onInput={(e) => set(f, e.currentTarget.value)}
          {...extra}
        />
        <span id={`mail-${f}-help`} class={problem ? 'error small' : 'muted small'} role={problem ? 'alert' : undefined}>
          {problem ?? hint}
        </span>
      </div>
    );
  };

  const passwordProblem = problemOf('password');
  const stored = view ? describePassword(view.password, view.password_env) : '';

  return (
    <div class="card mail-card" data-testid="mail-settings">
      <h2>Email reminders</h2>
      <p class="muted">
        Contract owners (see People) receive each reminder by email, with calendar invitations; their deputy and the escalation address are told
        when nothing is recorded near a notice deadline.
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <form
        class="mail-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div class="row-form-grid">
          {input('host', 'text', 'e.g. smtp.example.pe', { autocomplete: 'off', spellcheck: 'false' })}
          {input('port', 'text', '587 (STARTTLS), 465 (TLS), 25', { inputMode: 'numeric' })}
          <fieldset class="radios row-form-field mail-security">
            <legend>Security</legend>
            <div class="row">
              {SECURITY.map((s) => (
                <label class="check" key={s.value}>
                  <input
                    type="radio"
                    name="mail-security"
                    value={s.value}
                    checked={form.security === s.value}
                    onChange={() => {
                      // The usual port follows the security unless one was typed.
                      const usual = SECURITY.some((x) => x.port === form.port.trim()) || form.port.trim() === '';
                      setForm((old) => ({ ...old, security: s.value, port: usual ? s.port : old.port }));
                      setSaved(null);
                    }}
                  />
                  {s.label}
                </label>
              ))}
            </div>
          </fieldset>
          {input('from', 'email', 'The sender, e.g. renewals@example.pe')}
          {input('user', 'text', 'Empty: no login', { autocomplete: 'off', spellcheck: 'false' })}
          <div class="row-form-field">
            <label for="mail-password">Password</label>
            <input
              id="mail-password"
              type="password"
              autocomplete="new-password"
              value={password}
              placeholder={view?.password.source === 'keyring' ? 'stored — type to replace' : ''}
              aria-invalid={passwordProblem !== null}
              aria-describedby="mail-password-help"
              onInput={(e) => {
                setPassword(e.currentTarget.value);
                setRefused(null);
                setSaved(null);
              }}
            />
            <span id="mail-password-help" class={passwordProblem ? 'error small' : 'muted small'} role={passwordProblem ? 'alert' : undefined} data-testid="password-state">
              {passwordProblem ?? stored}
            </span>
          </div>
          {input('escalation', 'email', 'Also told on escalation, e.g. the commercial director')}
          {input('escalate_days', 'text', 'Before a notice deadline with nothing recorded; empty: 14', { inputMode: 'numeric' })}
          {input('attach_brief_days', 'text', 'The renewal brief PDF rides along from this step; empty: 30', { inputMode: 'numeric' })}
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save mail settings'}
          </button>
          {saved && (
            <span role="status" class="muted" data-testid="mail-saved">
              {saved}
            </span>
          )}
        </div>
      </form>
      <form
        class="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void sendTest();
        }}
      >
        <label for="mail-test-to">Send to</label>
        <input
          id="mail-test-to"
          type="email"
          value={testTo}
          aria-invalid={testToProblem !== null}
          onInput={(e) => {
            setTestTo(e.currentTarget.value);
            setTestToProblem(null);
          }}
        />
        <button type="submit" disabled={testing || !view?.settings}>
          {testing ? 'Sending…' : 'Send a test email'}
        </button>
      </form>
      {!view?.settings && <p class="muted small">Save the mail settings to send a test email.</p>}
      {testToProblem && (
        <p role="alert" class="error small">
          {testToProblem}
        </p>
      )}
      {test && (
        <p role={test.delivered ? 'status' : 'alert'} class={test.delivered ? 'notice' : 'error'} data-testid="test-email-result">
          {test.delivered ? `Test email sent to ${test.to} via ${test.via ?? 'the server'}.` : `The test email to ${test.to} was not sent: ${test.failure ?? 'unknown reason'}`}
        </p>
      )}
    </div>
  );
}
