import { parseArgs } from 'node:util';
import { loadOnMainServer, loadWithDatabaseOutage } from './scenario';

// By hand: `npx tsx --conditions=react-server scripts/load/run.ts [--seconds 60]
// [--clinicians 50] [--instances 1] [--fault]`. Needs the production build (npx next build)
// and, without --fault, the machine's PostgreSQL (TEST_DATABASE_ADMIN_URL). Exits 1 when a
// check fails.

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clinicians: { type: 'string', default: '50' },
    instances: { type: 'string', default: '1' },
    fault: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const clinicians = Number(values.clinicians);
const instances = Number(values.instances);
const results = values.fault
  ? [await loadWithDatabaseOutage({ clinicians, instances, seconds })]
  : await loadOnMainServer({ clinicians, phases: [{ instances, seconds }] });
const failed = results.some((r) => r.unexpected.length || !r.check.ok || !r.serversAlive || (r.fault && r.fault.recoverySeconds === null));
process.exit(failed ? 1 : 0);
