/** Runs once when the server starts: configuration is validated before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { validateConfigurationOrExit } = await import('./lib/startup');
    validateConfigurationOrExit();
  }
}
