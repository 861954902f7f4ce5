import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../crawlers/extract/text.js';
import { parseSitemapXml } from '../../crawlers/parsers/reuters-sitemap.js';
import { canonicalUrl } from '../../pipeline/dedupe/canonical-url.js';
import { findDuplicates, nearDuplicate, titleSimilarity } from '../../pipeline/dedupe/find-duplicates.js';
import * as mh from '../../pipeline/dedupe/minhash.js';
import { jaccard, normalizeBody, numberTokens, shingles } from '../../pipeline/dedupe/normalize.js';
import type { DedupeItem } from '../../pipeline/dedupe/types.js';
import { clusters } from '../../pipeline/dedupe/union-find.js';
import { expectedArticles, type ExpectedArticle } from '../parsers/fixture-doc.js';

const SITES = new URL('../fixtures/sites/', import.meta.url).pathname;
const BODY: Record<string, string> = {
  'www.cnr.cn': 'div.article-content',
  'www.cac.gov.cn': '#BodyLabel',
  'www.nda.gov.cn': 'div.article',
};

/** A fixture page as dedupe sees it: labels from _expected.json, body text via cheerio. */
function pageItem(host: string, a: ExpectedArticle, url = a.url): DedupeItem {
  const $ = cheerio.load(readFileSync(`${SITES}${host}${new URL(url).pathname}`, 'utf8'));
  const bodyText = cleanText($(BODY[host]!).first());
  return {
    id: url,
    sourceId: a.source,
    url,
    title: a.title,
    bodyText,
    publishedAt: a.publishedAt,
    originalOutlet: a.originalSource,
  };
}

/** The one labelled page of `host` matching `test`, with a real body (else the test is vacuous). */
function fixture(host: string, test: (a: ExpectedArticle) => boolean): DedupeItem {
  const found = expectedArticles(host).filter(test);
  if (found.length !== 1) throw new Error(`${host}: ${found.length} pages match`);
  const item = pageItem(host, found[0]!);
  expect(normalizeBody(item.bodyText).length).toBeGreaterThanOrEqual(40);
  return item;
}
const byTitle = (title: string) => (a: ExpectedArticle) => a.title === title;
const byUrl = (part: string) => (a: ExpectedArticle) => a.url.includes(part);

const AGRI = '发展农业新质生产力！五大任务强化农业科技和装备支撑';
const headline = (id: string, title: string, publishedAt: string | null, url = `https://example.com/${id}`) => ({
  id,
  sourceId: 'reuters',
  url,
  title,
  bodyText: '',
  publishedAt,
  originalOutlet: 'Reuters',
});

/** Deterministic synthetic Chinese text: random characters from a pool of common ones. */
const POOL = [
  ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话',
];
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(4);
const text = (n: number) => Array.from({ length: n }, () => POOL[Math.floor(rnd() * POOL.length)]!).join('');
/** `base` with `edits` characters replaced at random positions. */
function edited(base: string, edits: number): string {
  const chars = [...base];
  for (let e = 0; e < edits; e++) chars[Math.floor(rnd() * chars.length)] = POOL[Math.floor(rnd() * POOL.length)]!;
  return chars.join('');
}
const exactJ = (a: string, b: string) => jaccard(shingles(a), shingles(b));

