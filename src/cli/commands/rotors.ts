import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { Rotor } from '../../science/centrifugation/centrifugation-types.ts';
import { ROTORS, type RotorListing, rotorListing } from '../../science/centrifugation/rotor-library.ts';
import { formatIssuePath, parseUserRotors } from '../../science/centrifugation/rotor-schema.ts';
import { type CommandContext, EXIT_OK, EXIT_USAGE } from '../context.ts';
import { CliError } from '../errors.ts';
import type { CliApp } from '../main.ts';
import { formatCount, formatFixed, MISSING, renderTable } from '../output.ts';

/**
 * Reads `--rotor-file FILE.json`: a JSON array of rotors (rotor-schema.ts). Every problem names the file and
 * the element/field ("rotors.json: [1].rMaxMm: rMaxMm must be greater than rMinMm"); exit code 2.
 */
export async function loadRotorFile(ctx: CommandContext, file: string | undefined): Promise<Rotor[]> {
  if (file === undefined) return [];
  let text: string;
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : (error as Error).message;
    throw new CliError(`--rotor-file ${file}: ${reason}`, 'rotor-file-unreadable', EXIT_USAGE);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${file}: not valid JSON (${(error as Error).message})`,
      'rotor-file-invalid',
      EXIT_USAGE,
    );
  }
  const parsed = parseUserRotors(json);
  if (!parsed.ok) {
    const lines = parsed.issues.map((i) => {
      const where = formatIssuePath(i.path);
      return `${file}: ${where === '' ? '(top level)' : where}: ${i.message}`;
    });
    throw new CliError(lines.join('\n'), 'rotor-file-invalid', EXIT_USAGE);
  }
  return parsed.rotors;
}

export function registerRotorsCommand(program: Command, app: CliApp): void {
  program
    .command('rotors')
    .summary('list the centrifuge rotor library (geometry, maximum speed, k-factor; no database needed)')
    .description(
      'Lists the built-in rotors used for EV isolation (Beckman Coulter SW/Type/TLA/MLA, Eppendorf, Thermo/Sorvall) with their radii, tube angle and diameter, maximum speed and RCF, k-factor and tube volume, and the source of each value.\n' +
        'With --rotor-file FILE.json, your own rotors (a JSON array; fields as in --json output) are listed too, before the built-in ones.\n' +
        'With --json: an array of rotors with the computed kFactor, maxRcfAvg and maxRcfMax.',
    )
    .option('--rotor-file <file>', 'JSON array of user-defined rotors')
    .addOption(
      new Option('--type <type>', 'only rotors of this type').choices(['swinging-bucket', 'fixed-angle']),
    )
    .action(
      app.action(async (ctx: CommandContext) => {
        const opts = ctx.command.opts<{ rotorFile?: string; type?: Rotor['type'] }>();
        const user = await loadRotorFile(ctx, opts.rotorFile);
        const rotors = [...user, ...ROTORS].filter((r) => opts.type === undefined || r.type === opts.type);
        const listing = rotors.map(rotorListing);
        if (ctx.globals.json) {
          ctx.out.result(listing);
          return EXIT_OK;
        }
        ctx.out.print(renderRotorTable(listing));
        return EXIT_OK;
      }),
    );
}

function renderRotorTable(listing: readonly RotorListing[]): string {
  const lines: string[] = [];
  for (const type of ['swinging-bucket', 'fixed-angle'] as const) {
    const rows = listing.filter((r) => r.type === type);
    if (rows.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(type === 'swinging-bucket' ? 'Swinging-bucket rotors' : 'Fixed-angle rotors');
    const header = [
      'Rotor',
      'Maker',
      'Rmin',
      'Rav',
      'Rmax mm',
      ...(type === 'fixed-angle' ? ['D mm', 'Angle'] : []),
      'Max rpm',
      'Max ×g (Rmax)',
      'k',
      'Tubes',
    ];
    const table = rows.map((r) => [
      `${r.name}${r.userDefined ? ' (yours)' : ''}${r.note ? ' *' : ''}`,
      r.manufacturer,
      formatFixed(r.rMinMm, 1),
      formatFixed(r.rAvMm, 1),
      formatFixed(r.rMaxMm, 1),
      ...(type === 'fixed-angle'
        ? [formatFixed(r.tubeDiameterMm, 0), r.angleDeg === null ? MISSING : `${r.angleDeg}°`]
        : []),
      formatCount(r.maxRpm),
      formatCount(r.maxRcfMax),
      formatFixed(r.kFactor, 0),
      r.tubes !== null && r.tubeVolumeMl !== null ? `${r.tubes} × ${r.tubeVolumeMl} mL` : MISSING,
    ]);
    const numeric = header.map(
      (_, i) => (i >= 2 && i < header.length - 1 ? 'right' : 'left') as 'left' | 'right',
    );
    lines.push(renderTable(header, table, { align: numeric }));
  }
  const noted = listing.filter((r) => r.note);
  if (noted.length > 0) {
    lines.push('', '* notes:');
    for (const r of noted) lines.push(`  ${r.name}: ${r.note}`);
  }
  lines.push('', 'Sources:');
  for (const r of listing) lines.push(`  ${r.name}: ${r.source}`);
  return lines.join('\n');
}
