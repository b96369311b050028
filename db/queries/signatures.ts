import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { CLINICAL_WRITERS_ROLES } from '@/lib/auth/access';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import type { SignInput } from '@/lib/schemas/signature';
import type { ShownSignature, SignatureMeaning, SignedKind } from '@/lib/signatures/meaning';
import { writeAudit } from '../audit';
import { selectRows, type Db } from '../client';
import { auditLog, investigatorSites, patients, signatures, user, userSites, visits, adverseEvents, relapses } from '../schema';
import { casebookHash, contentHash } from './content-hash';
import { canReach, patientInScope, recordInScope } from './scope';

// Electronic signatures (docs/signatures.md): an investigator signs a visit or a patient's whole
// casebook with a meaning; the signature keeps the content hash of what was signed
// (content-hash.ts) and is valid while the content still has that hash. The password is checked
// before (server/auth/password.ts): here, who may sign what, and the signature itself.

const NAMES = { visit: 'Visit', patient: 'Patient' } as const satisfies Record<SignedKind, string>;
// Entries that change what a record says; a later one dates the end of a signature's validity.
const CHANGES = ['create', 'update', 'void', 'import'] as const;

type Target = { patientId: string; siteId: string; hash: string };

/** The record to sign, in scope and not voided, with its content hash now; read FOR SHARE when signing. */
async function findTarget(tx: Db, { siteIds, kind, id, lock }: { siteIds: string[]; kind: SignedKind; id: string; lock: boolean }): Promise<Target> {
  if (!canReach(siteIds, id)) throw new NotFoundError(NAMES[kind]);
  // Every writer of a patient's records locks the patient's row first (db/queries/lock.ts): a
  // share lock on it holds them all off while the casebook is hashed and signed; a visit's
  // writers lock the visit too, so its own share lock is enough (and keeps the lock order).
  let row: Target | undefined;
  if (kind === 'visit') {
    const query = tx
      .select({ patientId: visits.patientId, siteId: patients.siteId, hash: contentHash(visits).mapWith(String) })
      .from(visits)
      .innerJoin(patients, eq(patients.id, visits.patientId))
      .where(and(eq(visits.id, id), recordInScope(visits, siteIds)));
    [row] = lock ? await query.for('share', { of: visits }) : await query;
  } else {
    const query = tx
      .select({ patientId: patients.id, siteId: patients.siteId, hash: casebookHash().mapWith(String) })
      .from(patients)
      .where(and(eq(patients.id, id), patientInScope(siteIds)));
    [row] = lock ? await query.for('share') : await query;
  }
  if (!row) throw new NotFoundError(NAMES[kind]);
  return row;
}

/** The signer's printed name, when they may sign at the site: the right given there, still one of their sites, a role that may hold it. */
async function investigatorName(tx: Db, userId: string, siteId: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: user.name })
    .from(investigatorSites)
    .innerJoin(userSites, and(eq(userSites.userId, investigatorSites.userId), eq(userSites.siteId, investigatorSites.siteId)))
    .innerJoin(user, eq(user.id, investigatorSites.userId))
    .where(and(eq(investigatorSites.userId, userId), eq(investigatorSites.siteId, siteId), inArray(user.role, [...CLINICAL_WRITERS_ROLES])));
  return row?.name ?? null;
}

/** Refuses what the signer may not sign, or content changed since their page showed it; the signer's name otherwise. */
async function checked(tx: Db, { actorId, siteIds, input, lock }: { actorId: string; siteIds: string[]; input: Pick<SignInput, 'kind' | 'id' | 'contentHash'>; lock: boolean }) {
  const target = await findTarget(tx, { siteIds, kind: input.kind, id: input.id, lock });
  const name = await investigatorName(tx, actorId, target.siteId);
  if (name === null) throw new ForbiddenError("You do not hold the investigator right at this patient's site: an admin gives it. Nothing was signed.");
  if (target.hash !== input.contentHash)
    throw new ConflictError(`This ${input.kind === 'visit' ? 'visit' : 'casebook'} was changed after you opened the page: reload, read it again, then sign. Nothing was signed.`);
  return { ...target, name };
}

/**
 * Whether the signer may sign this record as their page showed it, before their password is
 * checked: a refusal here counts no failed password. Writes nothing.
 */
export async function checkSignable(db: Db, args: { actorId: string; siteIds: string[]; input: Pick<SignInput, 'kind' | 'id' | 'contentHash'> }): Promise<void> {
  await checked(db, { ...args, lock: false });
}

/**
 * Signs a visit or a casebook (the password already checked), in one transaction with its audit
 * entry. Signing changes no data: a locked cohort may be signed, and the signature stays valid
 * until the content changes.
 */
