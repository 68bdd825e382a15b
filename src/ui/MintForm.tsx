import type { ComponentChildren } from 'preact';
import { WIRE_NAMES, type FormField, type FormValues } from '../wire/fields';
import { EXPIRY_PRESETS, presetValue } from '../wire/expiry';
import { Field, type Control, type Options } from './Field';
import type { FieldReport } from '../wire/validate';

interface Props {
  values: FormValues;
  reports: Partial<Record<FormField, FieldReport>>;
  /** Errors appear once the person has left the field or pressed Authorize. */
  shown: (field: FormField) => boolean;
  onInput: (field: FormField, value: string) => void;
  onBlur: (field: FormField) => void;
  onSubmit: () => void;
  /** Authorize cannot be pressed now; `submitNote` says why, when the reason is not on screen already. */
  disabled: boolean;
  submitNote?: string | undefined;
  /** Fields the sign-in mode sets by itself, with the reason to show instead of the help. */
  fixed: Partial<Record<FormField, string>>;
  timeZone: string;
  submitLabel: string;
  /** Placed before the submit button. */
  children?: ComponentChildren;
}

/** The control id of a field; the control's `name` is OpenRouter's wire name. */
export const controlId = (field: FormField) => `f-${WIRE_NAMES[field]}`;

/** Field, label, help, and the control's attributes, or a select's options, in form order. */
const FIELDS: [FormField, string, string, Omit<Control, 'value'> & { options?: Options }][] = [
  ['callbackUrl', 'Callback URL', 'https:// (http:// only on localhost or 127.0.0.1). Only this page can finish the exchange.', { type: 'url' }],
  ['keyLabel', 'Key label', 'Up to 100 characters. Empty: the app name.', {}],
  ['limit', 'Credit limit (USD)', 'Most the key may spend, like 5 or 12.50. Empty: no limit.', { inputMode: 'decimal' }],
  ['usageLimitType', 'Limit resets', 'At midnight UTC; weeks run Monday to Sunday.', { options: [['', 'Never'], ['daily', 'Daily'], ['weekly', 'Weekly'], ['monthly', 'Monthly']] }],
  ['expiresAt', 'Expires', '', { type: 'datetime-local', step: 1 }],
  ['codeChallengeMethod', 'Code challenge method', 'Keymint generates the verifier and its challenge.', { options: [['S256', 'S256 (recommended)'], ['plain', 'plain']] }],
  ['workspaceId', 'Workspace ID', 'Optional, a UUID.', {}],
];

/** The key settings form: each control labelled, with help, hint and error tied to it by aria-describedby. */
export function MintForm({ values, reports, shown, onInput, onBlur, onSubmit, disabled, submitNote, fixed, timeZone, submitLabel, children }: Props) {
  // Handled on the button's click too: a frame sandboxed without allow-forms never fires submit,
  // while Enter in a field still clicks the submit button.
  const submit = (e: Event) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>Key settings</h2>
      {FIELDS.map(([field, label, help, control]) => {
        const locked = fixed[field];
        const expiry = field === 'expiresAt';
        return (
          <Field
            id={controlId(field)}
            label={label}
            help={locked || (expiry ? `Your time zone${timeZone && ` (${timeZone})`}; sent in UTC. Empty: never.` : help)}
            hint={!locked && reports[field]?.hint}
            error={!locked && shown(field) && reports[field]?.error}
            name={WIRE_NAMES[field]}
            value={values[field]}
            readOnly={!!locked}
            onValue={(value) => onInput(field, value)}
            onBlur={() => onBlur(field)}
            {...control}
          >
            {expiry && (
              <div role="group" aria-label="Expiry presets">
                {EXPIRY_PRESETS.map(([text, days]) => (
                  <button type="button" onClick={() => onInput(field, presetValue(days, new Date()))}>
                    {text}
                  </button>
                ))}
              </div>
            )}
          </Field>
        );
      })}
      {children}
      <button type="submit" class="primary" disabled={disabled} aria-describedby={submitNote ? 'submit-note' : undefined} onClick={submit}>
        {submitLabel}
      </button>
      {submitNote && (
        <p class="help" id="submit-note">
          {submitNote}
        </p>
      )}
    </form>
  );
}
