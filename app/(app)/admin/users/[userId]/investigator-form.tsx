'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { CheckGroup } from '@/components/form/CheckGroup';
import { ClientForm } from '@/components/form/ClientForm';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { investigatorSchema, type InvestigatorFormValues, type InvestigatorInput } from '@/lib/schemas/user';
import { setInvestigatorSitesAction } from '../actions';

/** The admin gives or takes back the investigator right (signing records) at each of the user's sites. */
export function InvestigatorForm({ userId, sites, siteIds }: { userId: string; sites: { id: string; code: string; name: string }[]; siteIds: string[] }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm<InvestigatorFormValues, unknown, InvestigatorInput>({ resolver: zodResolver(investigatorSchema), defaultValues: { siteIds } });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const onSubmit = form.handleSubmit(async () => {
    clear();
    setSaved(false);
    const result = await setInvestigatorSitesAction(userId, form.getValues());
    if (result.ok) {
      setSaved(true);
      router.refresh();
      return;
    }
    refuse(result);
  });
  return (
    <section className="panel" aria-labelledby="investigator" style={{ maxWidth: 720 }}>
      <h2 id="investigator">Investigator</h2>
      <p className="muted">An investigator signs visits and casebooks electronically at the sites ticked, with their password. Kept in the audit trail.</p>
      <ClientForm onSubmit={onSubmit} noValidate aria-label="Investigator right" style={{ display: 'grid', gap: '0.5rem' }}>
        <FormAlert {...alert} />
        <CheckGroup
          name="investigatorSiteIds"
          legend="Signs records at"
          options={sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
          error={errors.siteIds?.message}
          register={form.register('siteIds')}
        />
        {saved && (
          <p className="alert success" role="status">
            Investigator right saved.
          </p>
        )}
        <button type="submit" disabled={isSubmitting} style={{ justifySelf: 'start' }}>
          {isSubmitting ? 'Saving…' : 'Save investigator right'}
        </button>
      </ClientForm>
    </section>
  );
}
