import { Command, Option } from 'commander';
import { configFields, configTableMarkdown, type ConfigKey } from '../../core/config.js';
import { createContext } from '../context.js';
import { jsonOption, writeJson } from '../output.js';

/** `sourcecheck config`: the effective configuration and where each value came from. */
export function configCommand(): Command {
  return new Command('config')
    .description('show the effective configuration and where each value came from')
    .addOption(jsonOption())
    .addOption(new Option('--markdown', 'print the documentation table of every setting (as in the README)'))
    .action((opts: { json?: boolean; markdown?: boolean }, cmd: Command) => {
      const ctx = createContext(cmd);
      if (opts.markdown) return ctx.out(`${configTableMarkdown()}\n`);
      const rows = (Object.keys(configFields) as ConfigKey[]).map((key) => ({
        key,
        env: configFields[key].env,
        value: key === 'databaseUrl' ? redact(ctx.config[key]) : (ctx.config[key] ?? null),
        origin: ctx.origins[key],
      }));
      if (opts.json) return writeJson(ctx, { file: ctx.file ?? null, settings: rows });
      ctx.out(`config file: ${ctx.file ?? '(none)'}\n`);
      for (const r of rows) ctx.out(`${r.key.padEnd(20)} ${String(r.value ?? '(unset)').padEnd(40)} ${r.origin}\n`);
    });
}

function redact(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}
