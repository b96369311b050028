'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useForm } from 'react-hook-form';
import { signRecordAction } from '@/app/(app)/patients/[patientId]/actions';
import { ClientForm } from '@/components/form/ClientForm';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { signSchema, type SignFormValues, type SignInput } from '@/lib/schemas/signature';
import { MEANING_WORDS, SIGNATURE_MEANINGS, type SignedKind } from '@/lib/signatures/meaning';

type Props = {
  kind: SignedKind;
  id: string;
  /** The content hash of what the page shows: a record changed since is refused. */
  contentHash: string;
  /** What is signed, in words: "visit of 2024-01-22", "casebook of PSL-005". */
  what: string;
  signerName: string;
  /** A small link-like button (in a table row) or a full one. */
  compact?: boolean;
};

/** The investigator's "Sign" button, opening the signing dialog. */
export function SignButton(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={props.compact ? 'link' : undefined} onClick={() => setOpen(true)} aria-label={`Sign ${props.what}`}>
        {props.compact ? 'Sign' : 'Sign casebook'}
      </button>
      {/* In the body, not in the table cell the button may sit in: the dialog takes none of its styles. */}
      {open && createPortal(<SignDialog {...props} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}

/**
 * A modal dialog: the signer chooses what their signature means and types their password again
 * (both components of the signature at each signing, §11.200). It says what is signed and what
 * ends the signature's validity.
 */
function SignDialog({ kind, id, contentHash, what, signerName, onClose }: Props & { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const form = useForm<SignFormValues, unknown, SignInput>({ resolver: zodResolver(signSchema), defaultValues: { kind, id, contentHash, meaning: '', password: '' } });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result = await signRecordAction(form.getValues());
    if (result.ok) {
      onClose();
      router.refresh();
      return;
    }
    form.setValue('password', '');
    refuse(result);
  });
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="sign-title" className="sign-dialog">
      <ClientForm onSubmit={onSubmit} noValidate aria-label={`Sign ${what}`}>
        <h2 id="sign-title">Sign {what}</h2>
        <p>
          You sign as <strong>{signerName}</strong>. Your signature is shown with your name, the date and time (UTC) and the meaning you choose, and is
          bound to the {kind === 'patient' ? 'whole casebook (the patient and every visit, adverse event and relapse)' : 'visit'} as shown now: any later
          change makes it no longer valid. It is the legally binding equivalent of your handwritten signature.
        </p>
        <FormAlert {...alert} />
        <fieldset aria-describedby={errors.meaning ? 'f-meaning-error' : undefined}>
          <legend>Meaning of this signature</legend>
          <div className="choices">
            {SIGNATURE_MEANINGS.map((m) => (
              <label key={m}>
                <input type="radio" value={m} aria-invalid={Boolean(errors.meaning)} {...form.register('meaning')} /> {MEANING_WORDS[m]}
              </label>
            ))}
          </div>
          <span className="error" id="f-meaning-error" aria-live="polite">
            {errors.meaning?.message}
          </span>
        </fieldset>
        <Field name="password" label="Your password" error={errors.password?.message} hint="The one you sign in with. A wrong password counts as a failed sign-in.">
          {(a11y) => <input {...a11y} type="password" autoComplete="current-password" {...form.register('password')} />}
        </Field>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {isSubmitting ? 'Signing…' : 'Sign'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </ClientForm>
    </dialog>
  );
}