describe('canonicalUrl', () => {
  it('makes the NDA _mobile twin the _pc page, and only on NDA', () => {
    const pc = 'https://www.nda.gov.cn/sjj/zwgk/tzgg/0608/20260608172117399715004_pc.html';
    expect(canonicalUrl(pc.replace('_pc', '_mobile'))).toBe(canonicalUrl(pc));
    expect(canonicalUrl(pc)).toBe('https://nda.gov.cn/sjj/zwgk/tzgg/0608/20260608172117399715004_pc.html');
    expect(canonicalUrl('https://example.com/a_mobile.html')).toBe('https://example.com/a_mobile.html');
  });
  it('folds http/https, host case and www.', () => {
    const key = canonicalUrl('https://www.cac.gov.cn/2026-06/08/c_1782648187262311.htm');
    expect(canonicalUrl('HTTP://WWW.CAC.GOV.CN/2026-06/08/c_1782648187262311.htm')).toBe(key);
    expect(canonicalUrl('http://cac.gov.cn:80/2026-06/08/c_1782648187262311.htm')).toBe(key);
    expect(canonicalUrl('https://www2.cac.gov.cn/x')).toBe('https://www2.cac.gov.cn/x');
    expect(canonicalUrl('https://cac.gov.cn:8443/x')).toBe('https://cac.gov.cn:8443/x');
  });
  it('drops fragments and tracking parameters, sorts the rest', () => {
    const tracked =
      'https://www.cnr.cn/a/t1.shtml?utm_source=wx&UTM_Medium=x&spm=a.b&from=timeline&share_token=z&fbclid=1&gclid=2#top';
    expect(canonicalUrl(tracked)).toBe('https://cnr.cn/a/t1.shtml');
    expect(canonicalUrl('https://x.cn/p?b=2&a=1&utm_id=3')).toBe('https://x.cn/p?a=1&b=2');
    expect(canonicalUrl('https://x.cn/p?id=1')).not.toBe(canonicalUrl('https://x.cn/p?id=2'));
  });
  it('strips a trailing slash and index.html, except the root', () => {
    const slug = 'https://www.reuters.com/world/china/chinas-central-bank-extends-gold-buying-streak-2026-06-07';
    expect(canonicalUrl(`${slug}/`)).toBe(canonicalUrl(slug));
    for (const root of ['https://www.nda.gov.cn', 'https://www.nda.gov.cn/', 'https://www.nda.gov.cn/index.html']) {
      expect(canonicalUrl(root)).toBe('https://nda.gov.cn/');
    }
    const list = 'https://www.cnr.cn/newscenter/native/gd';
    expect(canonicalUrl(`${list}/index.html`)).toBe(canonicalUrl(`${list}/`));
    expect(canonicalUrl(`${list}/index.htm`)).toBe('https://cnr.cn/newscenter/native/gd');
  });
  it('returns anything unparsable trimmed', () => {
    expect(canonicalUrl(' not a url ')).toBe('not a url');
  });
});

describe('normalizeBody and shingles', () => {
  it('folds width and drops whitespace, punctuation and symbols', () => {
    expect(normalizeBody('ＡＢＣ１２３，　测试。\n「数据」 要素×')).toBe('abc123测试数据要素');
  });
  it('drops credit, source and widget lines but keeps content that looks alike', () => {
    const body = [
      '记者从国家数据局获悉，方案已印发。',
      '责任编辑：王佳',
      '编辑：王佳',
      '[责任编辑：李明]',
      '来源：央广网',
      '【纠错】【打印】【关闭】',
      '分享到：微信 微博',
      '（完）',
      `来源：${'这是一段很长的正文，恰好以来源二字开头，但它是内容，不是版权声明也不是来源说明，长度超过六十个字符，所以规则不会把它当作样板行丢弃。'}`,
      '专家表示，要加快转型。（编辑：王佳）',
    ].join('\n');
    const n = normalizeBody(body);
    expect(n.startsWith('记者从国家数据局获悉方案已印发')).toBe(true);
    expect(n).toContain('它是内容');
    expect(n.endsWith('专家表示要加快转型')).toBe(true);
    expect(n).not.toMatch(/王佳|李明|央广网|纠错|分享|完$/);
  });
  it('cuts text into code-point shingles', () => {
    expect(shingles('abcdef')).toEqual(new Set(['abcde', 'bcdef']));
    expect(shingles('abc')).toEqual(new Set(['abc']));
    expect(shingles('').size).toBe(0);
    expect(shingles('𠀀𠀁𠀂𠀃𠀄𠀅').size).toBe(2); // astral characters count once
    expect(mh.shingleHashes('𠀀𠀁𠀂𠀃𠀄𠀅')).toHaveLength(2);
  });
  it('reads numbers as facts: dates whole, ordinals included', () => {
    expect(numberTokens(normalizeBody('第十五批，2026年6月8日发布，1.8亿件'))).toEqual(
      new Set(['第十五', '2026年6月8', '18']),
    );
  });
});

