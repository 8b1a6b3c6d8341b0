import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { CredentialSource } from '../../app/credentials.js';
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
  useEscape(nav.home);
  useEffect(() => {
    let live = true;
    void session.detectCredentials().then((sources) => live && setFound(sources));
    return () => {
      live = false;
    };
  }, [session]);

  const providers = session.workspace.data.scope.providers;
  const relevant = found?.filter((f) => providers.includes(f.provider)) ?? [];

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
            <Text>To scan your own estate later (read-only):</Text>
            {providers.includes('aws') ? (
              <Text>
                {'  '}AWS: <Text bold>aws configure sso</Text> then <Text bold>aws sso login</Text>, with the
                SecurityAudit policy (or ViewOnlyAccess plus SecurityAudit).
              </Text>
            ) : null}
            {providers.includes('azure') ? (
              <Text>
                {'  '}Azure: <Text bold>az login</Text> as a user with the Reader and Security Reader roles,
                plus Graph Policy.Read.All and Application.Read.All for Entra ID checks.
              </Text>
            ) : null}
          </Box>
        ) : (
          <Box flexDirection="column">
            {relevant.map((source) => (
              <Text key={`${source.provider}-${source.kind}-${source.label}`}>
                {'  '}
                {source.provider === 'aws' ? 'AWS' : 'Azure'} · {source.kind}: {source.label}
                {source.note ? <Text color="yellow"> ({source.note})</Text> : null}
              </Text>
            ))}
          </Box>
        )}
        <Box marginTop={1} flexDirection="column">
          <Text>
            This version scans the embedded demo estate: a fictional fintech with two AWS accounts and two
            Azure subscriptions. Live read-only collection from your own accounts comes in a later version.
          </Text>
        </Box>
        {found !== undefined ? (
          <Box marginTop={1}>
            <Select
              items={[
                { label: 'Continue on the demo estate', value: 'demo' as const },
                { label: 'Back to home', value: 'home' as const },
              ]}
              onSelect={(choice) => (choice === 'demo' ? nav.next() : nav.home())}
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
