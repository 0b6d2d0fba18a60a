/**
 * When the UI bundle started running, in ms since the page's navigation began
 * (`performance.now()`). Imported first by main.tsx so it is evaluated first.
 */
export const SCRIPT_START_MS = performance.now();
