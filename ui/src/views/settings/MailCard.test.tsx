import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { MailForm, MailSettingsView } from '../../bindings';
import { MailCard, describePassword, mailProblems } from './MailCard';
import { TEST_MAIL_SETTINGS, button, invalidAt, mockShell, testRoot, typeInto, waitFor } from '../../test-support';

const root = testRoot();

const SAVED: MailSettingsView = {
  settings: {
    host: 'smtp.example.pe',
    port: 587,
    security: 'starttls',
    from: 'renewals@example.pe',
    user: 'renewals',
    escalation: 'director@example.pe',
    escalate_days: 21,
    attach_brief_days: 30,
  },
  password: { source: 'keyring', keyring_error: null },
  password_env: 'RENEWAL_DESK_SMTP_PASSWORD',
};

function mount(): void {
  act(() => render(<MailCard />, root));
}

const field = (name: string): HTMLInputElement => root.querySelector<HTMLInputElement>(`#mail-${name}`)!;
const help = (name: string): string => root.querySelector(`#mail-${name}-help`)?.textContent ?? '';

describe('Mail settings', () => {
  it('shows the saved settings and that a password is stored, never the password', async () => {
    mockShell({ mail_settings: () => SAVED });
    mount();
    await waitFor(() => field('host')?.value === 'smtp.example.pe');
    expect(field('port').value).toBe('587');
    expect(root.querySelector<HTMLInputElement>('input[name="mail-security"][value="starttls"]')?.checked).toBe(true);
    expect(field('escalate_days').value).toBe('21');
    expect(field('password').value).toBe('');
    expect(root.querySelector('[data-testid="password-state"]')?.textContent).toBe('A password is stored in the system keyring.');
    // The test email goes to the sender unless another address is typed.
    expect(field('test-to').value).toBe('renewals@example.pe');
  });

  it('checks each field as it is typed, naming it, and sends nothing while one is wrong', async () => {
    const { log } = mockShell();
    mount();
    await waitFor(() => field('host'));
    typeInto(field('host'), 'smtp example');
    typeInto(field('port'), '70000');
    typeInto(field('from'), 'renewals@');
    typeInto(field('escalate_days'), 'two weeks');
    await waitFor(() => help('port').startsWith('Port: a number from 1 to 65535'));
    expect(help('host')).toBe('Host: “smtp example” is not a host name; expected e.g. smtp.example.pe.');
    expect(help('from')).toBe('Sender: “renewals@” is not an email address; expected e.g. ana.torres@example.pe.');
    expect(help('escalate_days')).toBe('Escalate (days before): a whole number of days from 0 to 3650.');
    act(() => button(root, 'Save mail settings').click());
    expect(log.some((c) => c.cmd === 'save_mail_settings')).toBe(false);
    // The usual port follows the security chosen.
    typeInto(field('port'), '587');
    act(() => root.querySelector<HTMLInputElement>('input[name="mail-security"][value="tls"]')!.click());
    expect(field('port').value).toBe('465');
  });

  it('saves the settings, sends the password once and empties its field', async () => {
    let sent: { form: MailForm; password: string | null } | null = null;
    const { log } = mockShell({
      save_mail_settings: (args) => {
        sent = args as { form: MailForm; password: string | null };
        return { ...SAVED, settings: { ...SAVED.settings!, host: sent.form.host } };
      },
    });
    mount();
    await waitFor(() => field('host'));
    typeInto(field('host'), 'smtp.example.pe');
    typeInto(field('from'), 'renewals@example.pe');
    typeInto(field('user'), 'renewals');
    typeInto(field('password'), 'pa55-word');
    act(() => button(root, 'Save mail settings').click());
    await waitFor(() => root.querySelector('[data-testid="mail-saved"]'));
    expect(root.querySelector('[data-testid="mail-saved"]')?.textContent).toBe('Mail settings saved; the password is in the system keyring.');
    expect(sent).toEqual({
      form: { host: 'smtp.example.pe', port: '587', security: 'starttls', from: 'renewals@example.pe', user: 'renewals', escalation: '', escalate_days: '', attach_brief_days: '' },
      password: 'pa55-word',
    });
    expect(field('password').value).toBe('');
    expect(root.innerHTML).not.toContain('pa55-word');
    expect(log.filter((c) => c.cmd === 'save_mail_settings')).toHaveLength(1);
  });

  it('says clearly when the keyring cannot keep the password, at the password field', async () => {
    mockShell({
      mail_settings: () => ({ ...SAVED, password: { source: 'none', keyring_error: null } }),
      save_mail_settings: () => {
        throw invalidAt(
          { field: 'password' },
          'invalid password: the system keyring could not store it (Platform secure storage failure: no Secret Service); set RENEWAL_DESK_SMTP_PASSWORD in the environment instead',
          'the system keyring could not store it (Platform secure storage failure: no Secret Service); set RENEWAL_DESK_SMTP_PASSWORD in the environment instead',
        );
      },
    });
    mount();
    await waitFor(() => field('host')?.value === 'smtp.example.pe');
    typeInto(field('password'), 'pa55-word');
    act(() => button(root, 'Save mail settings').click());
    await waitFor(() => help('password').startsWith('Password: the system keyring could not store it'));
    expect(help('password')).toContain('set RENEWAL_DESK_SMTP_PASSWORD in the environment instead');
    expect(field('password').getAttribute('aria-invalid')).toBe('true');
    expect(root.innerHTML).not.toContain('pa55-word');
  });

  it('sends a test email and shows success or the failure reason', async () => {
    let fail = false;
    const { log } = mockShell({
      mail_settings: () => SAVED,
      send_test_email: (args) => {
        const { to } = args as { to: string };
        return fail
          ? { to, delivered: false, via: null, failure: 'SMTP server smtp.example.pe:587: Connection error: Connection refused (os error 111)' }
          : { to, delivered: true, via: 'SMTP smtp.example.pe:587', failure: null };
      },
    });
    mount();
    await waitFor(() => field('test-to')?.value === 'renewals@example.pe');
    typeInto(field('test-to'), 'ana.torres@example.pe');
    act(() => button(root, 'Send a test email').click());
    const result = await waitFor(() => root.querySelector('[data-testid="test-email-result"]'));
    expect(result.textContent).toBe('Test email sent to ana.torres@example.pe via SMTP smtp.example.pe:587.');
    expect(result.getAttribute('role')).toBe('status');
    fail = true;
    act(() => button(root, 'Send a test email').click());
    await waitFor(() => root.querySelector('[data-testid="test-email-result"]')?.getAttribute('role') === 'alert');
    expect(root.querySelector('[data-testid="test-email-result"]')?.textContent).toBe(
      'The test email to ana.torres@example.pe was not sent: SMTP server smtp.example.pe:587: Connection error: Connection refused (os error 111)',
    );
    expect(log.filter((c) => c.cmd === 'send_test_email').map((c) => c.args['to'])).toEqual(['ana.torres@example.pe', 'ana.torres@example.pe']);
  });

  it('cannot send a test email before mail is set up', async () => {
    mockShell({ mail_settings: () => TEST_MAIL_SETTINGS });
    mount();
    await waitFor(() => root.textContent?.includes('Save the mail settings to send a test email.'));
    expect(button(root, 'Send a test email').disabled).toBe(true);
    expect(root.querySelector('[data-testid="password-state"]')?.textContent).toBe('No user: the server is used without a login.');
  });
});

describe('mail checks', () => {
  it('accept a complete form and name each bad field', () => {
    const ok: MailForm = { host: 'smtp.example.pe', port: '25', security: 'none', from: 'a@example.pe', user: '', escalation: '', escalate_days: '', attach_brief_days: '30' };
    expect(mailProblems(ok, '')).toEqual({});
    expect(Object.keys(mailProblems({ ...ok, host: '', port: '0', attach_brief_days: '-1' }, 'x'))).toEqual(['host', 'port', 'attach_brief_days', 'user']);
  });

  it('describe where the password comes from', () => {
    expect(describePassword({ source: 'environment', keyring_error: null }, 'RENEWAL_DESK_SMTP_PASSWORD')).toBe(
      'The password comes from RENEWAL_DESK_SMTP_PASSWORD in the environment.',
    );
    expect(describePassword({ source: 'keyring_unavailable', keyring_error: 'no Secret Service on the bus' }, 'RENEWAL_DESK_SMTP_PASSWORD')).toBe(
      'The system keyring cannot be reached (no Secret Service on the bus), so no password can be stored here: set RENEWAL_DESK_SMTP_PASSWORD in the environment instead.',
    );
  });
});
