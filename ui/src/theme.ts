/**
 * Light, dark, or the system's choice. Stored in localStorage (the page's own origin)
 * and applied as `data-theme` on <html>, which the stylesheet reads.
 */
export type Theme = 'system' | 'light' | 'dark';

const KEY = 'renewal-desk.theme';

export function storedTheme(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

/** Applies `theme` to the document (and remembers it when `remember`). */
export function applyTheme(theme: Theme, remember = false): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
  if (remember) {
    try {
      if (theme === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch {
      // Storage unavailable: the choice lasts for this run only.
    }
  }
}
