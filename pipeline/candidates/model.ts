import { createRequire } from 'node:module';
import type { ModelSummary, TermWeight } from './types.js';

/** One training example: a text's words and whether it is on the digest's beat. */
export interface Example {
  tokens: readonly string[];
  label: 'relevant' | 'irrelevant';
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
    this.summary = { examples: examples.length, relevant, irrelevant: examples.length - relevant };
    for (const e of examples)
      for (const w of new Set(e.tokens)) this.df[e.label].set(w, (this.df[e.label].get(w) ?? 0) + 1);
    // Naive Bayes needs both classes; with one, scores fall back to the word ratios alone.
    if (relevant === 0 || relevant === examples.length) return;
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

  /** Train on `examples` (may be empty: every score is then 0.5 with no terms). */
  static train(examples: readonly Example[]): RelevanceModel {
    return new RelevanceModel(examples);
  }

  /** P(relevant) of a text's words, 0..1, and the words that pushed it up most. */
  score(tokens: readonly string[]): { score: number; topTerms: TermWeight[] } {
    const words = clip(tokens);
    const topTerms = [...new Set(words)]
      .map((term) => ({ term, weight: round(this.weight(term)) }))
      .filter((t) => t.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
      .slice(0, 5);
    return { score: round(this.probability(words)), topTerms };
  }

  /** Log-likelihood ratio of one word, with add-one smoothing on document counts. */
  weight(term: string): number {
    const { relevant, irrelevant } = this.summary;
    if (relevant === 0) return 0;
    const pr = ((this.df.relevant.get(term) ?? 0) + 1) / (relevant + 2);
    const pi = ((this.df.irrelevant.get(term) ?? 0) + 1) / (irrelevant + 2);
    return Math.log(pr / pi);
  }

  private probability(words: string[]): number {
    if (this.bayes) {
      const values = new Map(this.bayes.getClassifications(words).map((c) => [c.label, c.value]));
      const r = values.get('relevant') ?? 0;
      const i = values.get('irrelevant') ?? 0;
      if (r + i > 0) return r / (r + i);
    }
    // One class only (or underflow): a logistic of the summed word ratios.
    if (this.summary.examples === 0) return 0.5;
    const sum = words.reduce((s, w) => s + this.weight(w), 0);
    return 1 / (1 + Math.exp(-sum));
  }
}

function clip(tokens: readonly string[]): string[] {
  return tokens.slice(0, MAX_TOKENS);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
