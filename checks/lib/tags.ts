// Which environment a resource belongs to according to its tags: production or not.

import type { SnapshotBase } from '../../source/model/snapshot.js';

export type Environment = 'production' | 'non-production';

const ENVIRONMENT_KEYS = new Set(['environment', 'env']);
const PRODUCTION_VALUES = new Set(['production', 'prod', 'prd']);
// qa and uat are common enough names for pre-production stages to count as well.
const NON_PRODUCTION_VALUES = new Set([
  'development',
  'dev',
  'staging',
  'stage',
  'test',
  'sandbox',
  'qa',
  'uat',
]);

/** The environment a set of tags names (`Environment`, `environment`, `env` or `Env`), if any. */
export function environmentFromTags(tags: Record<string, string> | undefined): Environment | undefined {
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (!ENVIRONMENT_KEYS.has(key.toLowerCase())) continue;
    const normalised = value.trim().toLowerCase();
    if (PRODUCTION_VALUES.has(normalised)) return 'production';
    if (NON_PRODUCTION_VALUES.has(normalised)) return 'non-production';
  }
  return undefined;
}

/** A resource's environment: its own tag, else the account's tag (the default for untagged resources). */
export function environmentOf(
  snapshot: Pick<SnapshotBase, 'tags'>,
  tags: Record<string, string> | undefined,
): Environment | undefined {
  return environmentFromTags(tags) ?? environmentFromTags(snapshot.tags);
}
