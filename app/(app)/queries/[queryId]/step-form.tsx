'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm, type Resolver } from 'react-hook-form';
import { ClientForm } from '@/components/form/ClientForm';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { answerQuerySchema, closeQuerySchema, reopenQuerySchema } from '@/lib/schemas/data-query';
import { answerQueryAction, closeQueryAction, reopenQueryAction } from '../actions';

// One step on a query, each with its text: the answer (required), a closing comment (optional),
// what is still to be done when sending it back (required).
const STEPS = {
  answer: { schema: answerQuerySchema, action: answerQueryAction, name: 'answer', label: 'Answer', hint: 'The value stands as recorded: say why', submit: 'Answer without changing the value' },
  close: { schema: closeQuerySchema, action: closeQueryAction, name: 'comment', label: 'Closing comment (optional)', hint: undefined, submit: 'Close the query' },
  reopen: { schema: reopenQuerySchema, action: reopenQueryAction, name: 'comment', label: 'What is still to be done', hint: 'The site sees the query open again', submit: 'Send back' },
} as const;

type Values = { queryId: string; answer?: string; comment?: string };

export function StepForm({ step, queryId }: { step: keyof typeof STEPS; queryId: string }) {
  const { schema, action, name, label, hint, submit } = STEPS[step];
  const router = useRouter();
  // The three schemas take one shape (the query and one text); the resolver is typed for it.
  const resolver = zodResolver(schema as typeof answerQuerySchema) as unknown as Resolver<Values>;
  const form = useForm<Values>({ resolver, defaultValues: { queryId, [name]: '' } });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result = await action(form.getValues());
    if (result.ok) {
      form.reset({ queryId, [name]: '' });
      router.refresh();
      return;
    }
    refuse(result);
  });
  const id = `${step}-${name}`;
  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label={submit} className="step-form">
      <FormAlert {...alert} />
      <Field name={id} label={label} error={errors[name]?.message} hint={hint}>
        {(a11y) => <textarea {...a11y} rows={2} {...form.register(name)} />}
      </Field>
      <button type="submit" className={step === 'close' ? 'primary' : undefined} disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : submit}
      </button>
    </ClientForm>
  );
}
