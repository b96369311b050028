import type { Relapse } from '@/db/queries/relapses';
import type { RelapseEditFormValues } from '@/lib/schemas/relapse';
import { str } from '../../form-values';

export function newRelapseValues(today: string): RelapseEditFormValues {
  return { relapseDate: today, domain: '', action: '', reason: '', version: 1 };
}

export function relapseValues(r: Relapse): RelapseEditFormValues {
  return { relapseDate: r.relapseDate, domain: r.domain, action: str(r.action), reason: '', version: r.version };
}