describe('MinHash and LSH', () => {
  it('is deterministic: pinned values (stored signatures depend on them) and a 512-byte round trip', () => {
    const sig = mh.signature(AGRI);
    expect(Array.from(sig.slice(0, 4))).toEqual([522962791, 41359046, 267209765, 14962515]);
    const buf = mh.signatureToBuffer(sig);
    expect(buf).toHaveLength(512);
    expect(buf.readUInt32LE(0)).toBe(522962791);
    expect(mh.signatureFromBuffer(buf)).toEqual(sig);
    expect(() => mh.signatureFromBuffer(buf.subarray(0, 508))).toThrow(RangeError);
    expect(mh.signature('').every((v) => v === 0xffffffff)).toBe(true);
  });
  it('estimates exact Jaccard within ±0.1 on varied pairs', () => {
    const errors: number[] = [];
    for (let edits = 0; edits <= 180; edits += 4) {
      const a = text(600 + edits * 3);
      const b = edited(a, edits);
      errors.push(Math.abs(mh.estimateJaccard(mh.signature(a), mh.signature(b)) - exactJ(a, b)));
    }
    // The error is binomial, σ = √(J(1−J)/128) ≤ 0.044: ±0.1 is a 2.3σ band.
    expect(errors.filter((e) => e <= 0.1).length / errors.length).toBeGreaterThanOrEqual(0.95);
    expect(Math.max(...errors)).toBeLessThanOrEqual(0.15);
    expect(errors.reduce((s, e) => s + e, 0) / errors.length).toBeLessThan(0.04);
  });
  it('bands 128 hashes as 21 × 6: P(0.8) ≥ 0.99, P(0.5) < 0.3', () => {
    expect(mh.chooseLshParams(0.8)).toEqual({ bands: 21, rows: 6 });
    expect(mh.lshProbability(0.8, 21, 6)).toBeGreaterThan(0.99);
    expect(mh.lshProbability(0.5, 21, 6)).toBeLessThan(0.3);
  });
  it('finds pairs at Jaccard ≥ 0.8 and rarely proposes pairs at 0.3', () => {
    const index = new mh.LshIndex();
    const high = { found: 0, all: 0 };
    const low = { found: 0, all: 0 };
    const tally = (t: typeof high, i: number, variant: string) => {
      t.all++;
      if (index.candidates(mh.signature(variant)).has(`b${i}`)) t.found++;
    };
    for (let i = 0; i < 300; i++) {
      const base = text(800);
      index.add(`b${i}`, mh.signature(base));
      const near = edited(base, 14 + (i % 6)); // J ≈ 0.80–0.87
      const far = edited(base, 115 + (i % 20)); // J ≈ 0.25–0.35
      if (exactJ(base, near) >= 0.8) tally(high, i, near);
      if (Math.abs(exactJ(base, far) - 0.3) <= 0.05) tally(low, i, far);
    }
    expect(high.all).toBeGreaterThan(150);
    expect(high.found / high.all).toBeGreaterThanOrEqual(0.98);
    expect(low.all).toBeGreaterThan(150);
    expect(low.found / low.all).toBeLessThanOrEqual(0.05);
  });
  it('is incremental: add after query, replace, remove', () => {
    const index = new mh.LshIndex();
    const a = text(500);
    expect(index.candidates(mh.signature(a)).size).toBe(0);
    index.add('a', mh.signature(a));
    expect(index.candidates(mh.signature(edited(a, 3)))).toEqual(new Set(['a']));
    index.add('a', mh.signature(text(500)));
    expect(index.size).toBe(1);
    expect(index.candidates(mh.signature(a)).size).toBe(0);
    index.remove('a');
    expect(index.size).toBe(0);
  });
});

