// Re-export of odex's Solver through a plain JavaScript module. odex 2 ships its TypeScript source
// (src/odex.ts) next to the compiled file, and TypeScript would type-check that source under this project's
// strict settings (it fails noUncheckedIndexedAccess). The typed surface evlab uses is declared in
// odex-solver.d.ts beside this file; the runtime is odex itself.
export { Solver } from 'odex';
