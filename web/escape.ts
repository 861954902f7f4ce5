/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * {@link Html}. Pages are written only with `html\`…\``, so a crawled title containing
 * `<script>` can only ever reach the page as text: forgetting to escape is not possible.
 */
import { escapeHtml, httpUrl } from '../reports/formatters/html.js';

export { escapeHtml, httpUrl };

/** A fragment of trusted, already-escaped HTML. */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), numbers, trusted fragments, lists of these, or nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Build trusted HTML from a template; every `${value}` is escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => (out += render(v) + (strings[i + 1] ?? '')));
  return new Html(out);
}

/** Mark a string as trusted HTML. Only for markup this code wrote, never for crawled text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** A link to `url` when it is http(s); otherwise the text with the URL shown inertly beside it. */
export function externalLink(text: string, url: string): Html {
  const href = httpUrl(url);
  if (href === null) return html`${text} <span class="url">${url}</span>`;
  return html`<a href="${href}" rel="noopener noreferrer" target="_blank">${text}</a>`;
}
