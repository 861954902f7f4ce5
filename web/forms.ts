/**
 * Request bodies of the editors' page: only `application/x-www-form-urlencoded` forms, read with
 * a byte cap and decoded strictly (bad percent-escapes, invalid UTF-8 and repeated fields are
 * refused with a 400 instead of being "repaired" into text nobody typed). An uploaded digest
 * arrives base64-encoded in a form field (see pages/digest.ts), so no multipart parser is needed.
 */
import type { IncomingMessage } from 'node:http';

/** Body cap of ordinary forms (a review, a name). */
export const FORM_LIMIT = 64 * 1024;

/** A request the server refuses with `status` and a one-line `message` shown to the editor. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** The fields of a decoded form; each name appears at most once. */
export type FormFields = ReadonlyMap<string, string>;

// How much of an oversize body is drained before the socket is dropped: draining lets the
// client read the 400 instead of a reset, without letting a client stream gigabytes at us.
const DRAIN_FACTOR = 4;

/** Read the whole body, at most `limit` bytes; a larger body is a {@link RequestError}. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit * DRAIN_FACTOR) {
      req.destroy();
      break;
    }
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit || declared > limit)
    throw new RequestError(400, `request body too large: over ${limit} bytes (nothing was stored)`);
  return Buffer.concat(chunks);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeComponent(raw: string): string {
  // `+` is a space in forms; decodeURIComponent throws on a broken %-escape or invalid UTF-8.
  return decodeURIComponent(raw.replace(/\+/g, ' '));
}

/** Parse a urlencoded body strictly. */
export function parseUrlencoded(body: Buffer): FormFields {
  let text: string;
  try {
    text = STRICT_UTF8.decode(body);
  } catch {
    throw new RequestError(400, 'malformed form: the body is not valid UTF-8');
  }
  const fields = new Map<string, string>();
  if (text === '') return fields;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
      value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    } catch {
      throw new RequestError(400, 'malformed form: a broken %-escape in the body');
    }
    if (fields.has(name)) throw new RequestError(400, `malformed form: field "${name}" given twice`);
    fields.set(name, value);
  }
  return fields;
}

/** Read and parse a form POST; anything but a urlencoded body is a 400. */
export async function readForm(req: IncomingMessage, limit = FORM_LIMIT): Promise<FormFields> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    // Drain so the client can read our answer; the cap still applies.
    await readBody(req, limit).catch(() => undefined);
    throw new RequestError(
      400,
      `expected a form (application/x-www-form-urlencoded), got ${type || 'no content type'}`,
    );
  }
  return parseUrlencoded(await readBody(req, limit));
}

/** A required field, trimmed; a missing or empty one is a 400 naming it. */
export function requiredField(fields: FormFields, name: string, maxLength: number): string {
  const value = optionalField(fields, name, maxLength);
  if (value === null) throw new RequestError(400, `missing form field "${name}"`);
  return value;
}

/** An optional field, trimmed, or null when absent or blank; longer than `maxLength` is a 400. */
export function optionalField(fields: FormFields, name: string, maxLength: number): string | null {
  const value = fields.get(name)?.trim();
  if (value === undefined || value === '') return null;
  if (value.length > maxLength)
    throw new RequestError(400, `form field "${name}" is longer than ${maxLength} characters`);
  return value;
}
