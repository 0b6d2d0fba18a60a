/**
 * Money as the app shows it: a currency marker, a space, then the amount with
 * thousands separators, e.g. `S/ 15,000,000`, `US$ 12,000,000`, `€ 1,250.50`.
 *
 * Amounts arrive as decimal strings (the core keeps them as `rust_decimal`), and
 * are formatted by working on the digits as text: no floating point, so
 * "12345678901234567.89" keeps every digit.
 *
 * Rules: the integer part is grouped by three with ","; a fraction that is all
 * zeros is dropped (`"100.00"` shows as `100`); otherwise it is padded to the
 * currency's minor units (`"1250.5"` USD shows `1,250.50`) and never rounded.
 */

/** Markers for the currencies the product deals with; any other ISO code is shown as itself. */
const SYMBOLS: Readonly<Record<string, string>> = {
  PEN: 'S/',
  USD: 'US$',
  EUR: '€',
  GBP: '£',
};

/** Digits after the decimal point for each currency (ISO 4217); 2 when unknown. */
const MINOR_UNITS: Readonly<Record<string, number>> = { JPY: 0, CLP: 0, KRW: 0, BHD: 3, KWD: 3 };

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** The marker shown before amounts in `currency` (an ISO 4217 code). */
export function currencySymbol(currency: string): string {
  const code = currency.trim().toUpperCase();
  return SYMBOLS[code] ?? code;
}

/** Groups a string of digits by three: "15000000" -> "15,000,000". */
export function groupDigits(digits: string): string {
  const out: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) {
    out.unshift(digits.slice(Math.max(0, end - 3), end));
  }
  return out.join(',');
}

/** Formats a decimal-string amount in a currency. Throws `RangeError` for a malformed amount. */
export function formatMoney(amount: string, currency: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${JSON.stringify(amount)}`);
  const negative = m[1] === '-';
  const integer = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const code = currency.trim().toUpperCase();
  const minor = MINOR_UNITS[code] ?? 2;
  let text = groupDigits(integer);
  if (fraction !== '') text += `.${fraction.padEnd(Math.max(minor, fraction.length), '0')}`;
  const isZero = /^0*$/.test(integer) && fraction === '';
  return `${negative && !isZero ? '-' : ''}${currencySymbol(code)} ${text}`;
}
