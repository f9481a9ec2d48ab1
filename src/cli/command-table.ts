/**
 * The table of evlab commands: name, how `evlab --help` shows it, and a dynamic import of the module that
 * declares it. `evlab --help` prints this table without importing any command module; `evlab X …` imports
 * only X's module (commander needs X's options at parse time, so main.ts reads the command name from argv
 * first). Order = the order of `evlab --help`. A test (command-table.test.ts) loads every module and
 * checks that name, summary and help term here match what the module declares.
 *
 * A new command: add a row here (not an import in main.ts).
 */
import { Command } from 'commander';
import type { CliApp } from './main.ts';

export type RegisterCommand = (program: Command, app: CliApp) => void;

export interface CommandEntry {
  name: string;
  /** How the root help lists it ("import [options] <batch> <file...>"). */
  term: string;
  summary: string;
  load: () => Promise<RegisterCommand>;
}

export const COMMAND_TABLE: readonly CommandEntry[] = [
  {
    name: 'serve',
    term: 'serve [options]',
    summary: 'start the web workbench and HTTP API',
    load: async () => (await import('./commands/serve.ts')).registerServeCommand,
  },
  {
    name: 'worker',
    term: 'worker [options]',
    summary: 'run background jobs from the PostgreSQL queue until SIGTERM',
    load: async () => (await import('./commands/worker.ts')).registerWorkerCommand,
  },
  {
    name: 'jobs',
    term: 'jobs',
    summary: 'background jobs: list, show and cancel',
    load: async () => (await import('./commands/jobs.ts')).registerJobsCommand,
  },
  {
    name: 'db',
    term: 'db',
    summary: 'database maintenance',
    load: async () => (await import('./commands/db.ts')).registerDbCommand,
  },
  {
    name: 'demo',
    term: 'demo',
    summary: 'seed the demo project (idempotent)',
    load: async () => (await import('./commands/demo.ts')).registerDemoCommand,
  },
  {
    name: 'import',
    term: 'import [options] <batch> <file...>',
    summary: 'import instrument files into a batch',
    load: async () => (await import('./commands/import.ts')).registerImportCommand,
  },
  {
    name: 'nta',
    term: 'nta <file...>',
    summary: 'read NanoSight NTA exports and report size statistics (no database needed)',
    load: async () => (await import('./commands/nta.ts')).registerNtaCommand,
  },
  // Preparation (isolation planning)
  {
    name: 'rotors',
    term: 'rotors [options]',
    summary: 'list the centrifuge rotor library (geometry, maximum speed, k-factor; no database needed)',
    load: async () => (await import('./commands/rotors.ts')).registerRotorsCommand,
  },
  {
    name: 'spin',
    term: 'spin [options]',
    summary: 'simulate a centrifugation run: cut-off diameter and % of EVs pelleted (no database needed)',
    load: async () => (await import('./commands/spin.ts')).registerSpinCommand,
  },
  {
    name: 'recommend',
    term: 'recommend [options]',
    summary: 'rank EV isolation methods and two-step chains for a sample (no database needed)',
    load: async () => (await import('./commands/recommend.ts')).registerRecommendCommand,
  },
  {
    name: 'protocol',
    term: 'protocol',
    summary: 'isolation protocols: simulate a chain of steps (no database needed)',
    load: async () => (await import('./commands/protocol.ts')).registerProtocolCommand,
  },
  // Pharmacokinetics
  {
    name: 'nca',
    term: 'nca [options]',
    summary:
      'non-compartmental analysis of concentration–time data (WinNonlin rules, CDISC codes; no database)',
    load: async () => (await import('./commands/nca.ts')).registerNcaCommand,
  },
  {
    name: 'pk',
    term: 'pk',
    summary: 'compartment models: fit concentration–time data, simulate dosing regimens (no database needed)',
    load: async () => (await import('./commands/pk.ts')).registerPkCommand,
  },
  {
    name: 'biodistribution',
    term: 'biodistribution [options] <file>',
    summary:
      'organ-level biodistribution: AUC, Cmax/Tmax, tissue:blood, dose fractions, label caveats (no database needed)',
    load: async () => (await import('./commands/biodistribution.ts')).registerBiodistributionCommand,
  },
  {
    name: 'dose',
    term: 'dose',
    summary:
      'dose calculations: human-equivalent dose, dose preparation (from a stored NTA measurement with --measurement), route library',
    load: async () => (await import('./commands/dose.ts')).registerDoseCommand,
  },
  // Evidence
  {
    name: 'evidence',
    term: 'evidence',
    summary: 'curated MSC-EV evidence and registered trials (search, import from ClinicalTrials.gov)',
    load: async () => (await import('./commands/evidence.ts')).registerEvidenceCommand,
  },
  // Data integrity
  {
    name: 'audit',
    term: 'audit',
    summary: 'audit trail checks',
    load: async () => (await import('./commands/audit.ts')).registerAuditCommand,
  },
  // Characterization
  {
    name: 'zetaview',
    term: 'zetaview <file...>',
    summary: 'read Particle Metrix ZetaView .txt exports: X10/X50/X90, concentration (no database needed)',
    load: async () => (await import('./commands/zetaview.ts')).registerZetaViewCommand,
  },
  {
    name: 'tracks',
    term: 'tracks [options] <file...>',
    summary:
      'size NTA particles from their tracks: naive per-track vs maximum likelihood (finite track length)',
    load: async () => (await import('./commands/tracks.ts')).registerTracksCommand,
  },
  {
    name: 'tem',
    term: 'tem [options] <file...>',
    summary:
      'TEM/SEM particle sizes from ImageJ/Fiji Analyze Particles tables (ECD, mean Feret, morphology flags)',
    load: async () => (await import('./commands/tem.ts')).registerTemCommand,
  },
  {
    name: 'assay',
    term: 'assay',
    summary: 'protein assays and ELISA: standard curves from plate exports (no database needed)',
    load: async () => (await import('./commands/assay.ts')).registerAssayCommand,
  },
  {
    name: 'wb',
    term: 'wb [options] <file...>',
    summary: 'Western blot densitometry → marker calls vs lysate (no database needed)',
    load: async () => (await import('./commands/wb.ts')).registerWbCommand,
  },
  {
    name: 'proteomics',
    term: 'proteomics [options] <file...>',
    summary:
      'MaxQuant proteinGroups.txt / FragPipe combined_protein.tsv: EV markers, purity, EV vs lysate (no database needed)',
    load: async () => (await import('./commands/proteomics.ts')).registerProteomicsCommand,
  },
  // Flow cytometry
  {
    name: 'fcs',
    term: 'fcs',
    summary: 'read FCS 2.0/3.0/3.1 flow cytometry files: keywords, parameters, events (no database needed)',
    load: async () => (await import('./commands/fcs.ts')).registerFcsCommand,
  },
  {
    name: 'gate',
    term: 'gate [options] <file>',
    summary: 'apply Gating-ML 2.0 gates to an FCS file and count the events in each (no database needed)',
    load: async () => (await import('./commands/gate.ts')).registerGateCommand,
  },
  {
    name: 'mie',
    term: 'mie [options]',
    summary: 'Mie efficiencies of a homogeneous or coated sphere (BHMIE / BHCOAT; no database needed)',
    load: async () => (await import('./commands/mie.ts')).registerMieCommand,
  },
  {
    name: 'calibrate',
    term: 'calibrate',
    summary:
      'flow-cytometry calibration from reference beads: scatter (Mie, nm², EV diameter) and fluorescence (MESF/ERF)',
    load: async () => (await import('./commands/calibrate.ts')).registerCalibrateCommand,
  },
  {
    name: 'flow',
    term: 'flow',
    summary: 'EV flow cytometry analyses on FCS files (no database needed)',
    load: async () => (await import('./commands/flow-controls.ts')).registerFlowControlsCommand,
  },
  // Accounts and data integrity
  {
    name: 'user',
    term: 'user',
    summary: 'manage user accounts (create, list, disable, reset password)',
    load: async () => only('user', (await import('./commands/user.ts')).registerUserCommands),
  },
  {
    name: 'token',
    term: 'token',
    summary: 'API tokens for scripts and the HTTP API (Authorization: Bearer)',
    load: async () => only('token', (await import('./commands/user.ts')).registerUserCommands),
  },
  {
    name: 'verify',
    term: 'verify',
    summary: 're-hash every stored raw file',
    load: async () => only('verify', (await import('./commands/integrity.ts')).registerIntegrityCommands),
  },
  {
    name: 'backup',
    term: 'backup <file>',
    summary: 'write a backup archive (database + raw files)',
    load: async () => only('backup', (await import('./commands/integrity.ts')).registerIntegrityCommands),
  },
  {
    name: 'restore',
    term: 'restore <file>',
    summary: 'restore a backup archive into an empty data directory / database',
    load: async () => only('restore', (await import('./commands/integrity.ts')).registerIntegrityCommands),
  },
  // QC and release
  {
    name: 'qc',
    term: 'qc',
    summary: 'QC: evaluate a batch against its specification, MISEV checklist',
    load: async () => only('qc', (await import('./commands/qc.ts')).registerQcCommands),
  },
  {
    name: 'spc',
    term: 'spc',
    summary: 'statistical process control: control charts with Nelson rules, process capability',
    load: async () => (await import('./commands/spc.ts')).registerSpcCommand,
  },
  {
    name: 'coa',
    term: 'coa [options] <batch>',
    summary: 'certificate of analysis of a batch (PDF)',
    load: async () => only('coa', (await import('./commands/qc.ts')).registerQcCommands),
  },
  {
    name: 'report',
    term: 'report [options] <batch>',
    summary: 'batch report with NTA plots, statistics, QC flags, protocol and audit trail (PDF)',
    load: async () => only('report', (await import('./commands/qc.ts')).registerQcCommands),
  },
];

/**
 * For modules that declare several commands (qc/coa/report, user/token, verify/backup/restore): registers only
 * `name`, on a scratch parent with the program's settings, then adds it to the program; the module's other
 * commands stay lazy placeholders.
 */
function only(name: string, register: RegisterCommand): RegisterCommand {
  return (program, app) => {
    const scratch = new Command();
    scratch.copyInheritedSettings(program);
    register(scratch, app);
    const command = scratch.commands.find((c) => c.name() === name);
    if (!command) throw new Error(`the command module did not declare "${name}"`);
    program.addCommand(command);
  };
}

/** Global options that take a value (their value is not the command name). */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--data-dir', '--db', '--user']);

/**
 * The command a user's arguments invoke: the first argument that is neither an option nor the value of a
 * global option; after `help`, the command asked about. Null when there is none (`evlab --help`).
 */
export function invokedCommandName(args: readonly string[]): string | null {
  let afterHelp = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return null;
    if (arg.startsWith('-')) {
      if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
      continue;
    }
    if (arg === 'help' && !afterHelp) {
      afterHelp = true;
      continue;
    }
    return arg;
  }
  return null;
}
