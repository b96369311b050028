// When a patient's follow-up ends (docs/domain.md): at death or at a recorded follow-up end
// (study closed, lost, moved). After it no visit is due and no record may be dated.

/** The last day a patient can be seen: the death or the follow-up end, whichever is first; null while followed. */
export function followUpEnd(p: { deathDate: string | null; followUpEndDate: string | null }): { date: string; why: 'death' | 'follow_up_end' } | null {
  const { deathDate, followUpEndDate } = p;
  if (deathDate && (!followUpEndDate || deathDate <= followUpEndDate)) return { date: deathDate, why: 'death' };
  if (followUpEndDate) return { date: followUpEndDate, why: 'follow_up_end' };
  return null;
}

/** "the patient died on 2024-05-01", "the patient's follow-up ended on 2024-05-01". */
export function endedPhrase(end: { date: string; why: 'death' | 'follow_up_end' }): string {
  return end.why === 'death' ? `the patient died on ${end.date}` : `the patient's follow-up ended on ${end.date}`;
}
