import type { RecordField } from '@/lib/records/fields';

// A relapse's fields as people read them (lib/records/fields.ts), in the relapse form's order.
export const RELAPSE_FIELDS: readonly RecordField[] = [
  { key: 'relapseDate', label: 'Relapse date', kind: 'date' },
  { key: 'domain', label: 'Domain', kind: 'code' },
  { key: 'action', label: 'Action taken', kind: 'code' },
];
