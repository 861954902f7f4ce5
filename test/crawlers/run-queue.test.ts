import { BasicCrawler, Configuration, log, Request, type RequestQueue } from '@crawlee/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunQueue } from '../../crawlers/engine/run-queue.js';

const url = (n: number | string) => `https://example.test/p/${n}`;

async function drain(queue: RunQueue): Promise<string[]> {
  const urls: string[] = [];
  for (let r = await queue.fetchNextRequest(); r; r = await queue.fetchNextRequest()) urls.push(r.url);
  return urls;
}

describe('RunQueue', () => {
  it('hands requests out in FIFO order, then null', async () => {
    const q = new RunQueue();
    await q.addRequest(new Request({ url: url(1) }));
    await q.addRequest({ url: url(2), label: 'LIST', userData: { page: 2 } });
    await q.addRequest(new Request({ url: url(3) }));
    const second = await q.fetchNextRequest().then(() => q.fetchNextRequest());
    expect(second?.url).toBe(url(2));
    expect(second?.label).toBe('LIST');
    expect(second?.userData).toMatchObject({ page: 2 });
    expect(second).toBeInstanceOf(Request);
    expect(await drain(q)).toEqual([url(3)]);
    expect(await q.fetchNextRequest()).toBeNull();
  });

  it('keeps one request per uniqueKey and says so', async () => {
    const q = new RunQueue();
    const first = await q.addRequest({ url: url(1) });
    expect(first).toMatchObject({ wasAlreadyPresent: false, wasAlreadyHandled: false, uniqueKey: url(1) });
    const again = await q.addRequest(new Request({ url: url(1) }));
    expect(again).toMatchObject({ wasAlreadyPresent: true, wasAlreadyHandled: false, requestId: first.requestId });
    const post = (payload: string) =>
      new Request({ url: url('form'), method: 'POST', payload, useExtendedUniqueKey: true });
    expect((await q.addRequest(post('a=1'))).wasAlreadyPresent).toBe(false);
    expect((await q.addRequest(post('a=2'))).wasAlreadyPresent).toBe(false);
    expect((await q.addRequest(post('a=1'))).wasAlreadyPresent).toBe(true);
    expect(q.getTotalCount()).toBe(3);

    const req = (await q.fetchNextRequest())!;
    expect(req.url).toBe(url(1));
    await q.markRequestHandled(req);
    expect(await q.addRequest({ url: url(1) })).toMatchObject({ wasAlreadyPresent: true, wasAlreadyHandled: true });
    const rest = [(await q.fetchNextRequest())!, (await q.fetchNextRequest())!];
    expect(rest.map((r) => r.payload)).toEqual(['a=1', 'a=2']);
    expect(await q.fetchNextRequest()).toBeNull();
  });

  it('puts forefront adds and forefront reclaims at the head, plain reclaims at the tail', async () => {
    const q = new RunQueue();
    for (const n of [1, 2, 3]) await q.addRequest({ url: url(n) });
    expect((await q.addRequest({ url: url(0) }, { forefront: true })).forefront).toBe(true);
    const a = (await q.fetchNextRequest())!;
    expect(a.url).toBe(url(0));
    const b = (await q.fetchNextRequest())!;
    expect(b.url).toBe(url(1));

    expect(await q.reclaimRequest(b, { forefront: true })).toMatchObject({ uniqueKey: url(1), forefront: true });
    expect((await q.fetchNextRequest())?.url).toBe(url(1));
    expect(await q.reclaimRequest(a)).toMatchObject({ uniqueKey: url(0), forefront: false });
    expect(await drain(q)).toEqual([url(2), url(3), url(0)]);

    await q.markRequestHandled(a);
    expect(await q.reclaimRequest(a)).toBeNull();
    expect(await q.reclaimRequest(new Request({ url: url(9) }))).toBeNull();
    expect(await q.fetchNextRequest()).toBeNull();
  });

  it('is empty while a request is in flight but finished only once it is handled', async () => {
    const q = new RunQueue();
    expect(await q.isEmpty()).toBe(true);
    expect(await q.isFinished()).toBe(true);
    await q.addRequestsBatched([url(1), url(2)]);
    expect([await q.isEmpty(), await q.isFinished(), q.getPendingCount(), q.getTotalCount()]).toEqual([
      false,
      false,
      2,
      2,
    ]);
    const r1 = (await q.fetchNextRequest())!;
    const r2 = (await q.fetchNextRequest())!;
    expect([await q.isEmpty(), await q.isFinished(), q.getPendingCount()]).toEqual([true, false, 2]);
    await q.markRequestHandled(r1);
    expect([await q.isFinished(), q.getPendingCount(), await q.handledCount()]).toEqual([false, 1, 1]);
    expect(r1.handledAt).toEqual(expect.any(String));
    await q.markRequestHandled(r2);
    expect([await q.isEmpty(), await q.isFinished(), q.getPendingCount(), await q.handledCount()]).toEqual([
      true,
      true,
      0,
      2,
    ]);
    expect(q.getTotalCount()).toBe(2);
  });

  it('adds batches from arrays and async generators within maxNewRequests', async () => {
    const q = new RunQueue();
    const res = await q.addRequestsBatched([url(1), url(2), url(1)]);
    expect(res.addedRequests.map((i) => i.wasAlreadyPresent)).toEqual([false, false, true]);
    expect(res.requestsOverLimit).toEqual([]);
    expect(await res.waitForAllRequestsToBeAdded).toEqual([]);

    async function* more() {
      yield url(2); // duplicate: does not consume the budget
      yield { url: url(3), label: 'DETAIL' };
      yield new Request({ url: url(4) });
      yield url(5);
      yield { url: url(6) };
    }
    const limited = await q.addRequestsBatched(more(), { maxNewRequests: 2 });
    expect(limited.addedRequests.map((i) => [i.uniqueKey, i.wasAlreadyPresent])).toEqual([
      [url(2), true],
      [url(3), false],
      [url(4), false],
    ]);
    expect(limited.requestsOverLimit).toEqual([{ url: url(5) }, { url: url(6) }]);
    await expect(limited.waitForAllRequestsToBeAdded).resolves.toEqual([]);
    expect(q.getTotalCount()).toBe(4);
    const all: Request[] = [];
    for (let r = await q.fetchNextRequest(); r; r = await q.fetchNextRequest()) all.push(r);
    expect(all.map((r) => r.url)).toEqual([url(1), url(2), url(3), url(4)]);
    expect(all[2]?.label).toBe('DETAIL');
  });

  it('keeps FIFO order across thousands of requests interleaved with adds (compaction)', async () => {
    const q = new RunQueue();
    const total = 5000;
    let added = 0;
    for (; added < 100; added++) await q.addRequest({ url: url(added) });
    const seen: number[] = [];
    for (let r = await q.fetchNextRequest(); r; r = await q.fetchNextRequest()) {
      seen.push(Number(r.url.split('/').pop()));
      await q.markRequestHandled(r);
      if (added < total) await q.addRequest({ url: url(added++) });
      if (added < total && seen.length % 3 === 0) await q.addRequest({ url: url(added++) });
      if (seen.length === 2500) {
        await q.addRequest({ url: url('front') }, { forefront: true });
        expect((await q.fetchNextRequest())?.url).toBe(url('front'));
        expect(q.getPendingCount()).toBe(added - seen.length + 1);
      }
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(await q.handledCount()).toBe(total);
    expect(q.getTotalCount()).toBe(total + 1);
    expect(await q.isFinished()).toBe(false); // 'front' is still in flight
  });

  it('iterates the pending requests in order', async () => {
    const q = new RunQueue();
    await q.addRequestsBatched([url('a'), url('b')]);
    await q.addRequest({ url: url('z') }, { forefront: true });
    const urls: string[] = [];
    for await (const r of q) urls.push(r.url);
    expect(urls).toEqual([url('z'), url('a'), url('b')]);
    expect(q.getPendingCount()).toBe(3);
  });
});

describe('RunQueue behind a BasicCrawler', () => {
  beforeAll(() => log.setLevel(log.LEVELS.OFF));

  it('crawls every URL once, follows links, dedupes and retries a failure once', async () => {
    const handled: string[] = [];
    const attempts = new Map<string, number>();
    const links: Record<string, string[]> = {
      [url('root')]: [url('a'), url('b'), url('a')],
      [url('a')]: [url('c'), url('root')],
      [url('b')]: [url('c'), url('flaky')],
    };
    const crawler = new BasicCrawler(
      {
        requestQueue: new RunQueue() as unknown as RequestQueue,
        maxRequestRetries: 1,
        maxConcurrency: 2,
        requestHandler: async ({ request, addRequests }) => {
          attempts.set(request.url, (attempts.get(request.url) ?? 0) + 1);
          if (request.url === url('flaky') && request.retryCount === 0) throw new Error('flaky once');
          await addRequests(links[request.url] ?? []);
          handled.push(request.url);
        },
      },
      new Configuration({ persistStorage: false }),
    );
    const stats = await crawler.run([url('root')]);
    expect([...handled].sort()).toEqual([url('a'), url('b'), url('c'), url('flaky'), url('root')]);
    expect(Object.fromEntries(attempts)).toEqual({
      [url('root')]: 1,
      [url('a')]: 1,
      [url('b')]: 1,
      [url('c')]: 1,
      [url('flaky')]: 2,
    });
    expect(stats.requestsFinished).toBe(5);
    expect(stats.requestsFailed).toBe(0);
  }, 30_000);
});