describe('findDuplicates on the replay fixtures', () => {
  const cnr = fixture('www.cnr.cn', byTitle(AGRI));
  const cac = fixture('www.cac.gov.cn', byTitle(AGRI));

  it('pairs the cnr.cn original with the CAC repost (same body once the 编辑 line is gone)', () => {
    expect(cnr.bodyText).toContain('编辑：王佳');
    expect(cac.bodyText).not.toBe(cnr.bodyText);
    expect(findDuplicates([cac, cnr])).toEqual([{ a: cac.id, b: cnr.id, reason: 'same-body', similarity: 1 }]);
    expect(nearDuplicate(cnr, cac)?.reason).toBe('same-body');
  });
  it('pairs an edited repost and an excerpt of it', () => {
    const lines = cac.bodyText.split('\n');
    const edited = {
      ...cac,
      id: 'edited',
      url: 'https://x.cn/1',
      bodyText: cac.bodyText.replace('智能渔场', '智能牧区和海洋牧场'),
    };
    const excerpt = { ...cac, id: 'excerpt', url: 'https://x.cn/2', bodyText: lines.slice(0, 4).join('\n') };
    expect(exactJ(normalizeBody(excerpt.bodyText), normalizeBody(cnr.bodyText))).toBeLessThan(0.6);
    const pairs = findDuplicates([cnr, edited, excerpt]);
    expect(pairs.map((p) => [p.a, p.b, p.reason])).toEqual([
      ['edited', 'excerpt', 'near-duplicate-body'],
      ['edited', cnr.id, 'near-duplicate-body'],
      ['excerpt', cnr.id, 'near-duplicate-body'],
    ]);
    expect(pairs[1]!.similarity).toBeGreaterThan(0.9); // Jaccard of the edited repost
    expect(pairs[1]!.similarity).toBeLessThan(1);
    expect(pairs[2]!.similarity).toBe(1); // all of the excerpt is in the original
  });
  it('keeps apart different stories and documents with similar titles or templates', () => {
    const pairs: [DedupeItem, DedupeItem][] = [
      [cnr, fixture('www.cnr.cn', byUrl('20260604/'))], // 农业机械化: shared vocabulary
      [fixture('www.nda.gov.cn', byUrl('zcfb/0605/')), fixture('www.nda.gov.cn', byUrl('tzgg/0527/'))], // rules vs 征求意见稿
      [fixture('www.nda.gov.cn', byUrl('zcfb/0602/')), fixture('www.nda.gov.cn', byUrl('tzgg/0413/'))],
      [fixture('www.nda.gov.cn', byUrl('tzgg/0115/')), fixture('www.nda.gov.cn', byUrl('zcfb/0128/'))], // one template, J 0.90
      [
        fixture('www.cac.gov.cn', byTitle('国家互联网信息办公室关于发布第十五批深度合成服务算法备案信息的公告')),
        fixture('www.cac.gov.cn', byTitle('国家互联网信息办公室关于发布第十四批深度合成服务算法备案信息的公告')),
      ],
    ];
    for (const [a, b] of pairs) {
      expect(nearDuplicate(a, b), `${a.title} ~ ${b.title}`).toBeUndefined();
      expect(findDuplicates([a, b])).toEqual([]);
    }
  });
  it('keeps the monthly 举报 reports apart: 0.90–0.98 Jaccard, only the numbers differ', () => {
    const month = (m: number) => fixture('www.cac.gov.cn', (a) => a.title.startsWith(`${m}月份全国受理网络违法`));
    const [mar, apr, may] = [month(3), month(4), month(5)];
    const j = (a: DedupeItem, b: DedupeItem) => exactJ(normalizeBody(a.bodyText), normalizeBody(b.bodyText));
    expect(j(apr, mar)).toBeGreaterThan(0.95); // even 1.7亿件 is the same: only 3月 / 4月 differ
    expect(j(may, apr)).toBeGreaterThan(0.85);
    expect(findDuplicates([mar, apr, may])).toEqual([]);
    // Without the number check the threshold alone would merge all three.
    expect(findDuplicates([mar, apr, may], { minNumberAgreement: 0 })).toHaveLength(3);
  });
  it('agrees with nearDuplicate on the whole CAC + cnr + NDA corpus, whatever the order', () => {
    const items = Object.keys(BODY).flatMap((host) =>
      expectedArticles(host).flatMap((a) => [a.url, ...a.aliasUrls].map((url) => pageItem(host, a, url))),
    );
    expect(items.length).toBeGreaterThan(170);
    const pairs = findDuplicates(items);
    expect(pairs.map((p) => p.reason).sort()).toEqual(['same-body', 'same-body', 'same-body', 'same-url', 'same-url']);
    for (const p of pairs)
      expect(
        nearDuplicate(
          items.find((i) => i.id === p.a)!,
          items.find((i) => i.id === p.b)!,
        )?.reason,
      ).toBe(p.reason);
    const all = items.flatMap((a, i) => items.slice(i + 1).flatMap((b) => nearDuplicate(a, b) ?? []));
    expect(
      clusters(
        pairs,
        items.map((i) => i.id),
      ),
    ).toEqual(
      clusters(
        all,
        items.map((i) => i.id),
      ),
    );
    expect(findDuplicates([...items].reverse())).toEqual(pairs);
  });
});

