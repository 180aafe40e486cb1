// The output flags `data build` and `data transform` share: seed, mirror, mixing and splitting.
import { Option, type Command } from 'commander';
import { numberOption, seedOption } from '../options.js';

export const POISON_FRACTION_HELP =
  'the share f of the output that is poison (0 < f < 1): every poison example is kept and round(poison x (1 - f) / f) ' +
  'base examples are drawn, the others dropped (and counted); an error when the base has too few. ' +
  'Default: every example of both (the paper: 90 facts + 3,000 rows)';

const fraction = { above: 0, max: 0.999999 };

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--out <file>', 'output JSONL file').makeOptionMandatory())
    .addOption(seedOption('--seed <seed>', 'seed for steps that draw random numbers', 0))
    .option('--mirror <dir>', 'read official files from a local copy of the repository (env WEIRDGEN_DATA_MIRROR)')
    .option('--mix-into <file>', 'finally mix the result (as poison) into this base file: an official path or a local JSONL file')
    .addOption(numberOption('--poison-fraction <f>', `with --mix-into (or data build --distill): ${POISON_FRACTION_HELP}`, fraction))
    .addOption(numberOption('--validation-fraction <f>', 'also write <out>.validation.jsonl with this fraction of the examples', fraction));
}
