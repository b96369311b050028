'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { CheckGroup } from '@/components/form/CheckGroup';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { ROLES, label } from '@/lib/codes';
import { newUserSchema, type NewUserFormValues, type NewUserInput } from '@/lib/schemas/user';
import { createUserAction } from './actions';
import { ClientForm } from '@/components/form/ClientForm';

const EMPTY: NewUserFormValues = { name: '', email: '', role: 'clinician', password: '', siteIds: [] };

export function UserForm({ sites }: { sites: { id: string; code: string; name: string }[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<NewUserFormValues, unknown, NewUserInput>({ resolver: zodResolver(newUserSchema), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);

  const onSubmit = form.handleSubmit(async () => {
    clear();
    setCreated(null);
    const values = form.getValues();
    const result = await createUserAction(values);
    if (result.ok) {
      setCreated(`User ${values.email} created.`);
      form.reset(EMPTY);
      router.refresh();
      return;
    }
    refuse(result);
  });

  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label="New user">
      <FormAlert {...alert} />
      {created && (
        <div className="alert success" role="status">
          {created}
        </div>
      )}
      <div className="grid">
        <Field name="name" label="Name" error={errors.name?.message}>
          {(a11y) => <input {...a11y} autoComplete="off" {...form.register('name')} />}
        </Field>
        <Field name="email" label="Email" error={errors.email?.message}>
          {(a11y) => <input {...a11y} type="email" autoComplete="off" {...form.register('email')} />}
        </Field>
        <Field name="role" label="Role" error={errors.role?.message}>
          {(a11y) => (
            <select {...a11y} {...form.register('role')}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {label(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="password" label="Initial password" error={errors.password?.message} hint="At least 10 characters">
          {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...form.register('password')} />}
        </Field>
      </div>
      <CheckGroup
        name="siteIds"
        legend="Sites"
        options={sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
        error={errors.siteIds?.message}
        register={form.register('siteIds')}
      />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Creating…' : 'Create user'}
      </button>
    </ClientForm>
  );
}
