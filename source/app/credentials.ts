// Which cloud credentials this machine has, found without contacting any cloud and without reading
// a secret: environment variable names, profile names in ~/.aws, the Azure CLI's account list.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { VerifyTarget } from '../collect/identity.js';

export interface CredentialSource {
  provider: 'aws' | 'azure';
  /** How the SDKs would pick it up. */
  kind: string;
  /** What it is, in words: a profile name, a signed-in user, a subscription. */
  label: string;
  /** Long-lived keys are themselves a SOC 2 finding; say so when we see them. */
  note?: string;
  /** How to ask the cloud who this credential is (see source/collect/identity.ts). */
  target: VerifyTarget;
}

export interface DetectOptions {
  env: NodeJS.ProcessEnv;
  home: string;
}

export async function detectCredentials(
  options: DetectOptions = { env: process.env, home: homedir() },
): Promise<CredentialSource[]> {
  const [aws, azure] = await Promise.all([detectAws(options), detectAzure(options)]);
  return [...aws, ...azure];
}

async function detectAws({ env, home }: DetectOptions): Promise<CredentialSource[]> {
  const found: CredentialSource[] = [];
  if (env.AWS_ACCESS_KEY_ID) {
    const temporary = Boolean(env.AWS_SESSION_TOKEN);
    found.push({
      provider: 'aws',
      kind: 'environment',
      label: temporary ? 'temporary credentials in AWS_* variables' : 'access key in AWS_ACCESS_KEY_ID',
      target: { provider: 'aws', from: 'environment' },
      ...(temporary ? {} : { note: 'a long-lived access key; prefer SSO or a role' }),
    });
  }
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) {
    found.push({
      provider: 'aws',
      kind: 'web identity',
      label: env.AWS_ROLE_ARN,
      target: { provider: 'aws', from: 'web-identity' },
    });
  }
  const configFile = env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  const config = parseIni(await readOptional(configFile));
  const credentials = parseIni(await readOptional(credentialsFile));
  for (const [section, values] of config) {
    const name = section === 'default' ? 'default' : section.replace(/^profile\s+/, '');
    if (section.startsWith('sso-session ')) continue;
    const sso = 'sso_session' in values || 'sso_start_url' in values;
    const role = 'role_arn' in values || 'credential_process' in values;
    if (!sso && !role && !credentials.has(name)) continue;
    found.push({
      provider: 'aws',
      kind: sso ? 'SSO profile' : 'role profile',
      label: `${name}${values.sso_account_id ? ` (account ${values.sso_account_id})` : ''}${env.AWS_PROFILE === name ? ', selected by AWS_PROFILE' : ''}`,
      target: {
        provider: 'aws',
        from: 'profile',
        profile: name,
        sso,
        ...(values.region ? { region: values.region } : {}),
      },
    });
  }
  for (const name of credentials.keys()) {
    if (found.some((f) => f.label.startsWith(name))) continue;
    found.push({
      provider: 'aws',
      kind: 'credentials file profile',
      label: name,
      note: 'long-lived access keys in ~/.aws/credentials; prefer SSO',
      target: { provider: 'aws', from: 'profile', profile: name, sso: false },
    });
  }
  return found;
}

async function detectAzure({ env, home }: DetectOptions): Promise<CredentialSource[]> {
  const found: CredentialSource[] = [];
  if (env.AZURE_CLIENT_ID && env.AZURE_TENANT_ID) {
    const how = env.AZURE_FEDERATED_TOKEN_FILE
      ? 'workload identity'
      : env.AZURE_CLIENT_CERTIFICATE_PATH
        ? 'certificate'
        : env.AZURE_CLIENT_SECRET
          ? 'client secret'
          : 'managed identity';
    found.push({
      provider: 'azure',
      kind: 'environment',
      label: `service principal ${env.AZURE_CLIENT_ID} (${how})`,
      ...(how === 'client secret'
        ? { note: 'a client secret; prefer a managed identity or federation' }
        : {}),
      target: { provider: 'azure', via: 'environment' },
    });
  }
  if (env.IDENTITY_ENDPOINT || env.MSI_ENDPOINT) {
    found.push({
      provider: 'azure',
      kind: 'managed identity',
      label: 'this machine’s managed identity',
      target: { provider: 'azure', via: 'managed-identity' },
    });
  }
  const profileText = await readOptional(
    join(env.AZURE_CONFIG_DIR ?? join(home, '.azure'), 'azureProfile.json'),
  );
  if (profileText) {
    try {
      // The Azure CLI writes this file with a byte-order mark.
      const profile = JSON.parse(profileText.replace(/^\uFEFF/, '')) as {
        subscriptions?: { id?: string; name?: string; isDefault?: boolean; user?: { name?: string } }[];
      };
      for (const sub of profile.subscriptions ?? []) {
        found.push({
          provider: 'azure',
          kind: 'Azure CLI login',
          label: `${sub.user?.name ?? 'signed-in user'} · ${sub.name ?? sub.id ?? 'subscription'}${sub.isDefault ? ' (default)' : ''}`,
          target: { provider: 'azure', via: 'cli' },
        });
      }
    } catch {
      // An unreadable CLI profile is not a login we can use; say nothing rather than guess.
    }
  }
  return found;
}

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** Section name -> keys. Values are kept only for non-secret keys we read. */
export function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = {};
      sections.set(header[1]!.trim(), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) {
      const key = line.slice(0, eq).trim();
      // Never keep secret material in memory longer than needed.
      current[key] = /secret|token|password/i.test(key) ? '' : line.slice(eq + 1).trim();
    }
  }
  return sections;
}
