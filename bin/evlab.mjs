#!/usr/bin/env node
// evlab command-line entry point. Runs the TypeScript sources directly through tsx's loader,
// so `npx evlab` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
