import { Box, Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { demoStageFor, type ScanProgress } from '../../app/scan.js';
import type { ServiceState } from '../../collect/progress.js';
import type { Status } from '../../model/finding.js';
import type { AwsTarget } from '../../collect/aws/credentials.js';
import type { AzureTarget } from '../../collect/azure/credentials.js';
import type { RunRecord, Scope } from '../../store/workspace-data.js';
import { InputError } from '../../util/errors.js';
import { Footer } from '../components/Footer.js';
import { Spinner } from '../components/Spinner.js';
import { useNavigation } from '../navigation.js';
import { useScanLog } from '../scan-log.js';
import { useSession } from '../session.js';
import { STATUS_COLOR } from '../theme.js';

type Phase =
  | { name: 'running' }
  | { name: 'done'; run: RunRecord; skipped: string[] }
  | { name: 'failed'; message: string };

export function Scan() {
  const session = useSession();
  const nav = useNavigation();
  const [lines, setLines] = useState<ScanProgress[]>([]);
  const [phase, setPhase] = useState<Phase>({ name: 'running' });
  const [cancelling, setCancelling] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const log = useScanLog();
  const [rerun] = useState(() => demoStageFor(session.workspace) === 'remediated');
  // Live when AWS accounts were chosen on Connect (and the app was not started with --demo).
  const [{ aws, azure }] = useState(() => {
    const scope = session.workspace.data.scope;
    return session.demo ? { aws: [], azure: [] } : { aws: scope.aws ?? [], azure: scope.azure ?? [] };
  });
  const live = aws.length + azure.length > 0;
  const [reading, setReading] = useState<string | undefined>();
  // The current account's services: reading or done, in the order they started.
  const [services, setServices] = useState<ReadonlyMap<string, ServiceState>>(new Map());

  useEffect(() => {
    const abort = new AbortController();
    controller.current = abort;
    session
      .scan({
        demo: !live,
        ...(live ? liveScope(session.workspace.data.scope, aws, azure) : {}),
        signal: abort.signal,
        onAccountStart: (label) => {
          setReading(label);
          setServices(new Map());
        },
        onService: (service, state) => setServices((now) => new Map(now).set(service, state)),
        onProgress: (line) => {
          log(line);
          setLines((all) => [...all, line]);
        },
      })
      .then(({ run, skipped }) => {
        nav.changed();
        setPhase({ name: 'done', run, skipped });
      })
      .catch((error: unknown) => {
        const message =
          error instanceof InputError
            ? error.describe()
            : error instanceof Error
              ? error.message
              : String(error);
        setPhase({ name: 'failed', message });
      });
    return () => abort.abort();
    // One scan per visit to this screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useInput((_input, key) => {
    if (phase.name === 'running') {
      if (key.escape) {
        setCancelling(true);
        controller.current?.abort();
      }
      return;
    }
    if (key.return) return phase.name === 'done' ? nav.next() : nav.home();
    if (key.escape) nav.home();
  });

  const totals = lines.reduce<Record<Status, number>>(
    (sum, line) => ({
      PASS: sum.PASS + line.counts.PASS,
      FAIL: sum.FAIL + line.counts.FAIL,
      UNKNOWN: sum.UNKNOWN + line.counts.UNKNOWN,
    }),
    { PASS: 0, FAIL: 0, UNKNOWN: 0 },
  );

  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1} marginTop={1}>
        {phase.name === 'running' ? (
          <Text>
            <Spinner />{' '}
            {cancelling
              ? 'Cancelling: keeping what finished…'
              : live
                ? `Reading ${reading ?? 'your cloud accounts'} (read-only)…`
                : rerun
                  ? 'Scanning the demo estate again, a few weeks on: some gaps have been fixed (read-only)…'
                  : 'Scanning the demo estate (read-only)…'}
          </Text>
        ) : null}
        {phase.name === 'running' && services.size > 0 ? (
          <Text wrap="wrap">
            {'  '}
            {[...services].map(([service, state]) => (
              <Text key={service} color={state === 'done' ? 'green' : undefined} dimColor={state !== 'done'}>
                {service} {state === 'done' ? '✓' : '…'}
                {'  '}
              </Text>
            ))}
          </Text>
        ) : null}
        <Text>
          <Text color={STATUS_COLOR.FAIL}>FAIL {totals.FAIL}</Text> ·{' '}
          <Text color={STATUS_COLOR.UNKNOWN}>UNKNOWN {totals.UNKNOWN}</Text> ·{' '}
          <Text color={STATUS_COLOR.PASS}>PASS {totals.PASS}</Text>
        </Text>
        {phase.name === 'done' ? (
          <Text>
            Recorded run {phase.run.id}
            {phase.run.partial
              ? phase.skipped.length > 0
                ? ' (partial: not every account could be read)'
                : ' (partial: cancelled before every account finished)'
              : ''}
            . Readiness: design {phase.run.readiness.design}%, operating evidence{' '}
            {phase.run.readiness.operating}%.
          </Text>
        ) : null}
        {phase.name === 'done'
          ? phase.skipped.map((reason) => (
              <Text key={reason} color="yellow">
                Skipped {reason}
              </Text>
            ))
          : null}
        {phase.name === 'failed' ? <Text color="red">The scan could not run: {phase.message}</Text> : null}
      </Box>
      <Footer
        keys={
          phase.name === 'running'
            ? [
                ['Esc', 'cancel, keep what finished'],
                ['q', 'quit'],
              ]
            : [
                ['Enter', phase.name === 'done' ? 'continue' : 'home'],
                ['Esc', 'home'],
                ['q', 'quit'],
              ]
        }
      />
    </Box>
  );
}

/** What a live scan reads, from the scope the user chose on Scope and Connect. */
function liveScope(scope: Scope, aws: AwsTarget[], azure: AzureTarget[]) {
  return {
    aws,
    azure,
    regions: scope.regions,
    ...(scope.awsOrganizationRole ? { assumeRole: scope.awsOrganizationRole } : {}),
  };
}
