import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseHostMap } from '../crawlers/fetch/host-map.js';
import { LOG_LEVELS } from './log.js';
import { BadInputError } from './errors.js';

/**
 * Configuration, declared once: each entry is a zod schema (with its default), the environment
 * variable that sets it, the CLI flag that sets it, and a line of documentation.
 *
 * Precedence, highest first: **CLI flags > environment variables > config file > defaults**.
 * The config file is `sourcecheck.config.json` in the working directory (optional), or the
 * path given by `--config` / `SOURCECHECK_CONFIG` (then it must exist). Its keys are the names
 * below. The README's configuration table is rendered from this object by
 * {@link configTableMarkdown}, and a test keeps the two in step.
 */
export const configFields = {
  databaseUrl: field(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
    'DATABASE_URL',
    '--database-url <url>',
    'PostgreSQL connection string. Unset: the embedded PGlite database in `dataDir`.',
  ),
  dataDir: field(
    z.string().min(1).default('./data/pglite'),
    'SOURCECHECK_DATA_DIR',
    '--data-dir <dir>',
    'Folder of the embedded PGlite database (used when `databaseUrl` is unset). `memory://` keeps it in memory.',
  ),
  dbConnectTimeoutMs: field(
    z.coerce.number().int().min(100).max(120_000).default(5000),
    'SOURCECHECK_DB_CONNECT_TIMEOUT_MS',
    '--db-connect-timeout-ms <ms>',
    'How long to wait for PostgreSQL to accept a connection before giving up (exit 4).',
  ),
  hostMap: field(
    z.string().default('').superRefine(refineHostMap),
    'SOURCECHECK_HOST_MAP',
    '--host-map <map>',
    'Send requests for a host to a mirror, `host=http://127.0.0.1:PORT,...`; stored URLs stay real.',
  ),
  delayMs: field(
    z.coerce.number().int().min(0).max(600_000).default(1000),
    'SOURCECHECK_DELAY_MS',
    '--delay-ms <ms>',
    'Minimum time between two requests to the same host (a robots.txt Crawl-delay can raise it).',
  ),
  maxPages: field(
    z.coerce.number().int().min(1).max(10_000).default(50),
    'SOURCECHECK_MAX_PAGES',
    '--max-pages <n>',
    'Most list, API or sitemap pages followed per discovery entry of a source.',
  ),
  requestTimeoutMs: field(
    z.coerce.number().int().min(1000).max(600_000).default(30_000),
    'SOURCECHECK_REQUEST_TIMEOUT_MS',
    '--request-timeout-ms <ms>',
    'Whole-request timeout, connection to last byte.',
  ),
  maxRetries: field(
    z.coerce.number().int().min(0).max(10).default(3),
    'SOURCECHECK_MAX_RETRIES',
    '--max-retries <n>',
    'Retries of a failed request (429, 5xx, timeouts), with Retry-After or exponential backoff and jitter.',
  ),
  maxBodyBytes: field(
    z.coerce
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    'SOURCECHECK_MAX_BODY_BYTES',
    '--max-body-bytes <n>',
    'Largest response body read; a larger one is recorded as an error and not parsed.',
  ),
  contactUrl: field(
    z.union([z.literal(''), z.url()]).default(''),
    'SOURCECHECK_CONTACT_URL',
    '--contact-url <url>',
    'Contact page named in the User-Agent, so site operators can reach whoever runs the crawl.',
  ),
  sourceConcurrency: field(
    z.coerce.number().int().min(1).max(16).default(3),
    'SOURCECHECK_SOURCE_CONCURRENCY',
    '--source-concurrency <n>',
    'Sources crawled side by side (each host still gets one request at a time).',
  ),
  browserArticles: field(
    z.preprocess(coerceBoolean, z.boolean()).default(false),
    'SOURCECHECK_BROWSER_ARTICLES',
    '--browser-articles',
    'Fetch article pages that need a browser (Reuters) with Chromium, where robots.txt allows. Off: headlines only.',
  ),
  logLevel: field(
    z.enum(LOG_LEVELS).default('info'),
    'SOURCECHECK_LOG_LEVEL',
    '--log-level <level>',
    'Log detail on stderr: silent, error, warn, info or debug.',
  ),
} as const;

