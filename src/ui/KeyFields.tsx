import type { KeyFieldsCheck, KeyField } from '../wire/create-code';
import { Field } from './Field';
import { reportText } from './problems';

export type { KeyFieldsCheck, KeyField };
/** What the person typed; a field not typed in yet is left out. */
export type KeyValues = Partial<Record<KeyField, string>>;

interface Props {
  values: KeyValues;
  reports: KeyFieldsCheck['reports'];
  /** Errors appear once the person has left the field or pressed the mint button. */
  shown: (field: KeyField) => boolean;
  onBlur: (field: KeyField) => void;
  keep: boolean;
  onInput: (field: KeyField, value: string) => void;
  onKeep: (keep: boolean) => void;
}

/** Field, label, help and input type. */
const KEY_FIELD_TEXT: [KeyField, string, string, string?][] = [
  ['existingKey', 'Your OpenRouter API key', 'Sent only as the Bearer token; kept in memory only.', 'password'],
  ['httpReferer', 'App URL (HTTP-Referer)', 'Optional: ranks your app on OpenRouter.', 'url'],
  ['appTitle', 'App title (X-OpenRouter-Title)', 'Optional.'],
  ['appCategories', 'App categories (X-OpenRouter-Categories)', 'Optional: up to 2, like cli-agent,cloud-agent.'],
];

/** The existing key and the three attribution headers, for minting without a sign-in page. */
export function KeyFields({ values, reports, shown, onBlur, keep, onInput, onKeep }: Props) {
  return (
    <>
      {KEY_FIELD_TEXT.map(([field, label, help, type]) => {
        const { hint, error } = reportText(reports[field]);
        return (
          <Field
            id={`k-${field}`}
            label={label}
            help={help}
            hint={hint}
            error={shown(field) && error}
            type={type}
            value={values[field] ?? ''}
            spellcheck={false}
            onValue={(value) => onInput(field, value)}
            onBlur={() => onBlur(field)}
          />
        );
      })}
      <div class="choice">
        <input type="checkbox" id="k-keep" checked={keep} onChange={(e) => onKeep(e.currentTarget.checked)} />
        <label for="k-keep">Keep my key here to mint another</label>
      </div>
    </>
  );
}
