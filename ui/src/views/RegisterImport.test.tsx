import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { MappedColumn, RegisterColumn, RegisterPreview, RegisterReport } from '../bindings';
import { RegisterImport, mappingProblem } from './RegisterImport';
import type { Route } from '../router';
import { button, mockShell, typeInto, waitFor, testRoot } from '../test-support';

const root = testRoot();

const PATH = '/home/u/registro-contratos.xlsx';

function col(index: number, header: string, detected: RegisterColumn | null, meaning: RegisterColumn | null = detected): MappedColumn {
  return { index, letter: String.fromCharCode(65 + index), header, detected, meaning };
}

/** A Spanish register as the core previews it: "Responsable" is not recognised, "Aviso" is. */
const PREVIEW: RegisterPreview = {
  file: 'registro-contratos.xlsx',
  sheet: 'Registro',
  header_row: 2,
  columns: [
    col(0, 'Contrato', 'title'),
    col(1, 'Contraparte', 'counterparty'),
    col(2, 'Fecha de inicio', 'effective'),
    col(3, 'Vencimiento', 'expiry'),
    col(4, 'Responsable', null),
    col(5, 'Aviso', 'notice'),
  ],
  rows: [
    [3, ['Lima Cold Storage', 'Frío Andino S.A.C.', '2024-04-01', '2027-03-31', 'Ana Torres', '90 días']],
    [4, ['Arequipa Fleet Lease', 'Rutas del Sur', '15/03/2024', '', 'Luis Paz', '']],
    [5, ['Cusco Catering', 'Sabores SAC', '2024-01-01', '31/02/2027', 'Ana Torres', '60 días']],
  ],
  data_rows: 3,
  remembered: false,
};

const REPORT: RegisterReport = {
  file: 'registro-contratos.xlsx',
  sheet: 'Registro',
  header_row: 2,
  columns: PREVIEW.columns.map((c) => (c.index === 4 ? { ...c, meaning: 'owner' } : c)),
  ignored: [],
  rows: [
    {
      row: 3,
      register_id: null,
      title: 'Lima Cold Storage',
      action: 'imported',
      agreement_id: 11,
      changes: [],
      column: null,
      message: null,
      warnings: ['the register does not say whether the term renews: confirm whether it was extended'],
    },
    {
      row: 4,
      register_id: null,
      title: 'Arequipa Fleet Lease',
      action: 'updated',
      agreement_id: 7,
      changes: [{ field: 'Contract owner', old: 'Commercial Director', new: 'Luis Paz', replaced_hand_edit: true }],
      column: null,
      message: null,
      warnings: [],
    },
    {
      row: 5,
      register_id: null,
      title: 'Cusco Catering',
      action: 'refused',
      agreement_id: null,
      changes: [],
      column: 'Vencimiento',
      message: 'row 5, column "Vencimiento": 31/02/2027 is not a date: February 2027 has 28 days',
      warnings: [],
    },
  ],
  imported: 1,
  updated: 1,
  unchanged: 0,
  refused: 1,
  people_added: ['Luis Paz'],
  people_refused: ['row 3: owner "Ana Torres" not added to the people: "ana@" is not an email address'],
};

function mount(went: Route[] = [], chosen: string[] = []): void {
  act(() =>
    render(<RegisterImport pending={{ path: PATH, serial: 1 }} onChoose={() => chosen.push('register')} navigate={(r) => went.push(r)} />, root),
  );
}

const meaningOf = (letter: string) => root.querySelector<HTMLSelectElement>(`[data-testid="register-column"][data-letter="${letter}"] select`);

