import type { Command } from 'commander';
import type { CliApp } from '../main.ts';

/** Placeholder wired into main.ts; the owner of this file (H1) replaces the body. */
export function registerRotorsCommand(_program: Command, _app: CliApp): void {}
