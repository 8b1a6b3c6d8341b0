// A passing configuration is evidenced back to when AWS Config started recording it: an auditor can
// pull the configuration history for any day since. Without a recorder, only today's state is known.

import type { AwsSnapshot } from '../model/aws-snapshot.js';

/** Services whose settings (encryption, rules, retention) AWS Config records as configuration items. */
const RECORDED_SERVICES = new Set(['s3', 'ec2', 'cloudtrail', 'logs']);

/**
 * When configuration history for this service and region begins, or undefined when none is kept.
 * Findings without a region need a recorder that includes global resource types.
 */
export function configHistorySince(
  snapshot: AwsSnapshot,
  service: string,
  region?: string,
): string | undefined {
  if (!RECORDED_SERVICES.has(service) || !snapshot.config) return undefined;
  const recorder = snapshot.config.recorders.find(
    (r) =>
      r.recording &&
      r.allSupported &&
      r.lastStartTime !== undefined &&
      (region ? r.region === region : r.includeGlobalResourceTypes),
  );
  return recorder?.lastStartTime;
}
