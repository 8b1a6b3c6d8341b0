import type { AwsCheck } from '../../../source/model/check.js';
import accessKeysRotated from './aws-iam-access-keys-rotated.js';
import accessKeysUnused from './aws-iam-access-keys-unused.js';
import consolePasswordUnused from './aws-iam-console-password-unused.js';
import consoleUserMfa from './aws-iam-console-user-mfa.js';
import noAdminPolicy from './aws-iam-no-admin-policy.js';
import passwordPolicy from './aws-iam-password-policy.js';
import rootAccessKeys from './aws-iam-root-access-keys.js';
import rootMfa from './aws-iam-root-mfa.js';
import userActiveAccessKeys from './aws-iam-user-active-access-keys.js';
import wildcardSensitiveActions from './aws-iam-wildcard-sensitive-actions.js';

const checks: AwsCheck[] = [
  rootMfa,
  rootAccessKeys,
  noAdminPolicy,
  wildcardSensitiveActions,
  userActiveAccessKeys,
  consoleUserMfa,
  accessKeysUnused,
  accessKeysRotated,
  consolePasswordUnused,
  passwordPolicy,
];

export default checks;
