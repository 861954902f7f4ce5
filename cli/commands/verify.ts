import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { SourcecheckError } from '../../core/errors.js';
import { verifyFiles } from '../../pipeline/verify/run.js';
import { getFormatter, shouldColor, type ReportFormat } from '../../reports/formatter.js';
import { createContext, withDatabase } from '../context.js';

/** Exit with the run's code after the report was written (never a second JSON document). */
class VerifyExit extends SourcecheckError {}

/** `sourcecheck verify <digest.md...>`: check every reference; exit 0, 2 (checks failed) or 3 (unreadable digest). */
export function verifyCommand(): Command {
  return new Command('verify')
    .description('verify the references of digest files against the crawled articles')
    .argument('<digests...>', 'digest Markdown files')
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(['text', 'markdown', 'json', 'junit', 'html', 'github'])
        .default('text'),
    )
    .addOption(new Option('--output <file>', 'write the report to a file instead of stdout'))
    .addOption(new Option('--lang <lang>', 'language of the reasons').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--strict', 'also fail on ambiguous and unverifiable references'))
    .addOption(new Option('--no-store', 'do not keep the results in the database (checks of drafts, CI re-runs)'))
    .action(
      async (
        paths: string[],
        opts: { format: ReportFormat; output?: string; lang: 'zh' | 'en'; strict?: boolean; store: boolean },
        cmd: Command,
      ) => {
        const ctx = createContext(cmd);
        const run = await withDatabase(ctx, { migrate: true }, (handle) =>
          verifyFiles(handle.db, paths, { lang: opts.lang, strict: opts.strict ?? false, store: opts.store }),
        );
        for (const e of run.errors) ctx.log.error(e.message);
        const color = !opts.output && opts.format === 'text' && shouldColor(process.stdout, process.env);
        const report = getFormatter(opts.format).render(run, { color, lang: opts.lang });
        if (opts.output) await writeFile(opts.output, report);
        else ctx.out(report);
        if (run.exitCode !== 0) {
          const failing = run.digests.reduce(
            (n, d) => n + d.references.filter((r) => r.status !== 'verified').length,
            0,
          );
          throw new VerifyExit(
            run.errors.length > 0
              ? `${run.errors.length} digest(s) could not be read`
              : `${failing} reference(s) not verified`,
            run.exitCode,
          );
        }
      },
    );
}
