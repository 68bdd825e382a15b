import { useState } from 'preact/hooks';
import { OPENROUTER_ORIGIN } from '../config';
import { previewCreateCode } from '../flow/create-code';
import type { Embedding } from '../flow/frame';
import type { PkceDraft } from '../flow/pkce';
import type { Session } from '../flow/session';
import { previewSignIn, startSignIn, type SignInPress } from '../flow/sign-in';
import type { Prefill } from '../link/prefill';
import { blankForm, type FormField, type FormValues } from '../wire/fields';
import { toWireBody } from '../wire/request';
import { runnableMode, SIGN_IN_MODES, type PageLimit, type SignInMode } from '../wire/sign-in-modes';
import { AppSignIn } from './AppSignIn';
import { EmbedPanel } from './EmbedPanel';
import { FailureAlert } from './FailureAlert';
import { focus, useFocus } from './focus';
import { useKeyMint, useNote, usePhase, usePkceDraft } from './hooks';
import { KeyFields, type KeyField } from './KeyFields';
import { KeyPanel } from './KeyPanel';
import { controlId, MintForm } from './MintForm';
import { ModePicker } from './ModePicker';
import { statusOf } from './phase';
import { Preview } from './Preview';
import { ignoredText } from './problems';
import { RequestView } from './RequestView';
import { WaitingPanel } from './WaitingPanel';

export interface AppProps {
  session: Session;
  /** This page's address without query: the callback, and the base of prefilled links; empty while not known (prerendering). */
  pageUrl: string;
  prefill: Prefill;
  /** A mode the visitor chose on the prerendered page, before the app started. */
  picked?: SignInMode | undefined;
  embedding: Embedding;
  /** What this page lacks or is, which rules out some modes. */
  limits: readonly PageLimit[];
  /** The first sign-in's PKCE material, made before the first render so that the preview starts complete. */
  draft?: PkceDraft | undefined;
  /** The settings panel was opened on the prerendered page. */
  embedOpen?: boolean;
}

/** In place of what only the page's script can know: this page's address, the PKCE challenge. */
const PENDING = '…';

const KEYS_PAGE = `${OPENROUTER_ORIGIN}/settings/keys`;

