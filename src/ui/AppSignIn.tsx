import { useState } from 'preact/hooks';
import type { ProgramFile, ProgramSettings } from '../wire/snippets';
import type { OnCopy } from './Copyable';
import { ProgramCode } from './ProgramCode';

interface Props {
  settings: ProgramSettings;
  onCopy: OnCopy;
}

const APP_CODE: ProgramFile[] = ['app.ts', 'app.py', 'app.go'];

/** For people building an app: this sign-in with these settings as code, fetched once opened. */
export function AppSignIn({ settings, onCopy }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <details
      // Opened on the prerendered page, before this script ran.
      ref={(details) => {
        if (details?.open) setOpen(true);
      }}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Use this sign-in in your app</summary>
      {open && <ProgramCode id="app-language" label="Language" choices={APP_CODE} settings={settings} codeLabel="App sign-in code" onCopy={onCopy} />}
    </details>
  );
}
