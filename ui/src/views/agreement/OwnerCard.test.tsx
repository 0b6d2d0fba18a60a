import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { AgreementMail, AgreementPage } from '../../bindings';
import { AgreementDetail } from '../AgreementDetail';
import { FIXTURES, TEST_INFO, button, mockShell, testRoot, typeInto, waitFor } from '../../test-support';

const root = testRoot();
// Microsoft Peru as imported: its owner is "Commercial Director", with no address.
const PAGE: AgreementPage = FIXTURES.page;
const ID = 3;

function mount(): void {
  act(() => render(<AgreementDetail id={ID} info={{ ...TEST_INFO, asOf: FIXTURES.today }} navigate={() => undefined} />, root));
}

const ownerText = (): string => root.querySelector('[data-testid="owner-person"]')?.textContent ?? '';

describe('Contract owner and emails', () => {
  it('flags an owner with no address and links the agreement to a person of the directory', async () => {
    let mail: AgreementMail = { owner: 'Commercial Director', email: null, deputy: null, in_directory: false, people: ['Ana Torres'], log: [] };
    const { log } = mockShell({
      agreement_page: () => PAGE,
      agreement_mail: () => mail,
      edit_field: (args) => {
        const { value } = args as { field: string; value: string };
        mail = { ...mail, owner: value, email: 'ana.torres@example.pe', deputy: 'Luis Prado', in_directory: true };
        return PAGE;
      },
    });
    mount();
    await waitFor(() => ownerText().includes('To complete: no email address'));
    expect(ownerText()).toContain('Commercial Director');
    expect(ownerText()).toContain('Not in the directory');
    expect(root.querySelector('[data-testid="mail-log-empty"]')?.textContent).toBe('No email sent about this agreement yet.');
    const select = root.querySelector<HTMLSelectElement>('#owner-link')!;
    typeInto(select, 'Ana Torres');
    act(() => button(root.querySelector('[data-testid="owner-card"]')!, 'Link').click());
    await waitFor(() => ownerText().startsWith('Ana Torres — ana.torres@example.pe'));
    expect(ownerText()).toContain('(deputy: Luis Prado)');
    expect(log.find((c) => c.cmd === 'edit_field')?.args).toEqual({ id: ID, field: 'contract_owner', value: 'Ana Torres' });
    expect(root.querySelector('[data-testid="detail-status"]')?.textContent).toBe('The contract owner is now Ana Torres. The change is in the history.');
  });

  it('shows who was told what and when, escalations and failures marked', async () => {
    const event = PAGE.detail.events.find((e) => e.status === 'open')!;
    const mail: AgreementMail = {
      owner: 'Ana Torres',
      email: 'ana.torres@example.pe',
      deputy: 'Luis Prado',
      in_directory: true,
      people: ['Ana Torres', 'Luis Prado'],
      log: [
        {
          event_id: event.id,
          step: 'd14',
          step_text: '14 days before',
          recipient: 'ana.torres@example.pe',
          role: 'owner',
          state: 'delivered',
          attempts: 1,
          delivered_at: '2027-09-17T09:00:00Z',
          last_attempt_at: '2027-09-17T09:00:00Z',
          failure: null,
        },
        {
          event_id: event.id,
          step: 'd14',
          step_text: '14 days before',
          recipient: 'luis.prado@example.pe',
          role: 'deputy',
          state: 'failed',
          attempts: 2,
          delivered_at: null,
          last_attempt_at: '2027-09-17T10:05:00Z',
          failure: 'SMTP server smtp.example.pe:587: Connection refused',
        },
        {
          event_id: event.id,
          step: 'moved',
          step_text: 'date changed: calendar invitation updated',
          recipient: 'ines.watcher@example.pe',
          role: 'watcher',
          state: 'delivered',
          attempts: 1,
          delivered_at: '2027-09-18T09:00:00Z',
          last_attempt_at: '2027-09-18T09:00:00Z',
          failure: null,
        },
      ],
    };
    mockShell({ agreement_page: () => PAGE, agreement_mail: () => mail });
    mount();
    const table = await waitFor(() => root.querySelector('[data-testid="mail-log"]'));
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent));
    expect(rows[0]?.slice(0, 4)).toEqual([event.label, '14 days before', 'ana.torres@example.pe', 'Contract owner']);
    expect(rows[0]?.[4]).toMatch(/^Delivered .*2027/);
    expect(rows[1]?.slice(0, 4)).toEqual([event.label, '14 days before', 'luis.prado@example.pe', 'Deputy (escalation)']);
    expect(rows[1]?.[4]).toMatch(/^Not delivered Fri 17 Sep 2027, [0-9:]+ \(2 tries\): SMTP server smtp\.example\.pe:587: Connection refused; retried on later runs$/);
    expect(rows[2]?.slice(0, 4)).toEqual([event.label, 'date changed: calendar invitation updated', 'ines.watcher@example.pe', 'Watcher']);
  });
});