describe('RegisterImport', () => {
  it('previews the first rows with each column’s meaning, the detected one chosen', async () => {
    const { log } = mockShell({ preview_register: () => PREVIEW });
    mount();
    const table = await waitFor(() => root.querySelector('[data-testid="register-preview"]'));
    expect(log.find((c) => c.cmd === 'preview_register')?.args['path']).toBe(PATH);
    // The header row, then one row per previewed row with its number as the spreadsheet shows it.
    const bodyRows = Array.from(table.querySelectorAll('tbody tr'));
    expect(bodyRows.map((r) => r.querySelector('th')?.textContent)).toEqual(['3', '4', '5']);
    expect(bodyRows[1]?.textContent).toContain('15/03/2024');
    expect(bodyRows[1]?.querySelectorAll('td')[3]?.textContent).toBe('blank');
    expect(meaningOf('D')?.value).toBe('expiry');
    expect(meaningOf('E')?.value).toBe('');
    expect(meaningOf('D')?.getAttribute('aria-label')).toBe('Meaning of D · Vencimiento');
    const origins = () => Array.from(root.querySelectorAll('[data-testid="mapping-origin"]')).map((o) => o.textContent);
    expect(origins()).toEqual(['from the header', 'from the header', 'from the header', 'from the header', 'not recognised', 'from the header']);
    // Every meaning the core knows, and Ignore.
    const options = Array.from(meaningOf('A')?.options ?? []).map((o) => o.value);
    expect(options).toEqual(['', 'id', 'title', 'counterparty', 'owner', 'owner_email', 'effective', 'expiry', 'term', 'auto_renewal', 'renewal_period', 'notice', 'convenience', 'value', 'currency', 'country', 'notes']);
    expect(root.querySelector('[data-testid="register-mapping"]')?.textContent).toContain('headers on row 2 · 3 rows to import');
    expect(root.querySelector('[data-testid="mapping-source"]')?.textContent).toContain('recognised from the headers');
    // The step's heading has focus: the keyboard starts there.
    expect(document.activeElement?.textContent).toBe('What each column means');
    expect(button(root, 'Import 3 rows').disabled).toBe(false);
  });

  it('prefills the mapping remembered from the last import', async () => {
    const remembered: RegisterPreview = {
      ...PREVIEW,
      columns: PREVIEW.columns.map((c) => (c.index === 4 ? { ...c, meaning: 'owner' } : c.index === 5 ? { ...c, meaning: null } : c)),
      remembered: true,
    };
    mockShell({ preview_register: () => remembered });
    mount();
    await waitFor(() => root.querySelector('[data-testid="register-preview"]'));
    expect(meaningOf('E')?.value).toBe('owner');
    expect(meaningOf('F')?.value).toBe('');
    const origins = Array.from(root.querySelectorAll('[data-testid="mapping-origin"]')).map((o) => o.textContent);
    expect(origins.slice(3)).toEqual(['from the header', 'as last time', 'as last time']);
    expect(root.querySelector('[data-testid="mapping-source"]')?.textContent).toContain('The meanings you chose the last time');
  });

  it('sends a changed meaning in the import and shows each row’s result, a refused row naming its row and column', async () => {
    const went: Route[] = [];
    const { log } = mockShell({ preview_register: () => PREVIEW, import_register: () => REPORT });
    mount(went);
    await waitFor(() => meaningOf('E'));
    const owner = meaningOf('E');
    if (!owner) throw new Error('no select for column E');
    typeInto(owner, 'owner');
    expect(root.querySelector('[data-letter="E"] [data-testid="mapping-origin"]')?.textContent).toBe('your choice');
    expect(button(root, 'Undo my changes')).toBeTruthy();
    act(() => button(root, 'Import 3 rows').click());
    const report = await waitFor(() => root.querySelector('[data-testid="register-report"]'));
    const call = log.find((c) => c.cmd === 'import_register');
    expect(call?.args).toEqual({ path: PATH, mapping: ['title', 'counterparty', 'effective', 'expiry', 'owner', 'notice'] });
    expect(report.querySelector('h3')?.textContent).toBe('1 imported · 1 updated · 0 unchanged · 1 refused');
    expect(document.activeElement).toBe(report.querySelector('h3'));
    const rows = Array.from(report.querySelectorAll('[data-testid="register-row"]'));
    expect(rows.map((r) => r.getAttribute('data-action'))).toEqual(['imported', 'updated', 'refused']);
    const refused = rows[2];
    expect(refused?.textContent).toContain('Row 5');
    expect(refused?.textContent).toContain('Refused — nothing of the row was stored');
    expect(refused?.querySelector('.result-error')?.textContent).toBe('row 5, column "Vencimiento": 31/02/2027 is not a date: February 2027 has 28 days');
    expect(refused?.querySelector('a')).toBeNull();
    expect(rows[1]?.querySelector('.changes')?.textContent).toContain('Contract owner: Commercial Director → Luis Paz');
    expect(rows[1]?.textContent).toContain('replaced a value edited by hand');
    expect(rows[0]?.querySelector('.warnings')?.textContent).toContain('confirm whether it was extended');
    // Owners with an address in the register join the people; a bad address is named.
    expect(report.querySelector('[data-testid="register-people"]')?.textContent).toContain('Added to People (their reminders go by email): Luis Paz');
    expect(report.querySelector('[data-testid="register-people"]')?.textContent).toContain('"ana@" is not an email address');
    // The imported row links to its agreement; the one with a warning is offered for review.
    act(() => rows[0]?.querySelector<HTMLAnchorElement>('a')?.click());
    act(() => button(report, '1 agreement to review').click());
    expect(went).toEqual([
      { view: 'agreements', id: 11 },
      { view: 'review', id: 11 },
    ]);
  });

  it('will not import without a title column or with one meaning twice', async () => {
    const { calls } = mockShell({ preview_register: () => PREVIEW });
    mount();
    await waitFor(() => meaningOf('A'));
    const a = meaningOf('A');
    const c = meaningOf('C');
    if (!a || !c) throw new Error('no selects');
    typeInto(a, '');
    expect(root.querySelector('[data-testid="mapping-problem"]')?.textContent).toContain('the column that holds each agreement’s title');
    expect(button(root, 'Import 3 rows').disabled).toBe(true);
    typeInto(a, 'title');
    typeInto(c, 'expiry');
    expect(root.querySelector('[data-testid="mapping-problem"]')?.textContent).toBe(
      'C and D are both “End date (expiry of the current term)”: only the first would be read. Set the others to Ignore.',
    );
    expect(button(root, 'Import 3 rows').disabled).toBe(true);
    act(() => button(root, 'Undo my changes').click());
    expect(root.querySelector('[data-testid="mapping-problem"]')).toBeNull();
    expect(meaningOf('C')?.value).toBe('effective');
    expect(calls).not.toContain('import_register');
  });

  it('shows why a register cannot be read, and lets another be chosen', async () => {
    const chosen: string[] = [];
    mockShell({
      preview_register: () => {
        throw { code: 'import', message: 'registro-contratos.xlsx: no header row in the first 20 rows: expected at least two recognised headers' };
      },
    });
    mount([], chosen);
    const alert = await waitFor(() => root.querySelector('[role="alert"]'));
    expect(alert.textContent).toContain('no header row in the first 20 rows');
    act(() => button(root, 'Choose a register…').click());
    expect(chosen).toEqual(['register']);
  });

  it('names the problems of a mapping', () => {
    expect(mappingProblem(PREVIEW.columns, PREVIEW.columns.map((c) => c.meaning))).toBeNull();
  });
});
