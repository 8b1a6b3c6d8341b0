import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { CATEGORIES, type Category } from '../../model/criteria.js';
import type { Provider } from '../../model/snapshot.js';
import { PLANNING_QUESTIONS } from '../../questionnaire/planning.js';
import { isIsoDay } from '../../questionnaire/values.js';
import { Footer } from '../components/Footer.js';
import { TextInput } from '../components/TextInput.js';
import { useNavigation } from '../navigation.js';
import { useSession } from '../session.js';

const { windowStart: WINDOW_START, windowEnd: WINDOW_END } = PLANNING_QUESTIONS;
/** The field being edited when it is the regions list rather than a date question. */
const REGIONS_FIELD = '#regions';
/** The field being edited when it is the AWS organization role. */
const ROLE_FIELD = '#org-role';
/** An IAM role name: letters, digits and +=,.@_- up to 64 characters. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** eu-west-1, us-gov-west-1, ap-southeast-2, cn-north-1 … */
const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

type Row =
  | { kind: 'provider'; provider: Provider; label: string }
  | { kind: 'category'; category: Category; label: string }
  | { kind: 'date'; question: string; label: string }
  | { kind: 'regions'; label: string }
  | { kind: 'orgRole'; label: string }
  | { kind: 'continue'; label: string };

const ROWS: Row[] = [
  { kind: 'provider', provider: 'aws', label: 'AWS accounts' },
  { kind: 'provider', provider: 'azure', label: 'Azure subscriptions' },
  ...CATEGORIES.filter((c) => c.id !== 'security').map((c): Row => ({
    kind: 'category',
    category: c.id,
    label: c.title,
  })),
  { kind: 'regions', label: 'AWS regions' },
  { kind: 'orgRole', label: 'AWS organization' },
  { kind: 'date', question: WINDOW_START, label: 'Observation window starts' },
  { kind: 'date', question: WINDOW_END, label: 'Observation window ends' },
  { kind: 'continue', label: 'Continue' },
];

