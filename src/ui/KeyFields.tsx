import { h, Fragment } from 'preact';
import type { Attribution, AttributionField } from '../wire/create-code';
import { describedBy, Field } from './Field';

export type KeyField = 'existingKey' | AttributionField;
export type KeyValues = Record<KeyField, string>;

/** The key-mode fields, checked. */
export interface KeyCheck {
  attribution: Attribution;
  reports: Partial<Record<KeyField, { error?: string; hint?: string }>>;
  valid: boolean;
  existingKey?: string;
}

interface Props {
  values: KeyValues;
  reports: Partial<Record<KeyField, { error?: string; hint?: string }>>;
  shown: boolean;
  keep: boolean;
  onInput: (field: KeyField, value: string) => void;
  onKeep: (keep: boolean) => void;
}

/** Label, help, and the input's extra attributes. */
const FIELDS: [KeyField, string, string, { type?: string }][] = [
  ['existingKey', 'Your OpenRouter API key', 'Sent only as the Bearer token of this one request; kept in memory, never shown.', { type: 'password' }],
  ['httpReferer', 'App URL (HTTP-Referer)', 'Optional: identifies your app in OpenRouter’s rankings.', { type: 'url' }],
  ['appTitle', 'App title (X-OpenRouter-Title)', 'Optional: how the app is named on OpenRouter.', {}],
  ['appCategories', 'App categories (X-OpenRouter-Categories)', 'Optional: at most 2, comma-separated, like cli-agent,cloud-agent.', {}],
];

/** The existing key and the three attribution headers, for minting without a sign-in page. */
export function KeyFields({ values, reports, shown, keep, onInput, onKeep }: Props) {
  return (
    <>
      {FIELDS.map(([field, label, help, extra]) => {
        const id = `k-${field}`;
        const error = shown && reports[field]?.error;
        const hint = reports[field]?.hint;
        return (
          <Field id={id} label={label} help={help} hint={hint} error={error}>
            <input
              id={id}
              value={values[field]}
              autocomplete="off"
              spellcheck={false}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy(id, hint, error)}
              onInput={(e) => onInput(field, e.currentTarget.value)}
              {...extra}
            />
          </Field>
        );
      })}
      <div class="choice">
        <input type="checkbox" id="k-keep" checked={keep} onChange={(e) => onKeep(e.currentTarget.checked)} />
        <label for="k-keep">Keep my key here to mint another</label>
      </div>
    </>
  );
}
