// Command-line arguments -> a command. Strict: an unknown flag or a missing value is bad usage (exit 2).

import { parseArgs } from 'node:util';
import { isSeverity, type Severity } from '../model/finding.js';
import { InputError } from '../util/errors.js';

import { PLAN_FORMATS, type PlanFormat } from '../export/render.js';

export interface GlobalFlags {
  workspace?: string;
  demo: boolean;
  json: boolean;
}

export type Command =
  | { name: 'tui' }
  | { name: 'help' }
  | { name: 'version' }
  | {
      name: 'scan';
      provider: 'aws' | 'azure' | 'all';
      /** Regions to read; absent means every enabled region. */
      regions?: string[];
      /** AWS profiles to read, one account each; absent means the SDK's default credentials. */
      profiles?: string[];
      /** Azure subscription ids to read; absent means every enabled one the login reaches. */
      subscriptions?: string[];
      /** AWS Organizations: every active account, members through this role. */
      assumeRole?: string;
      failOn?: Severity;
    }
  | { name: 'plan'; format: PlanFormat; out?: string; failOn?: Severity }
  | { name: 'answers-import'; file: string }
  | { name: 'answers-export'; out?: string }
  | { name: 'diff' };

export interface Invocation {
  command: Command;
  flags: GlobalFlags;
}

export const USAGE = `soc2-ready: how far you are from a SOC 2 Type II report, and what to do about it.

Usage:
  soc2-ready                       open the guided session (needs a terminal)
  soc2-ready scan                  collect (read-only), evaluate and record a run
        [--provider aws|azure|all] [--profile NAME]... [--regions LIST|all] [--assume-role ROLE]
        [--subscription ID]... [--fail-on SEVERITY]
  soc2-ready plan                  print the readiness plan
        [--format md|csv|json|html|oscal] [--out FILE] [--fail-on SEVERITY]
  soc2-ready answers import FILE   load questionnaire answers (YAML or JSON)
  soc2-ready answers export        print the answers as YAML [--out FILE]
  soc2-ready diff                  the latest run against the one before

Global flags:
  --workspace DIR   where answers and runs are kept (default ./.soc2-ready)
  --demo            use the embedded sample estate and its sample answers
  --json            machine-readable output
  --help, --version

Exit codes: 0 done; 1 gaps at or above --fail-on; 2 bad usage or input; 3 could not collect.`;

export function parseCommandLine(argv: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        workspace: { type: 'string' },
        demo: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        provider: { type: 'string' },
        regions: { type: 'string' },
        profile: { type: 'string', multiple: true },
        subscription: { type: 'string', multiple: true },
        'assume-role': { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'fail-on': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const flags: GlobalFlags = { demo: values.demo, json: values.json };
  if (values.workspace !== undefined) flags.workspace = values.workspace;
  if (values.help) return { command: { name: 'help' }, flags };
  if (values.version) return { command: { name: 'version' }, flags };

  const [name, sub, ...rest] = positionals;
  const failOn = parseFailOn(values['fail-on']);
  const done = (command: Command, extra: readonly (string | undefined)[] = []): Invocation => {
    const unexpected = extra.filter((p) => p !== undefined);
    if (unexpected.length > 0) throw usage(`unexpected argument ${unexpected.join(' ')}`);
    return { command, flags };
  };
  switch (name) {
    case undefined:
      return done({ name: 'tui' });
    case 'help':
      return done({ name: 'help' });
    case 'scan': {
      const provider = values.provider ?? 'all';
      if (provider !== 'aws' && provider !== 'azure' && provider !== 'all')
        throw usage(`--provider must be aws, azure or all, not ${provider}`);
      return done(
        {
          name: 'scan',
          provider,
          ...(values.regions && values.regions !== 'all'
            ? {
                regions: values.regions
                  .split(',')
                  .map((r) => r.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(values.profile?.length ? { profiles: values.profile } : {}),
          ...(values.subscription?.length ? { subscriptions: values.subscription } : {}),
          ...(values['assume-role'] ? { assumeRole: values['assume-role'] } : {}),
          ...(failOn ? { failOn } : {}),
        },
        [sub, ...rest],
      );
    }
    case 'plan': {
      const format = values.format ?? (values.json ? 'json' : 'md');
      if (!(PLAN_FORMATS as readonly string[]).includes(format))
        throw usage(`--format must be one of ${PLAN_FORMATS.join(', ')}, not ${format}`);
      return done(
        {
          name: 'plan',
          format: format as PlanFormat,
          ...(values.out ? { out: values.out } : {}),
          ...(failOn ? { failOn } : {}),
        },
        [sub, ...rest],
      );
    }
    case 'answers':
      if (sub === 'import') {
        const [file, ...more] = rest;
        if (!file) throw usage('answers import needs a FILE');
        return done({ name: 'answers-import', file }, more);
      }
      if (sub === 'export')
        return done({ name: 'answers-export', ...(values.out ? { out: values.out } : {}) }, rest);
      throw usage('answers takes import FILE or export');
    case 'diff':
      return done({ name: 'diff' }, [sub, ...rest]);
    default:
      throw usage(`unknown command ${name}`);
  }
}

function parseFailOn(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!isSeverity(value)) throw usage(`--fail-on must be critical, high, medium or low, not ${value}`);
  return value;
}

function usage(message: string): InputError {
  return new InputError(`${message}\n\n${USAGE}`);
}
