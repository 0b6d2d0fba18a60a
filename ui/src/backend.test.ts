import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { BackendError, backend, invoke, toBackendError } from './backend';
import { invalidAt, mockShell, TEST_INFO } from './test-support';

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

  it('keeps the location and the reason of a located error', async () => {
    mockShell({
      edit_row: () => {
        throw invalidAt(
          { table: 'obligations', row: 2, column: 'due' },
          'invalid obligations.2.due: Obligations row 3, Due: "soon" is not a date',
          'Obligations row 3, Due: "soon" is not a date',
        );
      },
    });
    const err = (await backend.editRow(1, 'obligations', { op: 'remove', index: 2 }).catch((e: unknown) => e)) as BackendError;
    expect(err.code).toBe('invalid');
    expect(err.location).toMatchObject({ table: 'obligations', row: 2, column: 'due', field: null });
    expect(err.reason).toBe('Obligations row 3, Due: "soon" is not a date');
    expect(err.isInvalidIn('obligations')).toBe(true);
    expect(err.isInvalidIn('amounts')).toBe(false);
    expect(err.isInvalidField('due')).toBe(false);
    // An error with no location: the reason is the message.
    const plain = toBackendError({ code: 'not_found', message: 'no agreement with id 7', reason: 'no agreement with id 7', location: null });
    expect(plain.location).toBeNull();
    expect(plain.isInvalidField('effective_date')).toBe(false);
  });

  it('is checked against the command table by the type checker', () => {
    // Never called: `npm run check` fails if these stop being type errors.
    const unchecked = (): unknown[] => [
      // @ts-expect-error: edit_field needs a field and a value
      invoke('edit_field', { id: 1 }),
      // @ts-expect-error: there is no such command
      invoke('edit_fields', {}),
      // @ts-expect-error: the id is a number
      invoke('agreement_page', { id: '3' }),
    ];
    expect(typeof unchecked).toBe('function');
  });
});
