import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { PageRecord } from '../../db/repositories/page.repository.js';
import { ArchiveWriter } from '../../crawlers/engine/archive-writer.js';
import { CrawlRecorder } from '../../crawlers/engine/recorder.js';
import { ArchiveWriteError } from '../../crawlers/errors.js';
import type { ArticleExtract } from '../../crawlers/extract/types.js';
import { findSource } from '../../crawlers/sources/index.js';
import { openReady, testBackends } from '../db/backends.js';

const nda = findSource('nda')!;

function page(n: number, sourceId = 'nda'): PageRecord {
  return {
    runId: null,
    sourceId,
    label: 'ARTICLE',
    method: 'GET',
    requestedUrl: `https://www.nda.gov.cn/sjj/zwgk/zcfb/0601/${n}_pc.html`,
    finalUrl: `https://www.nda.gov.cn/sjj/zwgk/zcfb/0601/${n}_pc.html`,
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: Buffer.from(`<html>${n}</html>`),
    error: null,
    userData: {},
  };
}

function extract(n: number): ArticleExtract {
  return {
    nativeId: String(n),
    url: `https://www.nda.gov.cn/sjj/zwgk/zcfb/0601/${n}_pc.html`,
    title: `第${n}号通知`,
    dates: [],
    originalOutlet: '国家数据局',
    issuer: null,
    docNumber: null,
    bodyText: `正文${n}`,
    attachments: [],
    language: 'zh',
  };
}

async function count(handle: DatabaseHandle, table: 'pages' | 'articles'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(handle.db);
  return rows[0]!.n;
}

describe.each(testBackends())('the archive writer on $name', (backend) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await openReady(backend);
  });
  afterEach(() => handle.close());

  it('writes pages and their articles in batches while adding goes on, linking each article to its page', async () => {
    const recorder = new CrawlRecorder('nda');
    const writer = new ArchiveWriter(handle.db, nda, recorder, 4);
    for (let n = 1; n <= 9; n++) {
      await writer.addPage(`k${n}`, page(n));
      await writer.addArticle(extract(n), `k${n}`);
    }
    await writer.flush();
    expect(await count(handle, 'pages')).toBe(9);
    const linked = await sql<{ n: number }>`select count(*)::int as n from articles a join pages p on p.id = a.page_id
      where p.requested_url = a.canonical_url`.execute(handle.db);
    expect(linked.rows[0]!.n).toBe(9);
    expect(recorder.stats).toMatchObject({ pages: 9, articles: 9, new: 9 });
    expect(await writer.pageId('k7')).toMatch(/^\d+$/);
  });

  it('archives the exact bytes of every body (GBK, NUL, every byte value) and reads them back as a Buffer', async () => {
    const writer = new ArchiveWriter(handle.db, nda, new CrawlRecorder('nda'), 2);
    const bodies = [
      Buffer.from([0xc9, 0xfa, 0xcc, 0xac, 0x00, 0xff]),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    ];
    for (const [i, body] of bodies.entries()) await writer.addPage(`k${i}`, { ...page(i), body });
    await writer.addPage('empty', { ...page(9), body: Buffer.alloc(0) });
    await writer.flush();
    const rows = await handle.db.selectFrom('pages').select('body').orderBy('id').execute();
    expect(rows.map((r) => Buffer.isBuffer(r.body))).toEqual([true, true, true]);
    expect(rows.map((r) => Buffer.from(r.body!).toString('hex'))).toEqual([
      ...bodies.map((b) => b.toString('hex')),
      '',
    ]);
  });

  it('stops at a batch the database refuses: later adds and the flush throw, earlier batches stay whole', async () => {
    const writer = new ArchiveWriter(handle.db, nda, new CrawlRecorder('nda'), 2);
    await writer.addPage('a', page(1));
    await writer.addPage('b', page(2)); // batch 1: fine
    await writer.addPage('c', page(3));
    await writer.addPage('d', page(4, 'no-such-source')); // batch 2: foreign key violation
    await expect(writer.flush()).rejects.toBeInstanceOf(ArchiveWriteError);
    await expect(writer.addPage('e', page(5))).rejects.toThrow(
      /archive write of 2 page\(s\) and 0 article\(s\) failed/,
    );
    await expect(writer.addArticle(extract(6), null)).rejects.toBeInstanceOf(ArchiveWriteError);
    const urls = await handle.db.selectFrom('pages').select('requested_url').orderBy('id').execute();
    expect(urls.map((r) => r.requested_url.match(/(\d)_pc/)![1])).toEqual(['1', '2']);
  });
});
