/**
 * Reports of pasted digests, kept in memory for the Post/Redirect/Get after a check: the POST
 * verifies and stores the run here, the redirect target shows it. Bounded (oldest dropped) so
 * a long-running server does not grow; a report that is gone just asks for a new check.
 */
import { randomBytes } from 'node:crypto';
import type { VerifyRun } from '../pipeline/verify/types.js';

/** A checked digest as the page shows it. */
export interface StoredReport {
  id: string;
  label: string;
  run: VerifyRun;
  /** The HTML report (reports/formatters/html.ts), served to the page's iframe. */
  html: string;
  stored: boolean;
}

/** An in-memory, size-bounded map of recent reports. */
export class ReportStore {
  private readonly reports = new Map<string, StoredReport>();

  constructor(private readonly capacity = 20) {}

  /** Keep a report and return it with its new unguessable id. */
  add(report: Omit<StoredReport, 'id'>): StoredReport {
    const stored = { ...report, id: randomBytes(12).toString('hex') };
    this.reports.set(stored.id, stored);
    while (this.reports.size > this.capacity) this.reports.delete(this.reports.keys().next().value as string);
    return stored;
  }

  /** The report with this id, if still kept. */
  get(id: string): StoredReport | undefined {
    return this.reports.get(id);
  }
}
