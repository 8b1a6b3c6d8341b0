import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { isCriterionId } from '../../source/model/criteria.js';
import { isOwnerRole } from '../../source/model/check.js';

function checkFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'lib' ? [] : checkFiles(path);
    return name.endsWith('.ts') && name !== 'index.ts' ? [path] : [];
  });
}

describe('check registry', () => {
  const files = checkFiles('checks');

  it('lists every check file exactly once, with the id equal to the file name', () => {
    const ids = ALL_CHECKS.map((c) => c.id).sort();
    expect(ids).toEqual(files.map((f) => basename(f, '.ts')).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every check complete metadata', () => {
    for (const check of ALL_CHECKS) {
      expect(check.criteria.length, check.id).toBeGreaterThan(0);
      expect(check.criteria.every(isCriterionId), check.id).toBe(true);
      expect(isOwnerRole(check.owner), check.id).toBe(true);
      expect(check.risk.length, check.id).toBeGreaterThan(20);
      expect(check.evidence.length, check.id).toBeGreaterThan(20);
      expect(check.remediation.snippet?.code.length ?? 0, check.id).toBeGreaterThan(10);
      expect(check.effort.maxHours, check.id).toBeGreaterThanOrEqual(check.effort.baseHours);
      expect(check.id.startsWith(`${check.provider}-`), check.id).toBe(true);
    }
  });

  it('has a test file for every check', () => {
    for (const file of files) {
      const test = file.replace(/^checks\//, 'test/checks/').replace(/\.ts$/, '.test.ts');
      expect(existsSync(test), test).toBe(true);
    }
  });

  it('names only existing checks as dependencies', () => {
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const check of ALL_CHECKS)
      for (const dep of check.dependsOn ?? []) expect(ids.has(dep), dep).toBe(true);
  });
});
