import type { Command } from 'commander';
import type { CliApp } from '../main.ts';
import { registerCalibrateCommand } from './calibrate.ts';
import { registerFcsCommand } from './fcs.ts';
import { registerFlowControlsCommand } from './flow-controls.ts';
import { registerGateCommand } from './gate.ts';
import { registerMieCommand } from './mie.ts';

/** Flow cytometry commands: fcs (and, as they land, gate, mie, calibrate). */
export function registerFlowCommands(program: Command, app: CliApp): void {
  registerFcsCommand(program, app);
  registerGateCommand(program, app);
  registerMieCommand(program, app);
  registerCalibrateCommand(program, app);
  registerFlowControlsCommand(program, app);
}
