import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { NOT_CONTENT_COLUMNS } from '@/lib/records/content';
import { adverseEvents, patients, relapses, visits } from '../schema';
import type { RecordTable } from './scope';

// What a record says (lib/records/content.ts), as a hash taken by PostgreSQL: source verification
// (db/queries/verification.ts) and electronic signatures (db/queries/signatures.ts) keep it
// with their mark, and compare it with the record as it is now. jsonb prints its keys in one
// fixed order, so the same content always gives the same hash, when marking and when reading.

const NOT_CONTENT_ARRAY = sql.raw(`array[${NOT_CONTENT_COLUMNS.map((c) => `'${c}'`).join(',')}]`);

/** The content hash of the row of `table` in the query's scope (a visit, an event, a relapse, or a patient's own fields). */
export function contentHash(table: RecordTable | typeof patients): SQL {
  return sql`md5((to_jsonb(${table}) - ${NOT_CONTENT_ARRAY})::text)`;
}

/** Each not-voided record of the patient in the query's scope, by id: their hashes in one text. */
function recordsOf(table: RecordTable): SQL {
  return sql`coalesce((select string_agg(${contentHash(table)}, ',' order by ${table.id}) from ${table}
                       where ${table.patientId} = ${patients.id} and ${table.voidedAt} is null), '')`;
}

/**
 * The content hash of a patient's whole casebook, for the patient row in the query's scope: the
 * patient's own fields and every visit, adverse event and relapse not voided. Any change of
 * these, a record added and a record voided all change it.
 */
export function casebookHash(): SQL {
  return sql`md5(concat_ws('|', ${contentHash(patients)}, ${recordsOf(visits)}, ${recordsOf(adverseEvents)}, ${recordsOf(relapses)}))`;
}
