import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { CredentialSource } from '../../app/credentials.js';
import type { AwsTarget } from '../../collect/aws/credentials.js';
import type { AzureTarget } from '../../collect/azure/credentials.js';
import { targetKey, type IdentityCheck } from '../../collect/identity.js';
import { Footer } from '../components/Footer.js';
import { Select } from '../components/Select.js';
import { Spinner } from '../components/Spinner.js';
import { useNavigation } from '../navigation.js';
import { useSession } from '../session.js';
import { useEscape } from '../use-escape.js';

export function Connect() {
  const session = useSession();
  const nav = useNavigation();
  const [found, setFound] = useState<CredentialSource[] | undefined>();
  const [checks, setChecks] = useState<ReadonlyMap<string, IdentityCheck>>(new Map());
  useEscape(nav.home);
  const providers = session.workspace.data.scope.providers;
  useEffect(() => {
    let live = true;
    void session.detectCredentials().then((sources) => {
      if (!live) return;
      setFound(sources);
      // Ask the cloud who each credential is, once per credential (the Azure CLI login covers
      // every subscription it lists); results arrive line by line, the menu does not wait.
      const targets = new Map(
        sources.filter((s) => providers.includes(s.provider)).map((s) => [targetKey(s.target), s.target]),
      );
      for (const [key, target] of targets)
        void session.verifyIdentity(target).then((check) => {
          if (live) setChecks((done) => new Map(done).set(key, check));
        });
    });
    return () => {
      live = false;
    };
    // Once per visit, for the providers in scope when the screen opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  const relevant = found?.filter((f) => providers.includes(f.provider)) ?? [];
  const live = verifiedTargets(relevant, checks);
  const what = describeLive(live);

  return (
    <Box flexDirection="column">
      <Box flexDirection="column" paddingX={1}>
        <Text bold>Cloud credentials on this machine</Text>
        {found === undefined ? (
          <Text>
            <Spinner /> Looking for AWS profiles, SSO and environment variables, and Azure CLI logins…
          </Text>
        ) : relevant.length === 0 ? (
          <Box flexDirection="column">
            <Text>None found for {providers.map((p) => (p === 'aws' ? 'AWS' : 'Azure')).join(' or ')}.</Text>
            <Text>To scan your own estate (read-only), sign in, then come back to this screen:</Text>
            {providers.includes('aws') ? (
              <Text>
                {'  '}AWS: <Text bold>aws configure sso</Text> then <Text bold>aws sso login</Text>, with the
                SecurityAudit policy (or ViewOnlyAccess plus SecurityAudit).
              </Text>
            ) : null}
            {providers.includes('azure') ? (
              <Text>
                {'  '}Azure: <Text bold>az login</Text> as a user with the Reader and Key Vault Reader roles,
                plus Graph Policy.Read.All and Application.Read.All for Entra ID checks.
              </Text>
            ) : null}
          </Box>
        ) : (
          <Box flexDirection="column">
            {relevant.map((source) => (
              <Box key={`${source.provider}-${source.kind}-${source.label}`} flexDirection="column">
                <Text>
                  {'  '}
                  {source.provider === 'aws' ? 'AWS' : 'Azure'} · {source.kind}: {source.label}
                  {source.note ? <Text color="yellow"> ({source.note})</Text> : null}
                </Text>
                <IdentityLine check={checks.get(targetKey(source.target))} />
              </Box>
            ))}
          </Box>
        )}
        <Box marginTop={1} flexDirection="column">
          <Text>
            {what
              ? `Scanning reads ${what.reads} with Get, List and Describe calls only: nothing is changed.`
              : 'Without a working credential, continue on the demo estate: a fictional fintech with two AWS accounts and two Azure subscriptions.'}
          </Text>
        </Box>
        {found !== undefined ? (
          <Box marginTop={1}>
            <Select
              items={[
                ...(what ? [{ label: `Scan my ${what.label} (read-only)`, value: 'live' as const }] : []),
                { label: 'Continue on the demo estate', value: 'demo' as const },
                { label: 'Back to home', value: 'home' as const },
              ]}
              onSelect={(choice) => {
                if (choice === 'home') return nav.home();
                const scope = session.workspace.data.scope;
                const chosen = choice === 'live' ? live : { aws: [], azure: [] };
                // The choice is kept, so "re-run checks" later reads the same accounts.
                void session.workspace.setScope({ ...scope, ...chosen }).then(() => nav.next());
              }}
            />
          </Box>
        ) : null}
      </Box>
      <Footer
        keys={[
          ['↑↓', 'move'],
          ['Enter', 'choose'],
          ['Esc', 'home'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}

/** Who the cloud says a credential is, or why it would not say. */
function IdentityLine({ check }: { check: IdentityCheck | undefined }) {
  return (
    <Box paddingLeft={4}>
      {check === undefined ? (
        <Text dimColor>
          <Spinner /> asking who this is (read-only)…
        </Text>
      ) : check.ok ? (
        <Text>
          <Text color="green">✓</Text> {check.identity}
          {check.account && !check.identity.includes(check.account) ? ` · ${check.account}` : ''}
        </Text>
      ) : (
        <Text>
          <Text color="red">✗ {check.problem}</Text>
          {check.nextStep ? <Text>: {check.nextStep}</Text> : null}
        </Text>
      )}
    </Box>
  );
}

/**
 * The credentials the clouds accepted: one per AWS account (two profiles of one account read it once),
 * one per way of signing in to Azure (the CLI login covers every subscription it lists).
 */
function verifiedTargets(
  sources: readonly CredentialSource[],
  checks: ReadonlyMap<string, IdentityCheck>,
): { aws: AwsTarget[]; azure: AzureTarget[] } {
  const aws = new Map<string, AwsTarget>();
  const azure = new Map<string, AzureTarget>();
  for (const { target } of sources) {
    const check = checks.get(targetKey(target));
    if (!check?.ok) continue;
    if (target.provider === 'aws') {
      const account = check.account ?? check.identity;
      if (!aws.has(account)) aws.set(account, target);
    } else if (!azure.has(target.via)) azure.set(target.via, target);
  }
  return { aws: [...aws.values()], azure: [...azure.values()] };
}

/** What a live scan would read, for the menu and the sentence above it; undefined when nothing can be. */
function describeLive(live: {
  aws: AwsTarget[];
  azure: AzureTarget[];
}): { label: string; reads: string } | undefined {
  const n = live.aws.length;
  const aws = n === 0 ? undefined : n === 1 ? 'AWS account' : 'AWS accounts';
  const azure = live.azure.length > 0 ? 'Azure subscriptions' : undefined;
  if (!aws && !azure) return undefined;
  const reads = [
    ...(aws ? [n === 1 ? 'this AWS account' : `these ${n} AWS accounts`] : []),
    ...(azure ? ['every Azure subscription your login can read'] : []),
  ].join(' and ');
  return { label: [aws, azure].filter(Boolean).join(' and '), reads };
}
