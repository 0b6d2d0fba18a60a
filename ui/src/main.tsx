// First import: notes when the bundle started running.
import './timing';
import { render } from 'preact';
import { App } from './App';
import { applyTheme, storedTheme } from './theme';
import './styles.css';

applyTheme(storedTheme());

/** Shows errors nobody caught, so they are seen (and end up in e2e screenshots), not lost. */
function reportUncaught(message: string): void {
  let box = document.getElementById('uncaught-error');
  if (!box) {
    box = document.createElement('div');
    box.id = 'uncaught-error';
    box.setAttribute('role', 'alert');
    document.body.append(box);
  }
  box.textContent = `Something went wrong: ${message}`;
}
window.addEventListener('error', (e) => reportUncaught(String(e.error ?? e.message)));
window.addEventListener('unhandledrejection', (e) => reportUncaught(String(e.reason)));

const root = document.getElementById('app');
if (root) render(<App />, root);
