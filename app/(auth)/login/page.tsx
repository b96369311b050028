import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getAccess } from '@/server/auth/session';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage() {
  if (await getAccess()) redirect('/patients');
  return (
    <main className="login">
      <h1>DM JAKi registry</h1>
      <p className="muted">Adult dermatomyositis on JAK inhibitors: visits, outcomes and safety.</p>
      <div className="panel">
        <LoginForm />
      </div>
    </main>
  );
}
