'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { CheckGroup } from '@/components/form/CheckGroup';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { ROLES, label } from '@/lib/codes';
import { userAccessSchema, type UserAccessFormValues, type UserAccessInput } from '@/lib/schemas/user';
import { updateUserAccessAction } from '../actions';
import { ClientForm } from '@/components/form/ClientForm';

export function AccessForm({
  userId,
  sites,
  defaultValues,
}: {
  userId: string;
  sites: { id: string; code: string; name: string }[];
  defaultValues: UserAccessFormValues;
}) {
  const router = useRouter();
  const form = useForm<UserAccessFormValues, unknown, UserAccessInput>({ resolver: zodResolver(userAccessSchema), defaultValues });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result = await updateUserAccessAction(userId, form.getValues());
    if (result.ok) {
      // The list says whose access was saved, and shows it there.
      router.push(`/admin/users?saved=${encodeURIComponent(userId)}`);
      router.refresh();
      return;
    }
    refuse(result);
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label="User access" style={{ display: 'grid', gap: '0.8rem', maxWidth: 720 }}>
      <FormAlert {...alert} />
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
      <CheckGroup
        name="siteIds"
        legend="Sites"
        options={sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
        error={errors.siteIds?.message}
        register={form.register('siteIds')}
      />
      <label>
        <input type="checkbox" {...form.register('active')} /> May sign in (untick to deactivate: their sessions end at once)
      </label>
      <button type="submit" className="primary" disabled={isSubmitting} style={{ justifySelf: 'start' }}>
        {isSubmitting ? 'Saving…' : 'Save access'}
      </button>
    </ClientForm>
  );
}
