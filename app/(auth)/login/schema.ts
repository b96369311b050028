import { z } from 'zod';

export const loginSchema = z.object(
  {
    email: z.string({ error: 'Email must be a valid address' }).trim().email('Email must be a valid address'),
    password: z.string({ error: 'Password is required' }).min(1, 'Password is required'),
  },
  { error: 'The form was not sent as expected: reload the page and try again' },
);

export type LoginValues = z.input<typeof loginSchema>;
