/**
 * Three made-up rows that show the table, date and money formatting until the
 * core crate is connected (phase 2 replaces this with `backend.listAgreements()`).
 */
export interface PlaceholderRow {
  id: string;
  title: string;
  counterparty: string;
  noticeDeadline: string;
  amount: string;
  currency: string;
}

export const PLACEHOLDER_ROWS: readonly PlaceholderRow[] = [
  { id: 'p1', title: 'Office lease', counterparty: 'Example Properties', noticeDeadline: '2027-10-01', amount: '15000000', currency: 'PEN' },
  { id: 'p2', title: 'Cloud hosting', counterparty: 'Example Cloud', noticeDeadline: '2027-03-15', amount: '12000000', currency: 'USD' },
  { id: 'p3', title: 'Cleaning services', counterparty: 'Example Services', noticeDeadline: '2026-12-31', amount: '48000.5', currency: 'PEN' },
];
