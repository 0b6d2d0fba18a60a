import type { JSX } from 'preact';
import { formatMoney } from '../format/money';

/** An amount (decimal string) with its currency, e.g. "S/ 15,000,000". */
export function Money({ amount, currency }: { amount: string; currency: string }): JSX.Element {
  let text: string;
  try {
    text = formatMoney(amount, currency);
  } catch {
    text = `${currency} ${amount}`;
  }
  return (
    <span class="money" title={`${amount} ${currency}`}>
      {text}
    </span>
  );
}