export function Scope() {
  const { workspace } = useSession();
  const nav = useNavigation();
  const [form, setForm] = useState(() => ({
    providers: workspace.data.scope.providers,
    categories: workspace.data.scope.categories,
    cursor: 0,
  }));
  const [editing, setEditing] = useState<string | undefined>();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const { providers, categories, cursor } = form;

  const save = async () => {
    if (providers.length === 0) return setError('Choose at least one provider.');
    await workspace.setScope({ ...workspace.data.scope, providers, categories });
    nav.changed();
    nav.next();
  };

  useInput(
    (input, key) => {
      setError(undefined);
      if (key.escape) return nav.home();
      if (input === 'c') return void save();
      const row = ROWS[cursor]!;
      if (key.return && row.kind === 'continue') return void save();
      if ((input === ' ' || key.return) && row.kind === 'date') {
        setDraft(String(workspace.answers[row.question] ?? ''));
        return setEditing(row.question);
      }
      if ((input === ' ' || key.return) && row.kind === 'regions') {
        setDraft(workspace.data.scope.regions.join(', '));
        return setEditing(REGIONS_FIELD);
      }
      if ((input === ' ' || key.return) && row.kind === 'orgRole') {
        setDraft(workspace.data.scope.awsOrganizationRole ?? '');
        return setEditing(ROLE_FIELD);
      }
      // Functional updates: a key that arrives before the next render still sees the latest state.
      setForm((f) => {
        const at = ROWS[f.cursor]!;
        if (key.upArrow) return { ...f, cursor: Math.max(0, f.cursor - 1) };
        if (key.downArrow) return { ...f, cursor: Math.min(ROWS.length - 1, f.cursor + 1) };
        if (input !== ' ' && !key.return) return f;
        if (at.kind === 'provider') return { ...f, providers: toggle(f.providers, at.provider) };
        if (at.kind === 'category') return { ...f, categories: toggle(f.categories, at.category) };
        return f;
      });
    },
    { isActive: editing === undefined },
  );

  // Esc in a date field leaves it unchanged, as Esc does in the other text fields.
  useInput(
    (_input, key) => {
      if (!key.escape) return;
      setError(undefined);
      setEditing(undefined);
    },
    { isActive: editing !== undefined },
  );

  const submitRegions = async (value: string) => {
    const regions = value
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const wrong = regions.find((r) => !REGION_NAME.test(r));
    if (wrong) return setError(`${wrong} is not a region name; use names like eu-west-1, us-east-1.`);
    await workspace.setScope({ ...workspace.data.scope, regions: [...new Set(regions)] });
    setError(undefined);
    setEditing(undefined);
    nav.changed();
  };

  const submitRole = async (value: string) => {
    const role = value.trim();
    if (role && !ROLE_NAME.test(role)) return setError(`${role} is not an IAM role name.`);
    const { awsOrganizationRole: _old, ...scope } = workspace.data.scope;
    await workspace.setScope(role ? { ...scope, awsOrganizationRole: role } : scope);
    setError(undefined);
    setEditing(undefined);
    nav.changed();
  };

  const submitDate = async (value: string) => {
    const question = editing!;
    if (value.trim() === '') {
      await workspace.saveAnswer(question, undefined);
    } else if (!isIsoDay(value.trim())) {
      return setError('Use a date like 2026-09-01.');
    } else {
      const start = question === WINDOW_END ? workspace.answers[WINDOW_START] : value.trim();
      const end = question === WINDOW_END ? value.trim() : workspace.answers[WINDOW_END];
      if (
        typeof start === 'string' &&
        typeof end === 'string' &&
        isIsoDay(start) &&
        isIsoDay(end) &&
        end <= start
      )
        return setError('The window has to end after it starts.');
      await workspace.saveAnswer(question, value.trim());
    }
    setError(undefined);
    setEditing(undefined);
    nav.changed();
  };

  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1}>
        <Text>What is in scope for the audit? Security is always in; add what your customers ask for.</Text>
        <Text dimColor>
          Each AWS credential you choose next is one account, or its whole organization with a role; every
          enabled region is read unless you narrow them here.
        </Text>
        <Box flexDirection="column" marginTop={1}>
          <Text>
            {'  '}[x] Security (Common Criteria) <Text dimColor>always in scope</Text>
          </Text>
          {ROWS.map((r, i) => (
            <Text key={r.label} inverse={i === cursor && editing === undefined}>
              {i === cursor ? '› ' : '  '}
              {rowText(r, providers, categories, workspace.answers, workspace.data.scope)}
            </Text>
          ))}
        </Box>
        {editing === ROLE_FIELD ? (
          <Box marginTop={1} flexDirection="column">
            <Text>
              To read every account of your AWS organization, the role each member account trusts for
              read-only audits (e.g. a SecurityAudit role deployed with StackSets); empty: one account per
              credential:
            </Text>
            <TextInput
              value={draft}
              onChange={setDraft}
              onSubmit={(v) => void submitRole(v)}
              placeholder="SecurityAuditRole"
            />
          </Box>
        ) : editing === REGIONS_FIELD ? (
          <Box marginTop={1} flexDirection="column">
            <Text>
              AWS regions to read, separated by commas (empty: every region enabled in the account):
            </Text>
            <TextInput
              value={draft}
              onChange={setDraft}
              onSubmit={(v) => void submitRegions(v)}
              placeholder="eu-west-1, us-east-1"
            />
          </Box>
        ) : editing ? (
          <Box marginTop={1} flexDirection="column">
            <Text>
              {ROWS.find((r) => r.kind === 'date' && r.question === editing)?.label} (YYYY-MM-DD, empty to
              clear):
            </Text>
            <TextInput
              value={draft}
              onChange={setDraft}
              onSubmit={(v) => void submitDate(v)}
              placeholder="2026-09-01"
            />
          </Box>
        ) : null}
        {error ? <Text color="red">{error}</Text> : null}
      </Box>
      <Footer
        keys={
          editing
            ? [
                [
                  'Enter',
                  editing === REGIONS_FIELD
                    ? 'save regions'
                    : editing === ROLE_FIELD
                      ? 'save role'
                      : 'save date',
                ],
                ['Esc', 'cancel'],
                ['Ctrl-C', 'quit'],
              ]
            : [
                ['↑↓', 'move'],
                ['Space', 'toggle'],
                ['Enter', 'choose'],
                ['c', 'continue'],
                ['Esc', 'home'],
                ['q', 'quit'],
              ]
        }
      />
    </Box>
  );
}

function rowText(
  row: Row,
  providers: Provider[],
  categories: Category[],
  answers: Record<string, unknown>,
  scope: { regions: readonly string[]; awsOrganizationRole?: string },
): string {
  switch (row.kind) {
    case 'provider':
      return `[${providers.includes(row.provider) ? 'x' : ' '}] ${row.label}`;
    case 'category':
      return `[${categories.includes(row.category) ? 'x' : ' '}] ${row.label}`;
    case 'date':
      return `${row.label}: ${typeof answers[row.question] === 'string' ? String(answers[row.question]) : 'not set'}`;
    case 'regions':
      return `${row.label}: ${scope.regions.length > 0 ? scope.regions.join(', ') : 'every enabled region'}`;
    case 'orgRole':
      return `${row.label}: ${scope.awsOrganizationRole ? `every account, through role ${scope.awsOrganizationRole}` : 'one account per credential'}`;
    case 'continue':
      return `${row.label} →`;
  }
}

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
