export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { bootDatabase } = await import('./db/boot');
    await bootDatabase();
  }
}
