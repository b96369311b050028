import { SERIOUSNESS_CRITERIA } from '@/lib/codes';
import type { RecordField } from '@/lib/records/fields';

/** CTCAE v5 grades in words, as the form offers them. */
export const CTCAE_GRADES = [
  { value: '1', text: '1 · Mild' },
  { value: '2', text: '2 · Moderate' },
  { value: '3', text: '3 · Severe or hospitalisation' },
  { value: '4', text: '4 · Life-threatening' },
  { value: '5', text: '5 · Death' },
] as const;

// An adverse event's fields as people read them (lib/records/fields.ts), in the form's order.
export const ADVERSE_EVENT_FIELDS: readonly RecordField[] = [
  { key: 'term', label: 'Verbatim term', kind: 'text' },
  { key: 'category', label: 'Category', kind: 'code' },
  { key: 'onsetDate', label: 'Onset date', kind: 'date' },
  { key: 'endDate', label: 'End date', kind: 'date' },
  { key: 'ongoing', label: 'Ongoing', kind: 'yesno' },
  { key: 'ctcaeGrade', label: 'CTCAE grade', kind: 'ctcae' },
  ...SERIOUSNESS_CRITERIA.map((c): RecordField => ({ key: c.key, label: `Serious: ${c.label.toLowerCase()}`, kind: 'yesno' })),
  { key: 'serious', label: 'Serious (follows from the criteria)', kind: 'yesno' },
  { key: 'related', label: 'Relatedness to the JAK inhibitor', kind: 'code' },
  { key: 'action', label: 'Action with the JAK inhibitor', kind: 'code' },
  { key: 'outcome', label: 'Outcome', kind: 'code' },
  { key: 'reviewComment', label: 'Review comment', kind: 'text' },
];
