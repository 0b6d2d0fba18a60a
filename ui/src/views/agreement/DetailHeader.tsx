import type { JSX } from 'preact';
import type { AgreementPage } from '../../backend';
import { StatusBadge } from '../../components/Badges';
import { BriefActions } from '../Brief';

/**
 * The agreement's title, status, counterparty, owner and file; what happens if nobody
 * acts; and the page's actions (record a notice, the brief).
 */
export function DetailHeader({
  id,
  page,
  noticeOpen,
  onToggleNotice,
}: {
  id: number;
  page: AgreementPage;
  noticeOpen: boolean;
  onToggleNotice: () => void;
}): JSX.Element {
  const d = page.detail;
  const a = d.agreement;
  return (
    <header class="detail-header">
      <div>
        <h1 id="view-title" tabIndex={-1}>
          {a.title}
        </h1>
        {a.subtitle && <p class="muted">{a.subtitle}</p>}
        <p class="detail-meta">
          <StatusBadge status={d.status} />
          {a.counterparty && <span>with {a.counterparty}</span>}
          {a.contract_owner && <span>· owner {a.contract_owner.value}</span>}
          <span class="muted" title={`SHA-256 ${d.sha256}`}>
            · {page.file_name}
          </span>
        </p>
        <p class="detail-outcome">
          <span class="outcome-label">If nobody acts:</span> {d.default_outcome}
        </p>
      </div>
      <div class="detail-actions">
        <button type="button" onClick={onToggleNotice} aria-expanded={noticeOpen}>
          Record notice…
        </button>
        <BriefActions id={id} title={a.title} />
      </div>
    </header>
  );
}
