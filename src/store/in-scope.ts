/**
 * `column in (ids)` as a Kysely condition, for per-project scoping of lists (issue 10). An empty list
 * matches nothing (`in ()` is not valid SQL on either dialect).
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: Parameters<ExpressionBuilder<DB, TB>['ref']>[0],
  ids: readonly string[],
): Expression<SqlBool> {
  if (ids.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${eb.ref(column)} in (${sql.join(ids.map((id) => sql`${id}`))})`;
}
