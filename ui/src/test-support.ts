/** Helpers shared by the Vitest suites (jsdom). */
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { InvokeArgs } from '@tauri-apps/api/core';
import type { AppInfo } from './bindings';

export const TEST_INFO: AppInfo = {
  version: '0.1.0',
  dbPath: '/tmp/test.db',
  today: '2027-10-01',
  todayIsFixed: true,
};

export type Handler = (args: InvokeArgs | undefined) => unknown;

/**
 * Mocks the shell: each command name maps to a handler; a handler may throw to
 * reject (use `{ code, message }` like the real shell). Returns the call log.
 */
export function mockShell(handlers: Record<string, Handler> = {}): { calls: string[] } {
  const calls: string[] = [];
  const defaults: Record<string, Handler> = {
    app_info: () => TEST_INFO,
    ui_ready: () => null,
    get_autostart: () => false,
    last_reminder_run: () => null,
  };
  clearMocks();
  mockIPC(
    (cmd, args) => {
      calls.push(cmd);
      const h = handlers[cmd] ?? defaults[cmd];
      if (!h) throw { code: 'internal', message: `unmocked command ${cmd}` };
      return h(args);
    },
    { shouldMockEvents: true },
  );
  return { calls };
}

/** Waits for pending promises and Preact's scheduled renders. */
export async function settle(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}
