import { describe, expect, it } from 'vitest';
import { currencySymbol, formatMoney, groupDigits } from './money';

describe('formatMoney', () => {
  it('uses the currency marker and groups thousands', () => {
    expect(formatMoney('15000000', 'PEN')).toBe('S/ 15,000,000');
    expect(formatMoney('12000000', 'USD')).toBe('US$ 12,000,000');
    expect(formatMoney('999', 'usd')).toBe('US$ 999');
    expect(formatMoney('1000', 'EUR')).toBe('€ 1,000');
    expect(formatMoney('2500', 'CHF')).toBe('CHF 2,500');
  });

  it('keeps every digit of amounts too large for a double', () => {
    expect(formatMoney('12345678901234567.89', 'USD')).toBe('US$ 12,345,678,901,234,567.89');
    expect(formatMoney('9007199254740993', 'PEN')).toBe('S/ 9,007,199,254,740,993');
  });

  it('pads fractions to the minor unit, drops zero fractions, never rounds', () => {
    expect(formatMoney('1250.5', 'USD')).toBe('US$ 1,250.50');
    expect(formatMoney('100.00', 'PEN')).toBe('S/ 100');
    expect(formatMoney('0.125', 'USD')).toBe('US$ 0.125');
    expect(formatMoney('5.5', 'JPY')).toBe('JPY 5.5');
  });

  it('handles signs and leading zeros', () => {
    expect(formatMoney('-1500', 'USD')).toBe('-US$ 1,500');
    expect(formatMoney('+007', 'USD')).toBe('US$ 7');
    expect(formatMoney('-0.00', 'USD')).toBe('US$ 0');
  });

  it('rejects malformed amounts', () => {
    for (const bad of ['', '1e6', '1,000', '12.', '.5', 'NaN', '1 000']) {
      expect(() => formatMoney(bad, 'USD'), bad).toThrow(RangeError);
    }
  });
});

describe('helpers', () => {
  it('groups digits', () => {
    expect(groupDigits('1')).toBe('1');
    expect(groupDigits('1234')).toBe('1,234');
    expect(groupDigits('123456')).toBe('123,456');
  });
  it('maps symbols', () => {
    expect(currencySymbol(' pen ')).toBe('S/');
    expect(currencySymbol('XYZ')).toBe('XYZ');
  });
});
