import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { backend, type AgreementPage, type DecisionChoice } from '../../backend';
import { FormButtons } from '../../components/FormButtons';
import type { PageAction } from './usePageAction';

/** Human names of the choices (the core's `DecisionChoice::title`). */
export const CHOICE_TITLES: Record<DecisionChoice, string> = {
  renew: 'Renew',
  renegotiate: 'Renegotiate',
  exit: 'Exit',
  let_expire: 'Let it expire',
};

/**
 * Records the decision on the question at hand (issue 16 item 3): one of the choices the
 * agreement allows, a target date for a renegotiation, and why. Who decided (the
 * operating-system user) and when (today) are added by the shell; it goes to the history.
 */
export function DecisionForm({ id, page, action, onClose }: { id: number; page: AgreementPage; action: PageAction; onClose: () => void }): JSX.Element {
  const choices = page.detail.choices;
  const [choice, setChoice] = useState<DecisionChoice>(choices[0] ?? 'renew');
  const [target, setTarget] = useState(page.detail.decision.act_by ?? '');
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  return (
    <form
      class="card decision-form"
      aria-label="Record the decision"
      data-testid="decision-form"
      onSubmit={(e) => {
        e.preventDefault();
        setFieldError(null);
        void action
          .run(
            () => backend.recordDecision(id, choice, choice === 'renegotiate' ? target || null : null, reason),
            `Decision recorded: ${CHOICE_TITLES[choice]}.`,
            (err) => {
              if (err.code !== 'invalid') return false;
              setFieldError(err.message);
              return true;
            },
          )
          .then((err) => err === null && onClose());
      }}
    >
      <h2>Record the decision</h2>
      <p class="muted">{page.detail.decision.question}</p>
      <fieldset class="radios">
        <legend class="muted">Decision</legend>
        {choices.map((c) => (
          <label class="check" key={c}>
            <input type="radio" name="choice" value={c} checked={choice === c} onChange={() => setChoice(c)} />
            {CHOICE_TITLES[c]}
          </label>
        ))}
      </fieldset>
      <div class="inline-form">
        {choice === 'renegotiate' && (
          <label>
            New terms by <input type="date" value={target} required onInput={(e) => setTarget(e.currentTarget.value)} />
          </label>
        )}
        <label class="grow">
          Why <input type="text" name="reason" value={reason} placeholder="the reason, in a sentence" onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
      </div>
      {fieldError && (
        <p class="field-error" role="alert">
          {fieldError}
        </p>
      )}
      <FormButtons label="Record decision" onCancel={onClose} />
    </form>
  );
}
