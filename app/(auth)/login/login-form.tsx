'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { signIn } from './actions';
import { loginSchema, type LoginValues } from './schema';
import { ClientForm } from '@/components/form/ClientForm';

export function LoginForm() {
  const form = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);

  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result = await signIn(form.getValues());
    if (result && !result.ok) refuse(result);
  });

  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label="Sign in">
      <FormAlert {...alert} />
      <Field name="email" label="Email" error={errors.email?.message}>
        {(a11y) => <input {...a11y} type="email" autoComplete="username" autoFocus {...form.register('email')} />}
      </Field>
      <Field name="password" label="Password" error={errors.password?.message}>
        {(a11y) => <input {...a11y} type="password" autoComplete="current-password" {...form.register('password')} />}
      </Field>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </button>
    </ClientForm>
  );
}
