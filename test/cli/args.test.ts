import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../source/cli/args.js';
import { InputError } from '../../source/util/errors.js';

describe('parseCommandLine', () => {
  it('opens the guided session with no command', () => {
    expect(parseCommandLine([]).command).toEqual({ name: 'tui' });
  });

  it('reads the global flags anywhere on the line', () => {
    const { command, flags } = parseCommandLine(['scan', '--demo', '--json', '--workspace', 'ws']);
    expect(command).toEqual({ name: 'scan', provider: 'all' });
    expect(flags).toEqual({ demo: true, json: true, workspace: 'ws' });
  });

  it('reads plan formats, --out and --fail-on', () => {
    expect(
      parseCommandLine(['plan', '--format', 'csv', '--out', 'p.csv', '--fail-on', 'high']).command,
    ).toEqual({
      name: 'plan',
      format: 'csv',
      out: 'p.csv',
      failOn: 'high',
    });
    expect(parseCommandLine(['plan', '--json']).command).toMatchObject({ format: 'json' });
  });

  it('reads answers import and export', () => {
    expect(parseCommandLine(['answers', 'import', 'a.yaml']).command).toEqual({
      name: 'answers-import',
      file: 'a.yaml',
    });
    expect(parseCommandLine(['answers', 'export']).command).toEqual({ name: 'answers-export' });
  });

  it.each([
    [['frobnicate'], /unknown command frobnicate/],
    [['plan', '--format', 'pdf'], /--format must be one of/],
    [['scan', '--provider', 'gcp'], /--provider must be/],
    [['plan', '--fail-on', 'severe'], /--fail-on must be/],
    [['answers', 'import'], /needs a FILE/],
    [['scan', '--bogus'], /Unknown option/],
    [['diff', 'extra'], /unexpected argument extra/],
  ])('rejects %j as bad usage, with the usage text', (argv, message) => {
    const error = (() => {
      try {
        parseCommandLine(argv);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('Usage:');
  });
});
