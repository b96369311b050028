import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { INTERCHANGE_FILES, ADVERSE_EVENT_COLUMNS, PATIENT_COLUMNS, RELAPSE_COLUMNS, VISIT_COLUMNS, type CellType } from '@/lib/interchange';

// The physical minimum an import is compared with: PostgreSQL's COPY of the same CSV files
// into tables of the same columns, typed as the contract types them, in one transaction, with
// no check, no id, no index and no audit row.

const COLUMNS = { patients: PATIENT_COLUMNS, visits: VISIT_COLUMNS, adverseEvents: ADVERSE_EVENT_COLUMNS, relapses: RELAPSE_COLUMNS };

function sqlType(cell: CellType): string {
  switch (cell.type) {
    case 'date':
      return 'date';
    case 'number':
      return cell.integer ? 'integer' : 'numeric';
    case 'yesno':
      return 'boolean'; // PostgreSQL reads yes/no as booleans
    default:
      return 'text';
  }
}

/** Milliseconds to COPY the folder's files into typed tables of a database of this machine. */
export async function plainCopyMs(url: string, folder: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const started = performance.now();
    await sql.begin(async (tx) => {
      for (const { key, file } of INTERCHANGE_FILES) {
        const table = `copy_${key}`;
        const columns = COLUMNS[key].map((c) => `"${c.name}" ${sqlType(c)}`).join(', ');
        await tx.unsafe(`create temp table ${table} (${columns}) on commit drop`);
        const header = fs.readFileSync(path.join(folder, file), 'utf8').split('\n', 1)[0]!;
        const writable = await tx.unsafe(`copy ${table} (${header}) from stdin with (format csv, header true)`).writable();
        await pipeline(fs.createReadStream(path.join(folder, file)), writable);
      }
    });
    return performance.now() - started;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
