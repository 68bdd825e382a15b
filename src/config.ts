// Build-time settings. VITE_OPENROUTER_URL sets where both /auth and /api/v1 live.
export const DEFAULT_OPENROUTER_URL = 'https://openrouter.ai';

export const OPENROUTER_ORIGIN: string = new URL(import.meta.env.VITE_OPENROUTER_URL || DEFAULT_OPENROUTER_URL).origin;
