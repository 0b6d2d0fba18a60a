import { useState } from 'preact/hooks';
import { toBackendError, type AgreementPage, type BackendError } from '../../backend';

/** What the agreement page's cards share: one busy flag, one status line, one error line. */
export interface PageAction {
  /** A change is being saved: buttons that would start another are disabled. */
  busy: boolean;
  /** What the last change did, for people (`role="status"`). */
  status: string | null;
  /** Why the last change (or loading the page) failed, for people (`role="alert"`). */
  error: string | null;
  /**
   * Sends one change (lock, change, refresh and reload happen in the shell, which answers
   * with the new page), shows the new page and `done` (text, or made from the new page).
   * Resolves to `null` when it was saved, else to the error; the error is shown on the
   * page unless `claim` returns true for it (the card shows it where it belongs).
   */
  run(
    change: () => Promise<AgreementPage>,
    done: string | ((page: AgreementPage) => string),
    claim?: (e: BackendError) => boolean,
  ): Promise<BackendError | null>;
  /** Shows a failure that happened outside [`run`] (loading the page). */
  fail(e: unknown): void;
}

/** The shared busy, status and error of the agreement page; `setPage` receives each new page. */
export function usePageAction(setPage: (page: AgreementPage) => void): PageAction {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(
    change: () => Promise<AgreementPage>,
    done: string | ((page: AgreementPage) => string),
    claim?: (e: BackendError) => boolean,
  ): Promise<BackendError | null> {
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      const page = await change();
      setPage(page);
      setStatus(typeof done === 'string' ? done : done(page));
      return null;
    } catch (e) {
      const err = toBackendError(e);
      if (!claim?.(err)) setError(err.message);
      return err;
    } finally {
      setBusy(false);
    }
  }

  return { busy, status, error, run, fail: (e: unknown) => setError(toBackendError(e).message) };
}
