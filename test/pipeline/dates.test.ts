import { describe, expect, it } from 'vitest';
import { dateCandidate, parseDateText, shanghaiDay, type DateCandidate } from '../../pipeline/dates/candidates.js';
import { chooseDate } from '../../pipeline/dates/choose.js';
import { dateInText, documentDate } from '../../pipeline/dates/text-dates.js';
import { conflicts, refuseImpossible } from '../../pipeline/dates/validate.js';

describe('date forms on the sources', () => {
  const cases: [string, string, string][] = [
    ['2026.06.08', '2026-06-08T00:00:00+08:00', 'day'], // NDA list and PubDate
    ['2026.05.19 19:46', '2026-05-19T19:46:00+08:00', 'minute'], // NDA PubDate with a time
    ['2026-06-08', '2026-06-08T00:00:00+08:00', 'day'], // CAC .times, MEE span.date
    ['2026-06-08 10:30', '2026-06-08T10:30:00+08:00', 'minute'],
    ['2020-02-20 17:27:30', '2020-02-20T17:27:30+08:00', 'second'], // CAC 2020 layout
    ['2026-06-05-17:30:12', '2026-06-05T17:30:12+08:00', 'second'], // gov.cn firstpublishedtime
    ['2026年09月18日 17:00', '2026-09-18T17:00:00+08:00', 'minute'], // CAC #pubtime
    ['2026年6月8日', '2026-06-08T00:00:00+08:00', 'day'], // body text
    ['2024年04月24日23:52', '2024-04-24T23:52:00+08:00', 'minute'], // people.com.cn
    ['2026-06', '2026-06-01T00:00:00+08:00', 'month'], // a month-only reference
    ['2026年6月', '2026-06-01T00:00:00+08:00', 'month'],
    ['2026-06-07T23:18:42.517Z', '2026-06-07T23:18:42.517Z', 'second'], // Reuters sitemap, UTC kept
    ['2024-03-07T07:55:25Z', '2024-03-07T07:55:25Z', 'second'], // JSON-LD datePublished
    ['2026-06-08T10:30:00+08:00', '2026-06-08T10:30:00+08:00', 'second'],
  ];
  for (const [raw, at, precision] of cases) {
    it(`reads ${raw}`, () => {
      const parsed = parseDateText(raw);
      expect(parsed?.precision).toBe(precision);
      expect(new Date(parsed!.at).toISOString()).toBe(new Date(at).toISOString());
    });
  }

  it('refuses text that is no date, or an impossible one', () => {
    for (const raw of ['2026-02-30', '2026.13.01', '六月八日', '', 'c_1791482017777471', '2026-06-08 25:00']) {
      expect(parseDateText(raw), raw).toBeUndefined();
    }
  });
});

describe('time zones: the digest day is Beijing time', () => {
  it('puts a UTC evening on the next Beijing day', () => {
    expect(shanghaiDay('2026-06-07T23:18:42Z')).toBe('2026-06-08');
    expect(shanghaiDay('2026-06-08T15:59:59Z')).toBe('2026-06-08');
    expect(shanghaiDay('2026-06-08T16:00:00Z')).toBe('2026-06-09');
    expect(shanghaiDay('2026-06-08T00:00:00+08:00')).toBe('2026-06-08');
  });

  it('keeps Chinese day dates at Beijing midnight, not UTC midnight', () => {
    expect(new Date(parseDateText('2026-06-08')!.at).toISOString()).toBe('2026-06-07T16:00:00.000Z');
  });
});

describe('dates in visible text', () => {
  it('reads labelled, e-paper and English forms', () => {
    expect(dateInText('发布时间：2026-06-08 10:30 来源：国家数据局')?.at).toBe('2026-06-08T10:30:00+08:00');
    expect(dateInText('人民日报（2026年05月29日 05版）')?.precision).toBe('day');
    expect(dateInText('（2026年05月29日 05版）')?.at).toBe('2026-05-29T00:00:00+08:00');
    expect(dateInText('国家数据局 6 月 8 日发布，2026年6月8日')?.at).toBe('2026-06-08T00:00:00+08:00');
    expect(dateInText('March 7, 2024 / 7:55 AM UTC')?.at).toBe('2024-03-07T07:55:00Z');
    expect(dateInText('April 25, 2023 / 2:26 PM GMT+2')?.at).toBe('2023-04-25T12:26:00Z');
    expect(dateInText('no date here')).toBeUndefined();
  });

  it('finds the document (signing) date at the end of a body', () => {
    expect(documentDate('正文……\n国家数据局\n2026年6月3日')?.at).toBe('2026-06-03T00:00:00+08:00');
    expect(documentDate('正文提到2026年6月3日的会议。\n（完）')).toBeUndefined();
  });
});

describe('choosing the publication date', () => {
  const c = (kind: DateCandidate['kind'], raw: string) => dateCandidate(kind, kind, raw)!;
  const now = new Date('2026-06-09T12:00:00+08:00');

  it('follows the source precedence, and precision within a kind', () => {
    const chosen = chooseDate(
      [c('url', '2026-06-08'), c('list', '2026.06.08'), c('meta', '2026.06.08')],
      ['meta', 'list', 'url'],
      now,
    );
    expect(chosen.evidence.chosen?.kind).toBe('meta');
    const precise = chooseDate([c('page', '2026-06-08'), c('page', '2026-06-08 10:30')], ['page'], now);
    expect(precise.precision).toBe('minute');
  });

  it('refuses future and pre-1995 dates, and never invents one', () => {
    const chosen = chooseDate([c('meta', '2027-01-01'), c('list', '2026.06.08')], ['meta', 'list'], now);
    expect(chosen.publishedAt).toBe('2026-06-08T00:00:00+08:00');
    expect(chosen.evidence.rejected[0]?.reason).toMatch(/future/);
    const none = chooseDate([c('meta', '1990-01-01')], ['meta'], now);
    expect([none.publishedAt, none.precision]).toEqual([null, null]);
    expect(none.evidence.reason).toMatch(/impossible/);
    expect(chooseDate([], ['meta'], now).evidence.reason).toBe('no date found on the page or its list');
    expect(refuseImpossible([c('meta', '2026-06-10')], now).kept).toHaveLength(1); // tomorrow is allowed (time zones)
  });

  it('flags strong signals that disagree by more than a day', () => {
    expect(conflicts([c('meta', '2013-07-17'), c('page', '2026-07-29')])).toHaveLength(1);
    expect(conflicts([c('meta', '2026.06.08'), c('list', '2026-06-09')])).toEqual([]);
    expect(conflicts([c('meta', '2026.06.08'), c('url', '2026-07-04')])).toEqual([]); // URL folders are weak
  });
});
