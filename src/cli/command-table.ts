/**
 * The table of evlab commands: name, how `evlab --help` shows it, and a dynamic import of the module that
 * declares it. `evlab --help` prints this table without importing any command module; `evlab X …` imports
 * only X's module (commander needs X's options at parse time, so main.ts reads the command name from argv
 * first). Order = the order of `evlab --help`. A test (command-table.test.ts) loads every module and
 * checks that name, summary and help term here match what the module declares.
 *
 * A new command: add a row here (not an import in main.ts).
 */
import type { Command } from 'commander';
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
    summary: 'background jobs: list and show',
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
    summary: 'dose calculations: human-equivalent dose, dose preparation, route library (no database needed)',
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
];

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
