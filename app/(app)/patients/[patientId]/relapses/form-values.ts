import type { Relapse } from '@/db/queries/relapses';
import type { RelapseEditFormValues, RelapseFormValues } from '@/lib/schemas/relapse';
import { str } from '../../form-values';

export function newRelapseValues(today: string): RelapseFormValues {
  return { relapseDate: today, domain: '', action: '' };
}

export function relapseValues(r: Relapse): RelapseEditFormValues {
  return { relapseDate: r.relapseDate, domain: r.domain, action: str(r.action), reason: '', version: r.version };
}
