// Files shipped with the package (questionnaires) sit beside source/ and dist/, one level up from
// both the bundled entry (dist/cli.js) and the source modules (source/util/*.ts under tsx/vitest).

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(start, '..');
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The shipped questionnaires, or a folder of your own named by SOC2_READY_QUESTIONNAIRES. */
export function questionnairesDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SOC2_READY_QUESTIONNAIRES ?? join(PACKAGE_ROOT, 'questionnaires');
}
