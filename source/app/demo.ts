// The embedded sample estate and answers, loaded only when asked for (they are large and most runs
// are against a real workspace).

import type { Snapshot } from '../model/snapshot.js';
import type { Answers } from '../questionnaire/types.js';

export async function demoEstate(asOf: Date): Promise<{ snapshots: Snapshot[]; answers: Answers }> {
  const [{ demoSnapshots }, { demoAnswers }] = await Promise.all([
    import('../demo/estate.js'),
    import('../demo/answers.js'),
  ]);
  return { snapshots: demoSnapshots(asOf), answers: demoAnswers(asOf) };
}