/** A config key, e.g. `dataDir`. */
export type ConfigKey = keyof typeof configFields;
/** The validated, frozen configuration. */
export type Config = Readonly<{ [K in ConfigKey]: z.output<(typeof configFields)[K]['schema']> }>;
/** Where each value came from, for `sourcecheck config` and error messages. */
export type ConfigOrigin = 'flag' | 'env' | 'file' | 'default';

/** Inputs to {@link loadConfig}: flags as parsed by the CLI (camelCase keys), env, cwd. */
export interface ConfigSources {
  flags?: Partial<Record<ConfigKey, unknown>> & { config?: string };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The resolved configuration plus the origin of every value and the file read, if any. */
export interface LoadedConfig {
  config: Config;
  origins: Readonly<Record<ConfigKey, ConfigOrigin>>;
  file: string | undefined;
}

/** Resolve, validate and freeze the configuration. Throws `BadInputError` (exit 3) naming the key. */
export function loadConfig(sources: ConfigSources = {}): LoadedConfig {
  const env = sources.env ?? process.env;
  const flags = sources.flags ?? {};
  const { values: fileValues, path: file } = readConfigFile(flags.config ?? env.SOURCECHECK_CONFIG, sources.cwd);
  const config: Record<string, unknown> = {};
  const origins = {} as Record<ConfigKey, ConfigOrigin>;
  for (const key of Object.keys(configFields) as ConfigKey[]) {
    const spec = configFields[key];
    const [raw, origin] = pickValue(flags[key], emptyToUndefined(env[spec.env]), fileValues[key]);
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const where = origin === 'flag' ? spec.flag.split(' ')[0] : origin === 'env' ? spec.env : `${key} in ${file}`;
      throw new BadInputError(`invalid configuration ${where}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    config[key] = parsed.data;
    origins[key] = origin;
  }
  return { config: Object.freeze(config) as Config, origins: Object.freeze(origins), file };
}

function pickValue(flag: unknown, env: unknown, file: unknown): [unknown, ConfigOrigin] {
  if (flag !== undefined) return [flag, 'flag'];
  if (env !== undefined) return [env, 'env'];
  if (file !== undefined) return [file, 'file'];
  return [undefined, 'default'];
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function readConfigFile(
  explicit: string | undefined,
  cwd = process.cwd(),
): { values: Record<string, unknown>; path: string | undefined } {
  const path = resolve(cwd, explicit ?? 'sourcecheck.config.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if (explicit === undefined && (cause as NodeJS.ErrnoException).code === 'ENOENT')
      return { values: {}, path: undefined };
    throw new BadInputError(`cannot read config file ${path}: ${(cause as Error).message}`, { cause });
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (cause) {
    throw new BadInputError(`config file ${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new BadInputError(`config file ${path} must hold a JSON object`);
  }
  const unknownKey = Object.keys(values).find((k) => !(k in configFields));
  if (unknownKey) throw new BadInputError(`config file ${path}: unknown key "${unknownKey}"`);
  return { values: values as Record<string, unknown>, path };
}

function refineHostMap(value: string, ctx: z.RefinementCtx): void {
  try {
    parseHostMap(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
}

/** Env and file values arrive as strings: `1`/`true`/`yes` and `0`/`false`/`no`. */
function coerceBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
}

function field<S extends z.ZodType>(schema: S, env: string, flag: string, description: string) {
  return { schema, env, flag, description };
}

/** The default of a key as the README shows it. */
export function defaultText(key: ConfigKey): string {
  const parsed = configFields[key].schema.safeParse(undefined);
  return parsed.success && parsed.data !== undefined && parsed.data !== '' ? `\`${String(parsed.data)}\`` : '(unset)';
}

/** The configuration table of the README, rendered from {@link configFields}. */
export function configTableMarkdown(): string {
  const rows = (Object.keys(configFields) as ConfigKey[]).map((key) => {
    const { env, flag, description } = configFields[key];
    return `| \`${key}\` | \`${env}\` | \`${flag}\` | ${defaultText(key)} | ${description} |`;
  });
  return ['| Key | Environment variable | Flag | Default | Meaning |', '| --- | --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}
