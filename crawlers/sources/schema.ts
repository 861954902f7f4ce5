import { z } from 'zod';
import { DATE_KINDS } from '../../pipeline/dates/candidates.js';

const selectorList = z
  .array(z.string().min(1))
  // An empty fallback list would silently match nothing (trafilatura's `_alt` lesson).
  .min(1, 'a selector list needs at least one selector');

/** A page a crawl starts from. */
const discoveryEntry = z.strictObject({
  /** What this entry covers, e.g. `政策发布 zwgk/zcfb`. */
  name: z.string().min(1),
  url: z.url(),
  label: z.enum(['LIST', 'API', 'SITEMAP']),
  method: z.enum(['GET', 'POST']).default('GET'),
  form: z.record(z.string(), z.string()).optional(),
  /**
   * What the parser is told this start page is (`userData.extra.role`). The request says it, not
   * the URL: a start page may redirect (人民日报's index answers 302 with the latest issue's page).
   */
  role: z
    .string()
    .regex(/^[a-z-]+$/)
    .optional(),
});

/** A site peculiarity the code works around, as data, with the reason it exists. */
const quirk = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  reason: z.string().min(10),
});

/**
 * The shape every source file in this folder must have. Validated at load with a strict
 * schema, so a typo in a key fails at start instead of silently doing nothing.
 */
export const sourceSchema = z.strictObject({
  /** Stable id used in the CLI, the database and reports: lower-case letters. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** The outlet's usual name, as the digest writes it. */
  name: z.string().min(1),
  /**
   * Every other name a digest may use for this outlet (Chinese, English, short forms, the
   * site's own brand). The verifier matches reference outlets against `name` + `aliases`.
   */
  aliases: z.array(z.string().min(1)),
  /** Hosts the crawler may fetch from; it never follows a link off these hosts. */
  hosts: z.array(z.string().regex(/^[a-z0-9.-]+$/)).min(1),
  /** One line on what is crawled and from where, for `sourcecheck sources`. */
  description: z.string().min(1),
  /** Where a crawl starts. */
  discovery: z.array(discoveryEntry).min(1),
  /** Named CSS selector lists, each tried in order (current layout first, older ones after). */
  selectors: z.record(z.string(), selectorList),
  /** Date kinds in the order they are trusted, e.g. `['meta', 'list', 'url']`. */
  datePrecedence: z.array(z.enum(DATE_KINDS)).min(1),
  /** How the native id is read from an article URL: the first capture group of `pattern`. */
  nativeId: z.strictObject({ pattern: z.instanceof(RegExp), note: z.string().min(1) }),
  /** Per-source politeness overrides (defaults come from the configuration). */
  politeness: z
    .strictObject({
      delayMs: z.number().int().min(0).optional(),
      concurrency: z.number().int().min(1).max(4).optional(),
    })
    .default({}),
  /** `never`: HTTP only; `optional`: article pages only through a browser and only when enabled. */
  browser: z.enum(['never', 'optional']).default('never'),
  /** Times are published in UTC (a reference may then cite the UTC day of an item). */
  publishesInUtc: z.boolean().default(false),
  /** How often new items normally appear, for the source-health check. */
  expectedCadenceHours: z.number().positive(),
  quirks: z.array(quirk).default([]),
});

/** A source definition as written in a source file (before defaults are applied). */
export type SourceInput = z.input<typeof sourceSchema>;
/** A validated source definition. */
export type SourceDefinition = z.output<typeof sourceSchema>;
