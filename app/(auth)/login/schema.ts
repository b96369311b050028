import { z } from 'zod';

export const loginSchema = z.object({
  email: z.string().trim().email('Email must be a valid address'),
  password: z.string().min(1, 'Password is required'),
});

export type LoginValues = z.input<typeof loginSchema>;
