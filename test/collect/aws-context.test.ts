import { describe, expect, it } from 'vitest';
import {
  callError,
  CollectionCancelled,
  pause,
  readAllPages,
  readEveryRegion,
  RegionalClients,
  type AwsCollectContext,
  type ReadCall,
} from '../../source/collect/aws/context.js';

const CALL: ReadCall = {
  service: 'ec2',
  operation: 'DescribeVpcs',
  permission: 'ec2:DescribeVpcs',
  region: 'eu-west-1',
  absentWhen: ['OptInRequired'],
};

function context(signal?: AbortSignal): AwsCollectContext {
  return {
    accountId: '111122223333',
    regions: ['eu-west-1'],
    homeRegion: 'us-east-1',
    clientConfig: () => {
      throw new Error('no client is made here');
    },
    errors: [],
    ...(signal ? { signal } : {}),
  };
}

interface Page {
  items: string[];
  next?: string;
  more?: boolean;
}

/** An AWS error as the SDK throws it: its name is AWS's error code. */
const awsFailure = (name: string) => Object.assign(new Error(`${name} said no`), { name });

/** Answers each token with the page it maps to (the first page under `''`), or throws what it maps to. */
function paged(answers: Record<string, Page | Error>) {
  const asked: (string | undefined)[] = [];
  const send = async (token: string | undefined) => {
    asked.push(token);
    const answer = answers[token ?? ''];
    if (!answer) throw new Error(`no page for ${token}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { asked, pages: { send, items: (page: Page) => page.items, nextToken: (page: Page) => page.next } };
}

describe('readAllPages', () => {
  it('follows the tokens and gives every page’s items in order', async () => {
    const { asked, pages } = paged({ '': { items: ['a', 'b'], next: 't2' }, t2: { items: ['c'] } });
    const ctx = context();
    expect(await readAllPages(ctx, CALL, pages)).toEqual(['a', 'b', 'c']);
    expect(asked).toEqual([undefined, 't2']);
    expect(ctx.errors).toEqual([]);
  });

  it('gives undefined when any page fails, with the failure recorded', async () => {
    const { pages } = paged({ '': { items: ['a'], next: 't2' }, t2: awsFailure('UnauthorizedOperation') });
    const ctx = context();
    expect(await readAllPages(ctx, CALL, pages)).toBeUndefined();
    expect(ctx.errors).toEqual([
      expect.objectContaining({ operation: 'DescribeVpcs', kind: 'AccessDenied', region: 'eu-west-1' }),
    ]);
  });

  it('gives null for an absent first page only when asked, and undefined otherwise, recording nothing', async () => {
    const { pages } = paged({ '': awsFailure('OptInRequired') });
    const ctx = context();
    expect(await readAllPages(ctx, CALL, { ...pages, nullWhenAbsent: true })).toBeNull();
    expect(await readAllPages(ctx, CALL, pages)).toBeUndefined();
    expect(ctx.errors).toEqual([]);
  });

  it('leaves the list unread when a later page says the thing is absent', async () => {
    const { pages } = paged({ '': { items: ['a'], next: 't2' }, t2: awsFailure('OptInRequired') });
    expect(await readAllPages(context(), CALL, { ...pages, nullWhenAbsent: true })).toBeUndefined();
  });

  it('ends the list at a token seen before, so a token that does not move on cannot loop for ever', async () => {
    const { asked, pages } = paged({
      '': { items: ['a'], next: 't2' },
      t2: { items: ['b'], next: 't3' },
      t3: { items: ['c'], next: 't2' },
    });
    expect(await readAllPages(context(), CALL, pages)).toEqual(['a', 'b', 'c']);
    expect(asked).toEqual([undefined, 't2', 't3']);
  });

  it('treats an empty token as none', async () => {
    const { asked, pages } = paged({ '': { items: ['a'], next: '' } });
    expect(await readAllPages(context(), CALL, pages)).toEqual(['a']);
    expect(asked).toEqual([undefined]);
  });

  it('records a page that says more follow without a new token, when the API says so', async () => {
    const truncated = { when: (page: Page) => page.more === true, message: 'more follow, but no token' };
    const ctx = context();
    const missing = paged({ '': { items: ['a'], next: 't2', more: true }, t2: { items: ['b'], more: true } });
    expect(await readAllPages(ctx, CALL, { ...missing.pages, truncated })).toBeUndefined();
    const repeated = paged({
      '': { items: ['a'], next: 't2', more: true },
      t2: { items: [], next: 't2', more: true },
    });
    expect(await readAllPages(ctx, CALL, { ...repeated.pages, truncated })).toBeUndefined();
    expect(ctx.errors).toEqual([
      {
        service: 'ec2',
        operation: 'DescribeVpcs',
        kind: 'Other',
        message: 'more follow, but no token',
        region: 'eu-west-1',
      },
      {
        service: 'ec2',
        operation: 'DescribeVpcs',
        kind: 'Other',
        message: 'more follow, but no token',
        region: 'eu-west-1',
      },
    ]);
    // A last page that does not say more follow ends the list as usual.
    const done = paged({ '': { items: ['a'], next: 't2', more: true }, t2: { items: ['b'], more: false } });
    expect(await readAllPages(ctx, CALL, { ...done.pages, truncated })).toEqual(['a', 'b']);
  });
});

describe('readEveryRegion', () => {
  const regions = (...names: string[]) => ({ ...context(), regions: names });

  it('gives every readable region’s items in region order, leaving out the unreadable ones', async () => {
    const items: Record<string, string[] | undefined> = { a: ['a1', 'a2'], b: undefined, c: ['c1'] };
    expect(await readEveryRegion(regions('a', 'b', 'c'), async (region) => items[region])).toEqual([
      'a1',
      'a2',
      'c1',
    ]);
    expect(
      await readEveryRegion(regions('a', 'b'), async (region) => (region === 'a' ? [] : undefined)),
    ).toEqual([]);
  });

  it('gives undefined when not one region could be read, or there was none to read', async () => {
    expect(await readEveryRegion(regions('a', 'b'), async () => undefined)).toBeUndefined();
    expect(await readEveryRegion(regions(), async () => ['never'])).toBeUndefined();
  });
});

describe('callError', () => {
  it('names the call, and its region and resource only when it has them', () => {
    expect(callError({ ...CALL, resourceId: 'vpc-1' }, 'Other', 'unreadable')).toEqual({
      service: 'ec2',
      operation: 'DescribeVpcs',
      kind: 'Other',
      message: 'unreadable',
      region: 'eu-west-1',
      resourceId: 'vpc-1',
    });
    expect(
      callError({ service: 'iam', operation: 'GetAccountSummary', permission: 'x' }, 'Other', 'm'),
    ).toEqual({
      service: 'iam',
      operation: 'GetAccountSummary',
      kind: 'Other',
      message: 'm',
    });
  });
});

describe('RegionalClients', () => {
  it('makes one client per region on first use and destroys every one', () => {
    const made: { region: string; destroyed: boolean; destroy(): void }[] = [];
    const clients = new RegionalClients((region) => {
      const client = {
        region,
        destroyed: false,
        destroy() {
          client.destroyed = true;
        },
      };
      made.push(client);
      return client;
    });
    expect(clients.for('eu-west-1')).toBe(clients.for('eu-west-1'));
    clients.for('us-east-1');
    expect(made.map((c) => c.region)).toEqual(['eu-west-1', 'us-east-1']);
    clients.destroy();
    expect(made.every((c) => c.destroyed)).toBe(true);
  });
});

describe('pause', () => {
  it('waits, or stops with CollectionCancelled as soon as the collection is cancelled', async () => {
    await expect(pause(1, undefined)).resolves.toBeUndefined();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const started = Date.now();
    await expect(pause(60_000, controller.signal)).rejects.toBeInstanceOf(CollectionCancelled);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(pause(1, controller.signal)).rejects.toBeInstanceOf(CollectionCancelled);
  });
});
