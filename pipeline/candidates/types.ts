import type { ReviewDecision } from '../../db/tables/review.table.js';

/** One copy of a candidate story (the original or a repost). */
export interface CandidateLink {
  source: string;
  sourceName: string;
  url: string;
  title: string;
  /** ISO 8601 with offset, or null when undated. */
  publishedAt: string | null;
  original: boolean;
}

/** The newest editor decision on a story. */
export interface CandidateReview {
  decision: ReviewDecision;
  reviewer: string;
  note: string | null;
  /** ISO 8601. */
  at: string;
}

/** A term that pushed a story's relevance score, with its weight in the model. */
export interface TermWeight {
  term: string;
  weight: number;
}

/** One row of the candidates report: a story with every copy folded in. */
export interface Candidate {
  storyId: string;
  title: string;
  /** How the digest names the outlet: `国家数据局`, or `中央网信办 / 央广网` for a repost. */
  outlet: string;
  /** Source id of the original copy. */
  sourceId: string;
  /** Publication time of the original in Beijing time (ISO 8601 with +08:00), or null. */
  publishedAt: string | null;
  /** YYYY-MM-DD in Asia/Shanghai, or null. */
  publishedDate: string | null;
  /** When sourcecheck first stored the story (ISO 8601). */
  firstSeenAt: string;
  /** The first ~120 characters of the original's text. */
  snippet: string;
  links: CandidateLink[];
  topics: string[];
  /** Relevance to the digest's beat, 0..1. */
  score: number;
  topTerms: TermWeight[];
  review: CandidateReview | null;
  /** The exact reference line the digest needs: `来源：…；标题：…；日期：…；用途：`. */
  referenceLine: string;
}

/** Which stories to list. */
export interface CandidateFilter {
  /** Stories first seen at or after this instant. */
  since: Date;
  until?: Date;
  sourceIds?: readonly string[];
  /** A topic id from `topics.ts`. */
  topic?: string;
  /** Only stories whose newest decision is this; `none` for undecided. */
  decision?: ReviewDecision | 'none';
  limit?: number;
}

/** What the relevance model was trained on, shown with every report. */
export interface ModelSummary {
  examples: number;
  relevant: number;
  irrelevant: number;
  /**
   * What produced the scores: natural's naive Bayes (both classes taught), the word ratios alone
   * (one class only), or the topic-keyword rule (nothing taught yet, `examples` is 0).
   */
  method?: 'naive-bayes' | 'word-ratios' | 'topic-keywords';
}

/** A candidates report: the window, the model and the ranked rows. */
export interface CandidateList {
  since: string;
  generatedAt: string;
  model: ModelSummary;
  candidates: Candidate[];
  /** Set when there is nothing to list because nothing was ever crawled (point the user to `crawl`). */
  emptyReason?: 'no-articles';
}
