import type { Command } from 'commander';
import { type CommandContext, EXIT_FAILURE, EXIT_OK } from '../context.ts';
import type { CliApp } from '../main.ts';
import { formatCount } from '../output.ts';
import { withWorkbench } from '../workbench.ts';

export function registerAuditCommand(program: Command, app: CliApp): void {
  const audit = program
    .command('audit')
    .summary('audit trail checks')
    .description('The hash-chained audit trail (who, what, when in UTC, why, old → new values).');
  audit
    .command('verify')
    .summary('check the audit trail hash chain')
    .description(
      'Re-computes the SHA-256 chain of every audit event and names the first edited, deleted, inserted or reordered one.\n' +
        'JSON: {valid, events, firstInvalid: {id, seq, reason} | null, headHash}. Exit 0 when valid, 1 when not.\n' +
        'Record headHash outside evlab: a later run that shows a different history before it reveals a rewrite.',
    )
    .action(app.action(verifyCommand));
}

async function verifyCommand(ctx: CommandContext): Promise<number> {
  const report = await withWorkbench(ctx, (wb) => wb.store.verifyAuditTrail());
  if (ctx.globals.json) {
    ctx.out.result(report);
  } else if (report.valid) {
    ctx.out.print(`audit trail intact: ${formatCount(report.events)} event(s), head ${report.headHash}`);
  } else {
    const bad = report.firstInvalid;
    ctx.out.print(
      `audit trail BROKEN at event ${bad?.id ?? '?'}${bad?.seq === null || bad === null ? '' : ` (#${bad.seq})`}: ${bad?.reason ?? ''}\n` +
        `${formatCount(report.events)} event(s) checked`,
    );
  }
  return report.valid ? EXIT_OK : EXIT_FAILURE;
}
