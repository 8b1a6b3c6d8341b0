// The embedded sample estate and answers, loaded only when asked for (they are large and most runs
// are against a real workspace).

import type { Snapshot } from '../model/snapshot.js';
import type { Answers } from '../questionnaire/types.js';

/** `remediated`: the estate a few weeks on, with some gaps closed and one regression. */
export async function demoEstate(
  asOf: Date,
  stage: 'initial' | 'remediated' = 'initial',
): Promise<{ snapshots: Snapshot[]; answers: Answers }> {
  const [{ demoSnapshots }, { demoAnswers }, { remediatedEstate }] = await Promise.all([
    import('../demo/estate.js'),
    import('../demo/answers.js'),
    import('../demo/remediated.js'),
  ]);
  const snapshots = demoSnapshots(asOf);
  return {
    snapshots: stage === 'remediated' ? remediatedEstate(snapshots) : snapshots,
    answers: demoAnswers(asOf),
  };
}
