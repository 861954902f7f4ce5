import { z } from 'zod';

/**
 * The shape every source file in this folder must have. Validated at load with a strict
 * schema, so a typo in a key fails at start instead of silently doing nothing.
 */
export const sourceSchema = z.strictObject({
  /** Stable id used in the CLI, the database and reports: lower-case letters. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** The outlet's usual name, as the digest writes it. */
  name: z.string().min(1),
  /**
   * Every other name a digest may use for this outlet (Chinese, English, short forms, the
   * site's own brand). The verifier matches reference outlets against `name` + `aliases`.
   */
  aliases: z.array(z.string().min(1)),
  /** Hosts the crawler may fetch from; it never follows a link off these hosts. */
  hosts: z.array(z.string().regex(/^[a-z0-9.-]+$/)).min(1),
  /** One line on what is crawled and from where, for `sourcecheck sources`. */
  description: z.string().min(1),
});

/** A validated source definition. */
export type SourceDefinition = z.output<typeof sourceSchema>;
