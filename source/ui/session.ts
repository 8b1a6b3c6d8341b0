// What screens need from the world, handed in once so tests can give a temporary workspace, a fixed
// clock and fake credentials. Screens call the same functions as the headless commands.

import { createContext, useContext } from 'react';
import type { Content } from '../app/content.js';
import type { CredentialSource } from '../app/credentials.js';
import type { IdentityCheck, VerifyTarget } from '../collect/identity.js';
import type { ScanOptions } from '../app/scan.js';
import type { Finding } from '../model/finding.js';
import type { RunRecord } from '../store/workspace-data.js';
import type { Workspace } from '../store/workspace.js';

export interface Session {
  workspace: Workspace;
  content: Content;
  /** Started with --demo: the demo estate and, until answered, its sample answers. */
  demo: boolean;
  cwd: string;
  now: () => Date;
  detectCredentials: () => Promise<CredentialSource[]>;
  /** Asks the cloud who a credential is (one read-only call); never throws. */
  verifyIdentity: (target: VerifyTarget) => Promise<IdentityCheck>;
  scan: (
    options: Omit<ScanOptions, 'now'>,
  ) => Promise<{ run: RunRecord; findings: Finding[]; skipped: string[] }>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}
