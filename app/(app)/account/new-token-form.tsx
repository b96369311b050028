'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { CheckGroup } from '@/components/form/CheckGroup';
import { ClientForm } from '@/components/form/ClientForm';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { MAX_TOKEN_DAYS } from '@/lib/auth/tokens';
import { newTokenSchema, type NewTokenFormValues, type NewTokenInput } from '@/lib/schemas/token';
import { createTokenAction } from './actions';

const EMPTY: NewTokenFormValues = { name: '', scopes: ['read'], days: '90' };

/** A new token: name, scopes, days. Its secret is shown here once, and never again. */
export function NewTokenForm() {
  const router = useRouter();
  const [made, setMade] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);
  const form = useForm<NewTokenFormValues, unknown, NewTokenInput>({ resolver: zodResolver(newTokenSchema), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);

  // The secret is what the user came for: once shown, it has the focus, selected, ready to copy.
  useEffect(() => {
    if (made) secretRef.current?.focus();
  }, [made]);

  const onSubmit = form.handleSubmit(async () => {
    clear();
    setMade(null);
    setCopied(false);
    const values = form.getValues();
    const result = await createTokenAction(values);
    if (result.ok) {
      setMade({ name: values.name.trim(), secret: result.secret });
      form.reset(EMPTY);
      router.refresh();
      return;
    }
    refuse(result);
  });

  async function copy() {
    if (!made) return;
    await navigator.clipboard.writeText(made.secret).then(
      () => setCopied(true),
      () => secretRef.current?.select(),
    );
  }

  return (
    <>
      {made && (
        <div className="alert success" role="status">
          <p style={{ margin: '0 0 0.4rem' }}>
            Token “{made.name}” made. Copy it now: <strong>it is shown only this once</strong>, and only its first characters are kept.
          </p>
          <div className="token-secret">
            <input ref={secretRef} readOnly value={made.secret} aria-label={`Secret of token ${made.name}`} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
            <button type="button" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      )}
      <ClientForm onSubmit={onSubmit} noValidate aria-label="New access token">
        <FormAlert {...alert} />
        <div className="grid">
          <Field name="name" label="Name" error={errors.name?.message} hint="What the token is for, e.g. “nightly report script”">
            {(a11y) => <input {...a11y} autoComplete="off" {...form.register('name')} />}
          </Field>
          <Field name="days" label="Valid for (days)" error={errors.days?.message} hint={`1 to ${MAX_TOKEN_DAYS}`}>
            {(a11y) => <input {...a11y} inputMode="numeric" autoComplete="off" {...form.register('days')} />}
          </Field>
        </div>
        <CheckGroup
          name="scopes"
          legend="May"
          options={[
            { value: 'read', label: 'read (reports, exports, listings)' },
            { value: 'write', label: 'write (create and change records through the API)' },
          ]}
          error={errors.scopes?.message}
          register={form.register('scopes')}
        />
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? 'Making…' : 'Make token'}
        </button>
      </ClientForm>
    </>
  );
}
