import { createRequire } from 'node:module';
import { keywordsIn } from './topics.js';
import type { ModelSummary, TermWeight } from './types.js';

/** One training example: a text's words and whether it is on the digest's beat. */
export interface Example {
  tokens: readonly string[];
  label: 'relevant' | 'irrelevant';
}

/** A story's relevance: P(relevant) rounded for display, its top terms, and the log-odds to sort on. */
export interface Scored {
  score: number;
  topTerms: TermWeight[];
  logOdds: number;
}

/** The slice of natural's BayesClassifier this model uses. */
interface NaturalBayes {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  getClassifications(tokens: string[]): { label: string; value: number }[];
}

// natural's main entry runs dotenv and prints to stdout: load the one module we need by path.
const require = createRequire(import.meta.url);
const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => NaturalBayes;

/** Most words of a story the model looks at: title and snippet, enough and short of underflow. */
const MAX_TOKENS = 40;

/**
 * The desk's relevance model: natural's naive Bayes classifier trained on the words of past
 * references and of editors' decisions, giving P(relevant) for a story. Beside it the model
 * keeps each word's document counts per class, to explain a score by the words with the
 * largest log-likelihood ratio log P(w | relevant) / P(w | irrelevant) — natural does not
 * expose per-word contributions.
 */
export class RelevanceModel {
  private readonly bayes: NaturalBayes | undefined;
  private readonly df = { relevant: new Map<string, number>(), irrelevant: new Map<string, number>() };
  readonly summary: ModelSummary;

  private constructor(examples: readonly Example[]) {
    const relevant = examples.filter((e) => e.label === 'relevant').length;
    const twoClasses = relevant > 0 && relevant < examples.length;
    this.summary = {
      examples: examples.length,
      relevant,
      irrelevant: examples.length - relevant,
      method: examples.length === 0 ? 'topic-keywords' : twoClasses ? 'naive-bayes' : 'word-ratios',
    };
    for (const e of examples)
      for (const w of new Set(e.tokens)) this.df[e.label].set(w, (this.df[e.label].get(w) ?? 0) + 1);
    // Naive Bayes needs both classes; with one, scores fall back to the word ratios alone.
    if (!twoClasses) return;
    this.bayes = new BayesClassifier();
    // natural's naive Bayes scores a word it never saw in a class by smoothing / class size, so
    // the smaller class would win on every unknown word: repeat the smaller class's examples
    // until both weigh about the same (oversampling; nothing is thrown away).
    const irrelevant = examples.length - relevant;
    const repeat = {
      relevant: Math.max(1, Math.round(irrelevant / relevant)),
      irrelevant: Math.max(1, Math.round(relevant / irrelevant)),
    };
    for (const e of examples) for (let k = 0; k < repeat[e.label]; k++) this.bayes.addDocument(clip(e.tokens), e.label);
    this.bayes.train();
  }

  /** Train on `examples` (may be empty: scores then come from the topic-keyword rule). */
  static train(examples: readonly Example[]): RelevanceModel {
    return new RelevanceModel(examples);
  }

  /**
   * P(relevant) of a text's words, 0..1 (rounded), the words that pushed it up most, and the
   * unrounded log-odds: naive Bayes saturates at 1.000 for long on-beat texts, and the log-odds
   * still order those, so rankings sort on it.
   */
  score(tokens: readonly string[]): Scored {
    const words = clip(tokens);
    if (this.summary.examples === 0) return keywordScore(words);
    // Only words the desk marked relevant explain a score: an unseen word's smoothed ratio is
    // not zero when the classes differ in size, but it says nothing about the beat.
    const topTerms = [...new Set(words)]
      .filter((term) => this.df.relevant.has(term))
      .map((term) => ({ term, weight: round(this.weight(term)) }))
      .filter((t) => t.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
      .slice(0, 5);
    const logOdds = this.logOdds(words);
    return { score: round(1 / (1 + Math.exp(-logOdds))), topTerms, logOdds };
  }

  /** Log-likelihood ratio of one word, with add-one smoothing on document counts. */
  weight(term: string): number {
    const { relevant, irrelevant } = this.summary;
    if (relevant === 0) return 0;
    const pr = ((this.df.relevant.get(term) ?? 0) + 1) / (relevant + 2);
    const pi = ((this.df.irrelevant.get(term) ?? 0) + 1) / (irrelevant + 2);
    return Math.log(pr / pi);
  }

  /** log P(relevant | words) / P(irrelevant | words), from natural's classifier when it has both classes. */
  private logOdds(words: string[]): number {
    if (this.bayes) {
      const values = new Map(this.bayes.getClassifications(words).map((c) => [c.label, c.value]));
      const r = values.get('relevant') ?? 0;
      const i = values.get('irrelevant') ?? 0;
      if (r > 0 && i > 0) return Math.log(r) - Math.log(i);
    }
    // One class only (or underflow): the summed word ratios.
    return words.reduce((s, w) => s + this.weight(w), 0);
  }
}

/**
 * The rule for a desk that has taught nothing yet (no digest stored, no decision taken): the
 * digest's beat is its topics, so a story scores by how many distinct topic keywords its words
 * contain, k / (k + 2) — 0 for none, 0.5 for two, never 1 — and those keywords are its terms.
 * Crude, but every score can be checked by eye, and the first digest or decision replaces it.
 */
function keywordScore(words: readonly string[]): Scored {
  // Words joined by spaces: a keyword matches inside a word, never across two.
  const hits = keywordsIn(words.join(' '));
  const topTerms = hits.slice(0, 5).map((term) => ({ term, weight: 1 }));
  return { score: round(hits.length / (hits.length + 2)), topTerms, logOdds: Math.log(hits.length / 2) };
}

function clip(tokens: readonly string[]): string[] {
  return tokens.slice(0, MAX_TOKENS);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
