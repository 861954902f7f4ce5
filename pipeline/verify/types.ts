/**
 * The verifier's contract (issue #5): a parsed digest, the check of each reference, the check
 * of each claim, and the report every formatter renders. JSON output is this shape, so field
 * names here are an interface scripts rely on: add, never rename.
 */
import type { OutletMatch } from './outlet-match.js';

import type { VerificationStatus } from '../../db/tables/digest.table.js';

export type { VerificationStatus };

/** The closed set of reference statuses, in report order. */
export const VERIFICATION_STATUSES: readonly VerificationStatus[] = [
  'verified',
  'date_mismatch',
  'title_mismatch',
  'outlet_mismatch',
  'ambiguous',
  'not_found',
  'unverifiable',
];

/** A date as a reference gives it, at its own precision. */
export interface ReferenceDate {
  /** As written: `2026-06-08`, `2026-06`, `2026年6月8日`, `2026.06.08`. */
  text: string;
  precision: 'day' | 'month' | 'year';
  /** Normalised: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  value: string;
}

/** One numbered entry of the reference list. */
export interface DigestReference {
  /** The number the digest gives it (1-based). */
  index: number;
  /** 1-based line in the digest file. */
  line: number;
  raw: string;
  /** Outlets named in 来源 (`中央网信办 / 央广网` → two; `生态环境部转载国务院文件` → 生态环境部, 国务院). */
  outlets: string[];
  title: string | null;
  date: ReferenceDate | null;
  purpose: string | null;
}

/** A paragraph of the digest body. */
export interface DigestParagraph {
  line: number;
  text: string;
}

/** A section of the digest body, under its heading. */
export interface DigestSection {
  heading: string;
  line: number;
  paragraphs: DigestParagraph[];
}

/** A parsed digest file. */
export interface Digest {
  path: string;
  title: string | null;
  /** `YYYY-MM-DD` (from `2026 年 6 月 9 日`), or null. */
  issueDate: string | null;
  sections: DigestSection[];
  references: DigestReference[];
}

/** A stored article as a check reports it. */
export interface MatchedArticle {
  source: string;
  url: string;
  title: string;
  /** The outlet the page credits (来源), else the source's name. */
  outlet: string;
  /** The 来源 / ContentSource as the page writes it, or null. */
  originalSource: string | null;
  /** The issuing body (发文机关 / 发布机关 / sign-off), or null. */
  issuer: string | null;
  publishedAt: string | null;
  publishedDate: string | null;
  storyId: string | null;
}

/** Validation scores of a candidate, each 0–1. */
export interface MatchScores {
  title: number;
  date: number;
  outlet: number;
  total: number;
}

/** The check of one reference. */
export interface ReferenceCheck {
  index: number;
  line: number;
  outlets: string[];
  title: string | null;
  date: string | null;
  status: VerificationStatus;
  match: MatchedArticle | null;
  /** Which of the match's outlets the reference named: its source, its 来源, or its issuer. */
  outletMatch: OutletMatch | null;
  scores: MatchScores | null;
  runnerUp: (MatchedArticle & { scores: MatchScores }) | null;
  /** Why, for an editor (Chinese by default, English with `--lang en`). */
  reasons: string[];
}

/** What the body claims. */
export type ClaimKind = 'title' | 'date' | 'figure';
/** Whether a matched source bears a claim out. */
export type ClaimStatus = 'supported' | 'contradicted' | 'unsupported';

/** The check of one claim in the body. */
export interface ClaimCheck {
  line: number;
  section: string;
  kind: ClaimKind;
  text: string;
  status: ClaimStatus;
  /** The source sentence that supports or contradicts it, when one was found. */
  evidence: string | null;
  /** The reference whose article was searched. */
  referenceIndex: number | null;
}

/** The report of one digest. */
export interface DigestReport {
  path: string;
  title: string | null;
  issueDate: string | null;
  references: ReferenceCheck[];
  claims: ClaimCheck[];
  /** Section headings with no reference behind them. */
  unsupportedSections: string[];
  /** How many references ended in each status. */
  counts: Record<VerificationStatus, number>;
}

/** A digest that could not be read or parsed (exit 3), with the place it failed. */
export interface DigestError {
  path: string;
  line: number | null;
  message: string;
}

/** One `sourcecheck verify` run: every digest checked, every digest that failed to parse. */
export interface VerifyRun {
  /** The JSON schema version of this document. */
  schemaVersion: 1;
  generatedAt: string;
  lang: 'zh' | 'en';
  strict: boolean;
  digests: DigestReport[];
  errors: DigestError[];
  /** The exit code this run ends with (0 ok, 2 checks failed, 3 a digest unreadable). */
  exitCode: 0 | 2 | 3;
}