export async function signRecord(db: Db, { actorId, siteIds, input }: { actorId: string; siteIds: string[]; input: SignInput }): Promise<{ patientId: string; signatureId: string }> {
  return db.transaction(async (tx) => {
    const target = await checked(tx, { actorId, siteIds, input, lock: true });
    const [row] = await tx
      .insert(signatures)
      .values({ entity: input.kind, recordId: input.id, patientId: target.patientId, meaning: input.meaning, contentHash: target.hash, signedBy: actorId, signerName: target.name })
      .returning({ id: signatures.id });
    await writeAudit(tx, {
      actorId,
      action: 'sign',
      entity: input.kind,
      entityId: input.id,
      after: { signatureId: row!.id, meaning: input.meaning, printedName: target.name, contentHash: target.hash, ...(input.kind === 'patient' ? { wholeCasebook: true } : {}) },
    });
    return { patientId: target.patientId, signatureId: row!.id };
  });
}

export type Signature = ShownSignature & {
  id: string;
  kind: SignedKind;
  recordId: string;
  /** The signed visit's date (a visit's signature). */
  visitDate: string | null;
};

type SignatureRow = { id: string; kind: SignedKind; recordId: string; meaning: SignatureMeaning; signerName: string; signedAt: string; valid: boolean; changedAt: string | null; visitDate: string | null };

/**
 * Every signature of a patient in scope (its casebook's and its visits', voided visits' too), in
 * the order they were made, each with whether the content still has the signed hash, and if
 * not, when it first changed after the signature: the first entry that changed it, after the
 * signature's own entry in the chain.
 */
export async function patientSignatures(db: Db, { siteIds, patientId }: { siteIds: string[]; patientId: string }): Promise<Signature[]> {
  if (!canReach(siteIds, patientId)) return [];
  const changes = sql.join(CHANGES.map((a) => sql`${a}`), sql`, `);
  const recordIds = (table: typeof visits | typeof adverseEvents | typeof relapses) => sql`select ${table.id}::text from ${table} where ${table.patientId} = s.record_id`;
  const rows = await selectRows<SignatureRow>(
    db,
    sql`with s as (
          select s.*, case when s.entity = 'visit'
                           then (select ${contentHash(visits)} from ${visits} where ${visits.id} = s.record_id and ${visits.voidedAt} is null)
                           else (select ${casebookHash()} from ${patients} where ${patients.id} = s.record_id and ${patients.voidedAt} is null)
                      end is not distinct from s.content_hash as valid,
                 (select a.seq from ${auditLog} a where a.entity = s.entity and a.entity_id = s.record_id::text and a.action = 'sign'
                    and a.after->>'signatureId' = s.id::text) as signed_seq
          from ${signatures} s
          join ${patients} on ${patients.id} = s.patient_id
          where s.patient_id = ${patientId}::uuid and ${patientInScope(siteIds)})
        select s.id, s.entity as kind, s.record_id as "recordId", s.meaning, s.signer_name as "signerName", s.signed_at::text as "signedAt", s.valid,
               (select v.visit_date::text from ${visits} v where v.id = s.record_id) as "visitDate",
               case when s.valid then null else
                 (select a.at::text from ${auditLog} a
                  where a.seq > s.signed_seq and a.action in (${changes})
                    and ((a.entity = s.entity and a.entity_id = s.record_id::text)
                      or (s.entity = 'patient' and a.entity = 'visit' and a.entity_id in (${recordIds(visits)}))
                      or (s.entity = 'patient' and a.entity = 'adverse_event' and a.entity_id in (${recordIds(adverseEvents)}))
                      or (s.entity = 'patient' and a.entity = 'relapse' and a.entity_id in (${recordIds(relapses)})))
                  order by a.seq limit 1)
               end as "changedAt"
        from s order by s.signed_at, s.id`,
  );
  return rows.map((r) => ({ ...r, signedAt: new Date(r.signedAt), changedAt: r.changedAt ? new Date(r.changedAt) : null }));
}

/** The content hashes a signing form sends back (what the page showed): the casebook's and each visit's not voided. */
export async function signingHashes(db: Db, { siteIds, patientId }: { siteIds: string[]; patientId: string }): Promise<{ casebook: string; visits: Map<string, string> } | null> {
  if (!canReach(siteIds, patientId)) return null;
  const [patient] = await db.select({ hash: casebookHash().mapWith(String) }).from(patients).where(and(eq(patients.id, patientId), patientInScope(siteIds)));
  if (!patient) return null;
  const rows = await db
    .select({ id: visits.id, hash: contentHash(visits).mapWith(String) })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(eq(visits.patientId, patientId), recordInScope(visits, siteIds)));
  return { casebook: patient.hash, visits: new Map(rows.map((r) => [r.id, r.hash])) };
}
