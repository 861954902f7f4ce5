import { BadInputError } from '../../core/errors.js';
import { findSource, sourceRegistry } from '../../crawlers/sources/index.js';
import type { SourceDefinition } from '../../crawlers/sources/schema.js';
import { parseDateText } from '../../pipeline/dates/candidates.js';

/** Sources named by `--source a,b` (all when absent). Unknown ids are bad input (exit 3). */
export function selectSources(spec: string | undefined): SourceDefinition[] {
  if (!spec) return [...sourceRegistry];
  return spec.split(',').map((raw) => {
    const id = raw.trim();
    const source = findSource(id);
    if (!source)
      throw new BadInputError(`unknown source "${id}" (known: ${sourceRegistry.map((s) => s.id).join(', ')})`);
    return source;
  });
}

/** `--since YYYY-MM-DD` (or any date form sourcecheck reads) as the start of that day in Beijing. */
export function parseSince(text: string): Date {
  const parsed = parseDateText(text);
  if (!parsed) throw new BadInputError(`--since: expected a date such as 2026-06-01, got "${text}"`);
  return new Date(parsed.at);
}

/** `--now <time>`: an ISO 8601 instant or a date sourcecheck reads (Beijing time), for replays and demos. */
export function parseNow(text: string): Date {
  const parsed = parseDateText(text);
  if (!parsed) throw new BadInputError(`--now: expected a time such as 2026-06-09T06:00:00+08:00, got "${text}"`);
  return new Date(parsed.at);
}
