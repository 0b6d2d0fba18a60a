import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { PeopleDirectory } from '../bindings';
import type { Route } from '../router';
import { LINKED_AGREEMENTS, People } from './People';
import { button, invalidAt, mockShell, testRoot, typeInto, waitFor } from '../test-support';

const root = testRoot();

/** The seeds as imported: every agreement's owner is "Commercial Director", with no entry. */
const IMPORTED: PeopleDirectory = {
  people: [],
  to_complete: [
    {
      name: 'Commercial Director',
      in_directory: false,
      agreements: [
        { id: 1, title: 'AWS Chile Partnership Agreement' },
        { id: 3, title: 'Microsoft Peru Partnership Agreement' },
      ],
    },
  ],
};

function mount(routes: Route[] = []): void {
  act(() => render(<People navigate={(r) => routes.push(r)} />, root));
}

const help = (id: string): string => root.querySelector(`#${id}-help`)?.textContent ?? '';

describe('People', () => {
  it('flags the owners to complete with their agreements, and opens one', async () => {
    mockShell({ people_directory: () => IMPORTED });
    const routes: Route[] = [];
    mount(routes);
    const card = await waitFor(() => root.querySelector('[data-testid="to-complete"]'));
    expect(card.textContent).toContain('Commercial Director — not in the directory; owner of AWS Chile Partnership Agreement, Microsoft Peru Partnership Agreement');
    expect(card.querySelector('.badge')?.textContent).toBe('1');
    act(() => {
      card.querySelectorAll('a')[1]?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    });
    expect(routes).toEqual([{ view: 'agreements', id: 3 }]);
    // "Add an address" starts an add with the owner's name.
    act(() => button(card, 'Add an address').click());
    expect(root.querySelector<HTMLInputElement>('#person-name')?.value).toBe('Commercial Director');
  });

  it('links the first agreements of an owner of a large register and counts the rest', async () => {
    const agreements = Array.from({ length: 2500 }, (_, i) => ({ id: i + 1, title: `Supply Agreement No. ${i + 1}` }));
    mockShell({ people_directory: () => ({ people: [], to_complete: [{ name: 'Network Director', in_directory: false, agreements }] }) });
    mount();
    const card = await waitFor(() => root.querySelector('[data-testid="to-complete"]'));
    expect(card.querySelectorAll('a[href^="#/agreements/"]')).toHaveLength(LINKED_AGREEMENTS);
    expect(card.textContent).toContain(`Supply Agreement No. ${LINKED_AGREEMENTS} and ${2500 - LINKED_AGREEMENTS} more`);
    expect(card.textContent).not.toContain(`Supply Agreement No. ${LINKED_AGREEMENTS + 1}`);
  });

  it('checks the name and the address as they are typed, naming the field', async () => {
    const { log } = mockShell();
    mount();
    const name = await waitFor(() => root.querySelector<HTMLInputElement>('#person-name'));
    const email = root.querySelector<HTMLInputElement>('#person-email')!;
    typeInto(email, 'ana.torres@');
    await waitFor(() => help('person-email').startsWith('Email: “ana.torres@” is not an email address'));
    expect(email.getAttribute('aria-invalid')).toBe('true');
    typeInto(name, 'Ana');
    typeInto(name, '  ');
    await waitFor(() => help('person-name') === 'Name: required, e.g. Ana Torres.');
    // Nothing is sent while a field is wrong.
    act(() => button(root, 'Add person').click());
    expect(log.some((c) => c.cmd === 'add_person')).toBe(false);
    typeInto(email, 'ana.torres@example.pe');
    await waitFor(() => help('person-email').startsWith('e.g.'));
  });

  it('adds a person, and shows a refusal at the field the shell names', async () => {
    let dir: PeopleDirectory = { people: [], to_complete: [] };
    const { log } = mockShell({
      people_directory: () => dir,
      add_person: (args) => {
        const { name, email } = args as { name: string; email: string; deputy: string };
        if (name === 'Ana Torres' && dir.people.length > 0) {
          throw invalidAt({ field: 'name' }, 'invalid name: "Ana Torres" is already in the directory: use `people edit`', '"Ana Torres" is already in the directory: use `people edit`');
        }
        dir = { people: [{ name, email, deputy: null, agreements: [] }], to_complete: [] };
        return dir;
      },
    });
    mount();
    const name = await waitFor(() => root.querySelector<HTMLInputElement>('#person-name'));
    typeInto(name, 'Ana Torres');
    typeInto(root.querySelector<HTMLInputElement>('#person-email')!, 'ana.torres@example.pe');
    act(() => button(root, 'Add person').click());
    const row = await waitFor(() => root.querySelector('tr[data-person="Ana Torres"]'));
    expect(row.textContent).toContain('ana.torres@example.pe');
    expect(root.querySelector('[data-testid="people-status"]')?.textContent).toBe('Added Ana Torres.');
    expect(log.find((c) => c.cmd === 'add_person')?.args).toEqual({ name: 'Ana Torres', email: 'ana.torres@example.pe', deputy: '' });
    // The form is empty again; a second add of the same name is refused at Name.
    expect(name.value).toBe('');
    typeInto(name, 'Ana Torres');
    act(() => button(root, 'Add person').click());
    await waitFor(() => help('person-name').startsWith('Name: "Ana Torres" is already in the directory'));
  });

  it('shows the core’s message when a removal is refused', async () => {
    const dir: PeopleDirectory = {
      people: [{ name: 'Ana Torres', email: 'ana.torres@example.pe', deputy: null, agreements: [{ id: 3, title: 'Microsoft Peru Partnership Agreement' }] }],
      to_complete: [],
    };
    mockShell({
      people_directory: () => dir,
      remove_person: () => {
        throw invalidAt(
          { field: 'name' },
          'invalid name: Ana Torres is the contract owner of agreement(s) 3: give them another owner first (`renewals edit ID contract_owner NAME`)',
          'Ana Torres is the contract owner of agreement(s) 3: give them another owner first (`renewals edit ID contract_owner NAME`)',
        );
      },
    });
    mount();
    const row = await waitFor(() => root.querySelector('tr[data-person="Ana Torres"]'));
    expect(row.textContent).toContain('Microsoft Peru Partnership Agreement');
    act(() => row.querySelector<HTMLButtonElement>('button[aria-label="Remove Ana Torres"]')!.click());
    const alert = await waitFor(() => root.querySelector('[data-testid="people-error"]'));
    expect(alert.textContent).toBe('Ana Torres is the contract owner of agreement(s) 3: give them another owner first (`renewals edit ID contract_owner NAME`)');
    expect(root.querySelector('tr[data-person="Ana Torres"]')).not.toBeNull();
  });

  it('edits a person: the name is fixed, the deputy is chosen from the directory', async () => {
    let dir: PeopleDirectory = {
      people: [
        { name: 'Ana Torres', email: 'ana.torres@example.pe', deputy: null, agreements: [] },
        { name: 'Luis Prado', email: 'luis.prado@example.pe', deputy: null, agreements: [] },
      ],
      to_complete: [],
    };
    const { log } = mockShell({
      people_directory: () => dir,
      edit_person: (args) => {
        const { deputy } = args as { name: string; email: string; deputy: string };
        dir = { ...dir, people: dir.people.map((p) => (p.name === 'Ana Torres' ? { ...p, deputy } : p)) };
        return dir;
      },
    });
    mount();
    const row = await waitFor(() => root.querySelector('tr[data-person="Ana Torres"]'));
    act(() => row.querySelector<HTMLButtonElement>('button[aria-label="Edit Ana Torres"]')!.click());
    expect(root.querySelector<HTMLInputElement>('#person-name')?.readOnly).toBe(true);
    const deputy = root.querySelector<HTMLSelectElement>('#person-deputy')!;
    expect(Array.from(deputy.options).map((o) => o.value)).toEqual(['', 'Luis Prado']);
    // An address cannot be emptied.
    typeInto(root.querySelector<HTMLInputElement>('#person-email')!, '');
    await waitFor(() => help('person-email').startsWith('Email: enter the new address'));
    typeInto(root.querySelector<HTMLInputElement>('#person-email')!, 'ana.torres@example.pe');
    typeInto(deputy, 'Luis Prado');
    act(() => button(root, 'Save').click());
    await waitFor(() => root.querySelector('tr[data-person="Ana Torres"]')?.textContent?.includes('Luis Prado'));
    expect(log.find((c) => c.cmd === 'edit_person')?.args).toEqual({ name: 'Ana Torres', email: 'ana.torres@example.pe', deputy: 'Luis Prado' });
  });
});
