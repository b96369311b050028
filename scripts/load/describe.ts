import type { LoadResult } from './load';
import type { Outcome } from './requests';

/** The result as the bench prints it: one line a figure. */
export function describe(r: LoadResult): string[] {
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '—');
  const lines = [
    `${r.clinicians} clinicians, ${r.instances} instance${r.instances === 1 ? '' : 's'}, ${r.seconds} s: ${r.requestsPerSecond.toFixed(1)} requests/s, ${r.savesPerSecond.toFixed(1)} saves/s (${r.saves} saves, ${r.requests} requests)`,
  ];
  for (const [kind, l] of Object.entries(r.latency)) {
    const o = r.outcomes[kind]!;
    const others = (['unavailable', 'uncertain', 'unexpected'] as Outcome[]).filter((k) => o[k]).map((k) => `${o[k]} ${k}`);
    lines.push(`  ${kind.padEnd(6)} p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (${l.n} ok${others.length ? `, ${others.join(', ')}` : ''})`);
  }
  const c = r.check;
  lines.push(
    `  integrity: ${c.acknowledged} acknowledged so far, ${c.lost} lost, ${c.duplicates} duplicated, ${c.withoutOneAuditEntry} visits without exactly one audit entry, ` +
      `${c.auditWithoutVisit} audit entries without their visit, ${c.savedUnacknowledged} saved but unacknowledged; audit chain ${c.chainValid ? 'verifies' : `BROKEN: ${c.chainMessage}`}`,
  );
  if (r.fault) {
    const f = r.fault;
    lines.push(`  fault: PostgreSQL stopped at ${f.stoppedAt.toFixed(1)} s, back at ${f.startedAt.toFixed(1)} s; first acknowledged save ${f.recoverySeconds ?? 'NEVER'} s after`);
    for (const [kind, answers] of Object.entries(f.probes)) if (answers.length) lines.push(`    while down, ${kind}: ${[...new Set(answers)].join(' | ')}`);
  }
  lines.push(`  unexpected errors: ${r.unexpected.length}${r.unexpected.length ? ` (${r.unexpected.slice(0, 5).join('; ')})` : ''}; servers alive: ${r.serversAlive ? 'yes' : 'NO'}`);
  return lines;
}
