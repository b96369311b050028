'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ClientForm } from '@/components/form/ClientForm';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import type { QueryEntity } from '@/lib/queries/rules';
import { raiseQuerySchema } from '@/lib/schemas/data-query';
import { raiseQueryAction } from './actions';

type Values = z.input<typeof raiseQuerySchema>;

/** The field a query is about (the record's field table, in its form's order) and the question. */
export function RaiseForm({ entity, recordId, fields, field }: { entity: QueryEntity; recordId: string; fields: { key: string; label: string }[]; field: string }) {
  const router = useRouter();
  const form = useForm<Values, unknown, z.output<typeof raiseQuerySchema>>({
    resolver: zodResolver(raiseQuerySchema),
    defaultValues: { entity, recordId, field, question: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result = await raiseQueryAction(form.getValues());
    if (result.ok) {
      router.push(`/queries/${result.id}`);
      router.refresh();
      return;
    }
    refuse(result);
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label="Raise a query" className="panel step-form">
      <FormAlert {...alert} />
      <Field name="field" label="Field" error={errors.field?.message}>
        {(a11y) => (
          <select {...a11y} {...form.register('field')}>
            <option value="">Choose the field</option>
            {fields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="question" label="Question" error={errors.question?.message} hint="What the site should check, as the source shows it">
        {(a11y) => <textarea {...a11y} rows={3} {...form.register('question')} />}
      </Field>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Raising…' : 'Raise the query'}
      </button>
    </ClientForm>
  );
}
