import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { BackendError, backend, toBackendError } from './backend';
import { mockShell, TEST_INFO } from './test-support';

afterEach(() => clearMocks());

describe('backend', () => {
  it('calls the shell command with camelCase arguments', async () => {
    let seen: unknown;
    mockShell({ pick_save_path: (args) => ((seen = args), '/home/u/brief.pdf') });
    await expect(backend.pickSavePath('brief.pdf')).resolves.toBe('/home/u/brief.pdf');
    expect(seen).toEqual({ suggestedName: 'brief.pdf' });
    await expect(backend.appInfo()).resolves.toEqual(TEST_INFO);
  });

  it('turns {code, message} rejections into BackendError with the code', async () => {
    mockShell({
      open_in_viewer: () => {
        throw { code: 'not_permitted', message: 'not permitted: /etc/passwd was not chosen in a file dialog' };
      },
    });
    const err = await backend.openInViewer('/etc/passwd').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe('not_permitted');
    expect((err as BackendError).message).toMatch(/not chosen/);
  });

  it('classifies other failures as ipc errors', () => {
    expect(toBackendError('command foo not found').code).toBe('ipc');
    expect(toBackendError(new Error('boom')).message).toBe('boom');
  });
});
