'use server';

import { isAPIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { asOneAction } from '@/db/correlation';
import { fieldErrorsOf } from '@/lib/action-errors';
import { DEACTIVATED } from '@/lib/auth/policy';
import { UNAVAILABLE_MESSAGE, logUnavailable, unavailableCode } from '@/lib/db-unavailable';
import type { ActionResult } from '@/lib/errors';
import { getAuth } from '@/server/auth/auth';
import { loginSchema, type LoginValues } from './schema';

export async function signIn(values: LoginValues): Promise<ActionResult<never>> {
  const parsed = loginSchema.safeParse(values);
  if (!parsed.success) return { ok: false, message: 'Enter your email and password.', fieldErrors: fieldErrorsOf(parsed.error) };
  const auth = await getAuth();
  try {
    // One attempt is one action: a refused password and the lock it sets are read together.
    const requestHeaders = await headers();
    await asOneAction(() => auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: requestHeaders }));
  } catch (e) {
    // A lock says so (it holds whatever the password), and a deactivated account once its
    // password proved right; any other refusal says no more than this.
    if (isAPIError(e) && (e.status === 'TOO_MANY_REQUESTS' || e.body?.code === DEACTIVATED.code)) return { ok: false, message: e.message };
    const unavailable = unavailableCode(e);
    if (unavailable) {
      logUnavailable('sign-in', unavailable);
      return { ok: false, message: UNAVAILABLE_MESSAGE };
    }
    return { ok: false, message: 'Email or password is not right.' };
  }
  redirect('/patients');
}
