import type { ComponentChildren } from 'preact';
import { FORM_FIELDS, WIRE_NAMES, type FormField, type FormValues } from '../wire/fields';
import { EXPIRY_PRESETS, presetValue } from '../wire/expiry';
import { SIGN_IN_MODES, type SignInMode } from '../wire/sign-in-modes';
import type { FieldReport } from '../wire/validate';
import { Field, type Control, type Options } from './Field';
import { MODE_TEXT } from './ModePicker';
import { reportText } from './problems';

interface Props {
  values: FormValues;
  reports: Partial<Record<FormField, FieldReport>>;
  /** Errors appear once the person has left the field or pressed Authorize. */
  shown: (field: FormField) => boolean;
  /** `relative`: the expiry a preset set, like `7d`; a value typed by hand has none. */
  onInput: (field: FormField, value: string, relative?: string) => void;
  onBlur: (field: FormField) => void;
  onSubmit: () => void;
  /** Authorize cannot be pressed now; `submitNote` says why, when the reason is not on screen already. */
  disabled: boolean;
  submitNote?: string | undefined;
  /** The sign-in mode: it may set fields itself, and names the submit button; none where no mode can run. */
  mode: SignInMode | undefined;
  /** Placed before the submit button. */
  children?: ComponentChildren;
}

/** The control id of a field; the control's `name` is OpenRouter's wire name. */
export const controlId = (field: FormField) => `f-${WIRE_NAMES[field]}`;

interface FieldText {
  label: string;
  /** The help under the control, unless the mode has its own for the field. */
  help: string;
  control: Omit<Control, 'value'> & { options?: Options };
}

/** Each form field's words and control, by the names of BODY_FIELDS (src/wire/fields.ts), shown in its order. */
const FIELD_TEXT: Record<FormField, FieldText> = {
  callbackUrl: {
    label: 'Callback URL',
    help: 'Always this page: only this page can finish the exchange.',
    control: { type: 'url' },
  },
  keyLabel: { label: 'Key label', help: 'Up to 100 characters. Empty: the app name.', control: {} },
  limit: { label: 'Credit limit (USD)', help: 'Most the key may spend, like 5 or 12.50. Empty: no limit.', control: { inputMode: 'decimal' } },
  usageLimitType: {
    label: 'Limit resets',
    help: 'At midnight UTC; weeks run Monday to Sunday.',
    control: {
      options: [
        ['', 'Never'],
        ['daily', 'Daily'],
        ['weekly', 'Weekly'],
        ['monthly', 'Monthly'],
      ],
    },
  },
  expiresAt: {
    label: 'Expires',
    help: 'In your time zone; sent in UTC. Empty: never.',
    control: { type: 'datetime-local', step: 1 },
  },
  codeChallengeMethod: {
    label: 'Code challenge method',
    help: 'Keymint generates the verifier and its challenge.',
    control: {
      options: [
        ['S256', 'S256 (recommended)'],
        ['plain', 'plain'],
      ],
    },
  },
  workspaceId: { label: 'Workspace ID', help: 'Optional, a UUID.', control: {} },
};

/** The key settings form: each control labelled, with help, hint and error tied to it by aria-describedby. */
/** Whether `mode` sets `field` itself, so that the person cannot edit it. */
function setByMode(mode: SignInMode | undefined, field: FormField): boolean {
  if (!mode) return false;
  const rule = SIGN_IN_MODES[mode];
  if (field === 'callbackUrl') return rule.callback !== 'form';
  return field === 'codeChallengeMethod' && rule.forcesS256;
}

export function MintForm({ values, reports, shown, onInput, onBlur, onSubmit, disabled, submitNote, mode, children }: Props) {
  // Handled on the button's click too: a frame sandboxed without allow-forms never fires submit,
  // while Enter in a field still clicks the submit button.
  const submit = (e: Event) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>Key settings</h2>
      {FORM_FIELDS.map((field) => {
        const { label, help, control } = FIELD_TEXT[field];
        // A field the mode sets itself says why in place of its help; a mode may also say what a field means for it.
        const locked = setByMode(mode, field);
        const { hint, error } = reportText(reports[field]);
        const expiry = field === 'expiresAt';
        return (
          <Field
            id={controlId(field)}
            label={label}
            help={(mode && MODE_TEXT[mode].fieldHelp?.[field]) || help}
            hint={!locked && hint}
            error={!locked && shown(field) && error}
            name={WIRE_NAMES[field]}
            value={values[field]}
            readOnly={locked}
            onValue={(value) => onInput(field, value)}
            onBlur={() => onBlur(field)}
            {...control}
          >
            {expiry && (
              <div role="group" aria-label="Expiry presets">
                {EXPIRY_PRESETS.map(([text, days]) => (
                  <button type="button" onClick={() => onInput(field, presetValue(days, new Date()), days ? `${days}d` : '')}>
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
        {mode && !SIGN_IN_MODES[mode].opensAuth ? MODE_TEXT[mode].label : 'Authorize'}
      </button>
      {submitNote && (
        <p class="help" id="submit-note">
          {submitNote}
        </p>
      )}
    </form>
  );
}
