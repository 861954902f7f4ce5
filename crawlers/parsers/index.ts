import type { SourceParser } from '../extract/types.js';
import { cacParser } from './cac.js';
import { cnrParser } from './cnr.js';
import { govcnParser } from './govcn.js';
import { meeParser } from './mee.js';
import { ndaParser } from './nda.js';
import { reutersParser } from './reuters.js';
import { rmrbParser } from './rmrb.js';

/** Each source's parser, by source id (an explicit map: the wiring stays visible). */
export const parsers: Readonly<Record<string, SourceParser>> = {
  nda: ndaParser,
  cac: cacParser,
  reuters: reutersParser,
  govcn: govcnParser,
  mee: meeParser,
  rmrb: rmrbParser,
  cnr: cnrParser,
};
