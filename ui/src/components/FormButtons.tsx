import type { JSX } from 'preact';

/** A form's submit button (labelled `label`) and its Cancel button, side by side. */
export function FormButtons({ label, onCancel, busy = false }: { label: string; onCancel: () => void; busy?: boolean }): JSX.Element {
  return (
    <div class="row">
      <button type="submit" class="primary" disabled={busy}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