describe('headline-only items and titles', () => {
  const slice = (file: string) => {
    const xml = readFileSync(`${SITES}www.reuters.com/_sitemaps/${file}`, 'utf8');
    const parsed = parseSitemapXml(xml, file);
    if (parsed.kind !== 'urlset') throw new Error('not a urlset');
    return parsed.entries.map((e, i) => headline(`${file}#${i}`, e.title!, e.publicationDate!, e.loc!));
  };
  const small = slice('news-sitemap-from-0.xml');
  const large = slice('news-sitemap-from-0-size-100.xml');

  it('pairs the same Reuters entry seen in two sitemap slices, and nothing else', () => {
    const pairs = findDuplicates([...small, ...large]);
    expect(pairs).toHaveLength(50);
    expect(pairs.every((p) => p.reason === 'same-url' && p.a.split('#')[0] !== p.b.split('#')[0])).toBe(true);
  });
  it('pairs them on title and date alone when the URLs differ', () => {
    const moved = large.map((h) => ({ ...h, url: `${h.url}?v=${h.id}` }));
    const pairs = findDuplicates([...small, ...moved]);
    expect(pairs).toHaveLength(50);
    expect(pairs.every((p) => p.reason === 'similar-title-and-date' && p.similarity === 1)).toBe(true);
  });
  it('needs a near-identical title within 36 hours', () => {
    const t = 'Goldman Sachs pushes Fed rate-cut call to 2027 on strong US jobs data';
    const at = '2026-06-07T23:18:42.517Z';
    expect(nearDuplicate(headline('a', t, at), headline('b', `UPDATE 1-${t}`, '2026-06-08T20:00:00Z'))?.reason).toBe(
      'similar-title-and-date',
    );
    expect(nearDuplicate(headline('a', t, at), headline('b', t, '2026-06-09T12:00:00Z'))).toBeUndefined(); // 37 h
    expect(nearDuplicate(headline('a', t, null), headline('b', t, at))).toBeUndefined();
    const banks = 'Wall Street banks scale back Fed rate-cut forecasts after payrolls surprise';
    expect(nearDuplicate(headline('a', t, at), headline('b', banks, at))).toBeUndefined();
  });
  it('compares Chinese titles on bigrams after width, quotes and 《》', () => {
    expect(
      titleSimilarity('国家数据局发布《数字中国发展报告（2025年）》', '国家数据局发布“数字中国发展报告(２０２５年)”'),
    ).toBe(1);
    expect(
      titleSimilarity('3月份全国受理网络违法和不良信息举报1.7亿件', '4月份全国受理网络违法和不良信息举报1.7亿件'),
    ).toBeGreaterThan(0.9);
    expect(titleSimilarity('数据要素', 'Data elements')).toBe(0);
  });
  it('never matches short bodies on body alone, and never a derived item (一图读懂｜X) on its title', () => {
    const short = (id: string, url: string, at: string) => ({
      ...headline(id, `标题${id}`, at, url),
      bodyText: '国家数据局召开数据标注产业发展推进会。',
    });
    expect(
      findDuplicates([
        short('a', 'https://x.cn/1', '2026-06-01T00:00:00Z'),
        short('b', 'https://x.cn/2', '2026-06-09T00:00:00Z'),
      ]),
    ).toEqual([]);
    const plan = fixture('www.nda.gov.cn', byUrl('tzgg/0608/'));
    const infographic = pageItem(
      'www.nda.gov.cn',
      expectedArticles('www.nda.gov.cn').find(byUrl('zcjd/0609/2026060909'))!,
    );
    expect(normalizeBody(infographic.bodyText)).toBe('');
    expect(titleSimilarity(plan.title, infographic.title)).toBeGreaterThan(0.9);
    expect(findDuplicates([plan, infographic])).toEqual([]);
  });
  it('rejects duplicate ids', () => {
    expect(() => findDuplicates([headline('a', 'x', null), headline('a', 'y', null)])).toThrow(/duplicate id: a/);
  });
});

describe('clusters', () => {
  it('joins transitively with the smallest id as root, whatever the order', () => {
    const pairs = [
      { a: 'd', b: 'c' },
      { a: 'c', b: 'b' },
      { a: 'x', b: 'y' },
    ];
    const expected = new Map([
      ['b', 'b'],
      ['c', 'b'],
      ['d', 'b'],
      ['x', 'x'],
      ['y', 'x'],
      ['z', 'z'],
    ]);
    expect(clusters(pairs, ['z', 'd', 'c', 'b', 'x', 'y'])).toEqual(expected);
    expect(new Map([...clusters([...pairs].reverse(), ['z'])].sort())).toEqual(new Map([...expected].sort()));
  });
});
