#!/usr/bin/env bash
# Takes the README's screenshots with the real app under Xvfb (the e2e harness,
# scripts/e2e.sh):
#   docs/images/dashboard.png        a fresh database, the sample agreements shipped with
#                                    the app loaded with the first-run button, the dashboard
#                                    as of today (spec e2e/readme/);
#   docs/images/dashboard-seeds.png  the three agreements of ../shared/seeds imported
#                                    through the file dialog, the dashboard as of
#                                    2026-11-23, the worked example's date (the dashboard
#                                    step of e2e/specs/01-scenario);
#   docs/images/people.png,          the people directory with the owners to complete, and
#   docs/images/mail-settings.png    the email settings after a test email (spec 04);
#   docs/images/new-agreement.png    an agreement entered by hand, its dates before saving (spec 05);
#   docs/images/review.png           the Review page of a PDF, its low-confidence term to confirm (spec 06).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export E2E_CLOSE_NOTIFICATIONS=1
E2E_TODAY="" E2E_SPECS=readme/ README_SHOT="$ROOT/docs/images/dashboard.png" bash "$ROOT/scripts/e2e.sh"
E2E_SKIP_BUILD=1 E2E_SPECS=specs/01-scenario.test.mjs bash "$ROOT/scripts/e2e.sh"
cp "$ROOT/artifacts/e2e/01-scenario-05-dashboard-notice-deadline.png" "$ROOT/docs/images/dashboard-seeds.png"
E2E_SKIP_BUILD=1 E2E_SPECS=specs/04-people-mail.test.mjs bash "$ROOT/scripts/e2e.sh"
cp "$ROOT/artifacts/e2e/04-people-mail-03-people-added.png" "$ROOT/docs/images/people.png"
cp "$ROOT/artifacts/e2e/04-people-mail-08-mail-test-sent.png" "$ROOT/docs/images/mail-settings.png"
E2E_SKIP_BUILD=1 E2E_SPECS=specs/05-new-agreement.test.mjs bash "$ROOT/scripts/e2e.sh"
cp "$ROOT/artifacts/e2e/05-new-agreement-02-new-agreement-preview.png" "$ROOT/docs/images/new-agreement.png"
E2E_SKIP_BUILD=1 E2E_SPECS=specs/06-review.test.mjs bash "$ROOT/scripts/e2e.sh"
cp "$ROOT/artifacts/e2e/06-review-05-review-pdf.png" "$ROOT/docs/images/review.png"
echo "screenshots: docs/images/review.png, docs/images/dashboard.png, docs/images/dashboard-seeds.png, docs/images/people.png, docs/images/mail-settings.png, docs/images/new-agreement.png"
