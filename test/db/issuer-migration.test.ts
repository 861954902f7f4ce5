import { readFileSync } from 'node:fs';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/log.js';
import { answerReprocessRequests } from '../../crawlers/engine/reprocess.js';
import { parsers } from '../../crawlers/parsers/index.js';
import { sourceRegistry } from '../../crawlers/sources/index.js';
import type { DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { migrationProvider } from '../../db/migrations/index.js';
import { insertPage } from '../../db/repositories/page.repository.js';
import { pendingReprocess } from '../../db/repositories/reprocess.repository.js';
import { upsertSources } from '../../db/repositories/source.repository.js';
import { SITES_DIR } from '../replay/server.js';
import { testBackends } from './backends.js';

// Issue #12.3: stored rows of an older schema get `issuer` (and the 来源 reading of
// `original_outlet`) from their archived page, through the request the migration files.

const URL_ = 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk10/202604/t20260417_1148120.html';
const BODY = readFileSync(`${SITES_DIR}www.mee.gov.cn/xxgk2018/xxgk/xxgk10/202604/t20260417_1148120.html`);
const BEFORE = '2026_11_24_150000_pages_request_data';
const quiet = createLogger('silent');

for (const backend of testBackends()) {
  describe(`${backend.name}: the issuer migration fills stored rows from the archive`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await backend.open();
      const { error } = await new Migrator({ db: handle.db, provider: migrationProvider }).migrateTo(BEFORE);
      if (error) throw error;
      await upsertSources(handle.db, sourceRegistry);
      const pageId = await insertPage(handle.db, {
        ...{ runId: null, sourceId: 'mee', label: 'ARTICLE', method: 'GET', requestedUrl: URL_, finalUrl: URL_ },
        ...{ status: 200, headers: { 'content-type': 'text/html' }, body: BODY, error: null, userData: {} },
      });
      // The row as the older parser stored it: the 发布机关 in the one outlet column.
      await handle.db
        .insertInto('articles')
        .values({
          ...{ source_id: 'mee', native_id: 't20260417_1148120', canonical_url: URL_, title: 'old', page_id: pageId },
          ...{ original_outlet: '国务院办公厅', date_evidence: '{}', attachments: '[]' },
        })
        .execute();
    });
    afterAll(async () => handle?.close());

    it('adds the column empty and files one reprocess request', async () => {
      await migrateToLatest(handle.db);
      const row = await handle.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
      expect([row.issuer, row.original_outlet]).toEqual([null, '国务院办公厅']);
      expect((await pendingReprocess(handle.db)).map((r) => r.name)).toEqual(['2026_12_06_090000_article_issuer']);
    });

    it('answers it once: issuer from 发布机关, no 来源 on this template, the request marked done', async () => {
      const answered = await answerReprocessRequests(handle.db, sourceRegistry, parsers, quiet);
      expect(answered).toEqual(['2026_12_06_090000_article_issuer']);
      const rows = await handle.db.selectFrom('articles').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect([rows[0]!.issuer, rows[0]!.original_outlet]).toEqual(['国务院办公厅', null]);
      expect(rows[0]!.title).toBe('国务院办公厅关于深化投资审批制度改革的意见');
      expect(await pendingReprocess(handle.db)).toEqual([]);
      expect(await answerReprocessRequests(handle.db, sourceRegistry, parsers, quiet)).toEqual([]);
    });
  });
}
