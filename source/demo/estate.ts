// The embedded sample estate `soc2-ready --demo` runs on: Ledgerline, a 40-person payments company whose
// SOC 2 Type II audit failed. Two AWS accounts in one organization and two Azure subscriptions in one
// tenant, each showing failures next to compliant resources of the same kind, plus a few calls that
// failed during collection, so every verdict (PASS, FAIL, UNKNOWN) appears.
//
// Every date is measured back from `asOf`, so the estate looks the same whatever day the demo runs.

import type { Snapshot } from '../model/snapshot.js';
import { awsDevelopment } from './aws-development.js';
import { awsProduction } from './aws-production.js';
import { azureCorporate } from './azure-corporate.js';
import { azurePayments } from './azure-payments.js';

export function demoSnapshots(asOf: Date): Snapshot[] {
  return [awsProduction(asOf), awsDevelopment(asOf), azurePayments(asOf), azureCorporate(asOf)];
}
