import type { Command } from 'commander';
import type { CliApp } from '../main.ts';

/** Placeholder wired into main.ts; the owner of this file (H8) replaces the body. */
export function registerEvidenceCommand(_program: Command, _app: CliApp): void {}
