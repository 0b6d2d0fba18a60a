// @ts-check
/**
 * The text of a long contract for the specs (the review page's benchmark: "the review page
 * of a 100-page contract opens in at most 300 ms"): page 1 states the parties, the term and
 * the renewal clause; every other page holds 50 numbered lines of schedule prose, each line
 * different (so no line is taken for a running header or footer); page 73 states a second
 * effective date, so the reader reads the effective date with low confidence.
 */

/** Lines of a page, at most 50, each under 95 characters (10 pt Helvetica on A4). */
const LINES_PER_PAGE = 50;

/**
 * The pages of a contract of `count` pages (at least 73), as lines.
 * @param {number} count
 * @returns {string[][]}
 */
export function contractPages(count) {
  /** @type {string[][]} */
  const pages = [
    [
      'MASTER SERVICES AGREEMENT',
      '',
      'This Master Services Agreement is made between Altiplano Data Services S.A.C. (the "Supplier")',
      'and Minera Cordillera Blanca S.A. (the "Customer").',
      '',
      '1. Term',
      '',
      'This Agreement is effective as of 1 March 2025 and shall remain in force for five (5) years.',
      '',
      '2. Renewal',
      '',
      'This Agreement shall renew automatically for successive periods of one (1) year unless either',
      "party gives the other at least ninety (90) days' written notice of non-renewal before the end",
      'of the then-current term.',
      '',
      '3. Governing law',
      '',
      'This Agreement is governed by the laws of the Republic of Peru.',
    ],
  ];
  for (let p = 2; p <= count; p++) {
    /** @type {string[]} */
    const lines = [`Schedule ${p}. Service description, part ${p}`, ''];
    for (let n = 1; lines.length < LINES_PER_PAGE; n++) {
      if (p === 73 && n === 20) {
        lines.push('Notwithstanding clause 1, this Agreement shall become effective on 15 April 2025.');
        continue;
      }
      lines.push(`${p}.${n} The Supplier keeps a record of the work done under item ${n} of schedule ${p} and`);
      lines.push(`shares it with the Customer's service manager on request, in the format agreed for item ${n}.`);
    }
    pages.push(lines.slice(0, LINES_PER_PAGE));
  }
  return pages;
}