/** Owns the page state and composes the parts; each part renders its props. */
export function App({ session, pageUrl, prefill, picked, embedding, limits, draft: firstDraft, embedOpen }: AppProps) {
  const phase = usePhase(session);
  const secure = !limits.includes('insecure');
  const { draft, drafting, renew } = usePkceDraft(secure, firstDraft);
  const [values, setValues] = useState<FormValues>(() => ({ ...blankForm(pageUrl), ...prefill.values }));
  // An expiry from a preset or a link's expires_in stays relative (`7d`) until the person edits the date: links then carry expires_in.
  const [expiresIn, setExpiresIn] = useState(prefill.expiresIn ?? '');
  // Redirect unless chosen otherwise; where the wanted mode cannot run, the first that can.
  const [mode, setMode] = useState(() => runnableMode(picked ?? prefill.mode ?? 'redirect', limits));
  const keyMint = useKeyMint(mode === 'key', phase);
  // The fields the person has left, key fields too: each says what is wrong once left, or once Authorize is pressed.
  const [touched, setTouched] = useState<(FormField | KeyField)[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const { note, setNote, copy } = useNote();
  const focusInvalid = useFocus(phase);

  const preview = previewSignIn(OPENROUTER_ORIGIN, mode ?? 'redirect', values, pageUrl, draft);
  const { derived } = preview;
  // While a sign-in waits, the preview shows the request it sent, not the next one's new challenge.
  const sent = phase.kind === 'waiting' && phase;
  const { body, url } = sent || preview;
  // The prerendered page knows neither this page's address nor a challenge yet; it shows the same lines, marked as pending.
  const known = pageUrl !== '';
  // This page with its link's settings; prerendering has no `location`.
  const ownTabUrl = pageUrl + (typeof location === 'undefined' ? '' : location.search);
  const rule = mode && SIGN_IN_MODES[mode];
  const shownBody =
    draft || sent ? body : { ...body, ...(!known && rule?.callback !== 'none' && { callbackUrl: PENDING }), ...(secure && { codeChallenge: PENDING }) };
  const keyCheck = keyMint.check;
  const keyShown = phase.kind === 'minted';
  const disabled = !mode || keyShown || phase.kind === 'exchanging' || phase.kind === 'waiting';

  /** Runs in the click itself, so that a popup opens with the person's gesture. */
  const submit = () => {
    focusInvalid();
    setSubmitted(true);
    setTouched([...touched]); // renders again, so the focus moves even when `submitted` was already true
    const pending = drafting.current;
    if (disabled || !pending || !derived.valid || keyCheck?.valid === false) return;
    const press: SignInPress = keyCheck
      ? { mode: 'key', body: derived.body, existingKey: keyCheck.existingKey!, attribution: keyCheck.attribution }
      : { mode: mode as Exclude<SignInMode, 'key'>, body: derived.body, expiresIn };
    // Said only once this tab is on its way: a start that bails out (or a blocked popup) says its own.
    void startSignIn(session, window, embedding.framed, press, pending).then((started) => started && mode === 'redirect' && setNote('Opening OpenRouter…'));
    renew();
  };

  const shown = (field: FormField | KeyField) => submitted || touched.includes(field);
  const leave = (field: FormField | KeyField) => touched.includes(field) || setTouched([...touched, field]);

  const restart = () => {
    session.reset();
    setNote('');
    setSubmitted(false);
    setTouched([]);
    focus(controlId('keyLabel'));
  };

  const toPaste = () => {
    restart();
    setMode('paste');
  };

  return (
    <>
      {/* The links to this page with its prefill read `location`: never prerendered, as no frame and no popup exist then. */}
      {embedding.framed && (
        <p class="embedded">
          Embedded on <strong>{embedding.parentOrigin ? new URL(embedding.parentOrigin).host : 'an unknown site'}</strong>.{' '}
          <a href={ownTabUrl} target="_blank" rel="noopener noreferrer">
            Open Keymint in its own tab
          </a>
        </p>
      )}
      {!secure && (
        <p class="box alert" role="alert">
          Keymint needs HTTPS (or localhost): over http:// the browser withholds the Web Crypto that PKCE needs.
        </p>
      )}
      {embedding.opaqueOrigin && (
        <p class="box alert" role="alert">
          This frame is sandboxed without <code>allow-same-origin</code>, so a popup cannot hand the code back: use Paste code, or ask the site to add that
          token.
        </p>
      )}
      {prefill.notes.length > 0 && (
        <ul class="hint" aria-label="Link parameters ignored">
          {prefill.notes.map((ignored) => (
            <li>{ignoredText(ignored)}</li>
          ))}
        </ul>
      )}
      {/* Progress in a polite live region; failures in an alert region, always in the page so that filling it is announced. */}
      <p role="status" aria-live="polite">
        {statusOf(phase) || note}
      </p>
      <FailureAlert phase={phase} keysPage={KEYS_PAGE} ownTabUrl={ownTabUrl} onRetry={() => session.retry()} onPaste={toPaste} onRestart={restart} />
      {phase.kind === 'waiting' && <WaitingPanel phase={phase} onPaste={(text) => session.paste(text)} onPasteMode={toPaste} onCancel={restart} />}
      {phase.kind === 'minted' && <KeyPanel minted={phase} keysPage={KEYS_PAGE} onCopy={copy} onForget={restart} onRecheck={() => session.retry()} />}
      <div class="columns">
        <MintForm
          values={derived.shown}
          reports={derived.reports}
          shown={shown}
          onInput={(field, value, relative = '') => {
            setValues({ ...values, [field]: value });
            if (field === 'expiresAt') setExpiresIn(relative);
          }}
          onBlur={leave}
          onSubmit={submit}
          disabled={disabled}
          submitNote={keyShown ? 'Forget this key to mint another.' : undefined}
          mode={mode}
        >
          <ModePicker mode={mode} limits={limits} onChange={setMode} />
          {keyCheck && (
            <KeyFields
              values={keyMint.values}
              reports={keyCheck.reports}
              shown={shown}
              onBlur={leave}
              keep={keyMint.keep}
              onInput={(field, value) => keyMint.setValues({ ...keyMint.values, [field]: value })}
              onKeep={keyMint.setKeep}
            />
          )}
        </MintForm>
        <Preview bodyJson={JSON.stringify(toWireBody(shownBody), null, 2)} authorizeUrl={url} partial={known && !sent && !derived.valid} onCopy={copy}>
          {keyCheck && <RequestView {...previewCreateCode(OPENROUTER_ORIGIN, keyCheck.existingKey ?? '', body, keyCheck.attribution)} onCopy={copy} />}
        </Preview>
      </div>
      <details open={embedOpen}>
        <summary>Link or embed these settings</summary>
        <EmbedPanel pageUrl={pageUrl} values={values} expiresIn={expiresIn} mode={mode} onCopy={copy} />
      </details>
      {/* After the embed panel, which start.tsx finds as the first <details>; nothing follows the preview's body, which may grow. */}
      {rule?.opensAuth && <AppSignIn settings={{ origin: OPENROUTER_ORIGIN, body }} onCopy={copy} />}
    </>
  );
}
