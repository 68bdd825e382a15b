// The minted key, wrapped so that stringifying or logging it by accident shows no secret.

export interface ApiKey {
  /** The secret itself, for display on request and for the clipboard. */
  reveal(): string;
  /** Prefix and last four characters, the rest hidden. */
  readonly masked: string;
}

export function apiKey(value: string): ApiKey {
  const masked = `${value.startsWith('sk-or-v1-') ? 'sk-or-v1-' : ''}${'•'.repeat(12)}${value.slice(-4)}`;
  return { reveal: () => value, masked, toString: () => masked, toJSON: () => masked } as ApiKey;
}
