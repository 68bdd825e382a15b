import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { usePhase, usePkceDraft } from './hooks';
import { OPENROUTER_ORIGIN } from '../config';
import type { Embedding } from '../flow/frame';
import { navigatorFor } from '../flow/navigators';
import { signInRequest, type PkceDraft } from '../flow/pkce';
import type { Phase, Session } from '../flow/session';
import type { Prefill } from '../link/prefill';
import { checkKeyFields, describeCreateCodeRequest } from '../wire/create-code';
import { blankForm, type FormField, type FormValues } from '../wire/fields';
import { toWireBody } from '../wire/request';
import { deriveRequest, runnableMode, SIGN_IN_MODES, type PageLimit, type SignInMode } from '../wire/sign-in-modes';
import { snippets } from '../wire/snippets';
import { copyToClipboard } from './clipboard';
import { EmbedPanel } from './EmbedPanel';
import { FailureAlert } from './FailureAlert';
import { ALERT_TITLE, KEY_TITLE, PASTE_INPUT, WAIT_TITLE } from './ids';
import { KeyFields, type KeyValues } from './KeyFields';
import { KeyPanel } from './KeyPanel';
import { controlId, MintForm } from './MintForm';
import { MODE_TEXT, ModePicker } from './ModePicker';
import { statusOf } from './phase';
import { Preview } from './Preview';
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
  /** The visitor's time zone, named in the expiry help; empty when not known (prerendering). */
  timeZone: string;
  /** The first sign-in's PKCE material, made before the first render so that the preview starts complete. */
  draft?: PkceDraft | undefined;
  /** The settings panel was opened on the prerendered page. */
  embedOpen?: boolean;
}

/** In place of what only the page's script can know: this page's address, the PKCE challenge. */
const PENDING = '…';

const KEYS_PAGE = `${OPENROUTER_ORIGIN}/settings/keys`;

const focus = (id: string) => document.getElementById(id)?.focus();

/** What takes focus when a phase appears: the key, what to do while waiting, or a failure (only a failure renders ALERT_TITLE). */
const focusTarget = (phase: Phase) =>
  phase.kind === 'minted' ? KEY_TITLE : phase.kind !== 'waiting' ? ALERT_TITLE : phase.mode === 'paste' || phase.lost ? PASTE_INPUT : WAIT_TITLE;

/** Owns the page state and composes the parts; each part renders its props. */
export function App({ session, pageUrl, prefill, picked, embedding, limits, timeZone, draft: firstDraft, embedOpen }: AppProps) {
  const phase = usePhase(session);
  const secure = !limits.includes('insecure');
  const { draft, drafting, renew } = usePkceDraft(secure, firstDraft);
  const [values, setValues] = useState<FormValues>(() => ({ ...blankForm(pageUrl), ...prefill.values }));
  // Redirect unless chosen otherwise; where the wanted mode cannot run, the first that can.
  const [mode, setMode] = useState(() => runnableMode(picked ?? prefill.mode ?? 'redirect', limits));
  /** The existing key and attribution for minting with a key; memory only. */
  const [keyValues, setKeyValues] = useState<KeyValues>({});
  const [keepKey, setKeepKey] = useState(false);
  const [touched, setTouched] = useState<FormField[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [note, setNote] = useState('');
  const focusInvalid = useRef(false);
  const shownPhase = useRef(phase);

  // Focus moves in layout effects: right after the render that shows its target, before the next
  // key press, as it did before the app used hooks.
  useLayoutEffect(() => {
    // Move focus to what just appeared.
    const before = shownPhase.current;
    shownPhase.current = phase;
    if (phase !== before && (phase.kind !== before.kind || focusTarget(phase) !== focusTarget(before))) focus(focusTarget(phase));
    // Minting done: the existing key leaves memory unless the person keeps it for another mint.
    if (phase.kind === 'minted' && !keepKey) setKeyValues(({ existingKey: _, ...rest }) => rest);
  }, [phase]);

  useLayoutEffect(() => {
    // After a blocked submit, the first invalid control in page order takes focus.
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    document.querySelector<HTMLElement>('.columns [aria-invalid]')?.focus();
  });

  useEffect(() => {
    // Back from OpenRouter through the back/forward cache: the page did not open OpenRouter after all.
    const restored = (e: PageTransitionEvent) => e.persisted && setNote('');
    addEventListener('pageshow', restored);
    return () => removeEventListener('pageshow', restored);
  }, []);

  const copy = (text: string) => copyToClipboard(text).then((copied) => setNote(copied ? 'Copied.' : 'Copy blocked: select the text and copy it by hand.'));

  const rule = mode && SIGN_IN_MODES[mode];
  const derived = deriveRequest(mode ?? 'redirect', values, pageUrl, new Date());
  // Exactly what the session will sign, once the draft's challenge is ready.
  const request = draft && signInRequest(OPENROUTER_ORIGIN, derived.body, draft);
  const body = request?.body ?? derived.body;
  // The prerendered page knows neither this page's address nor a challenge yet; it shows the same lines, marked as pending.
  const known = pageUrl !== '';
  const shownBody = request
    ? body
    : { ...body, ...(!known && rule?.callback !== 'none' && { callbackUrl: PENDING }), ...(secure && { codeChallenge: PENDING }) };
  const keyCheck = mode === 'key' ? checkKeyFields(keyValues) : null;
  const keyShown = phase.kind === 'minted';
  const disabled = !mode || keyShown || phase.kind === 'exchanging' || phase.kind === 'waiting';

  /** Runs in the click itself, so that a popup opens with the person's gesture. */
  const submit = () => {
    focusInvalid.current = true;
    setSubmitted(true);
    setTouched([...touched]); // renders again, so the focus moves even when `submitted` was already true
    const pending = drafting.current;
    if (disabled || !pending || !derived.valid || keyCheck?.valid === false) return;
    const { body } = derived;
    if (mode === 'key') {
      const { existingKey, attribution } = keyCheck!;
      void pending.then((draft) => session.start({ mode, body, draft, existingKey: existingKey!, attribution }));
    } else {
      // End the earlier sign-in before a window opens: window.open copies this tab's sessionStorage,
      // and a stored verifier must not live on in the sign-in window.
      session.reset();
      const navigator = navigatorFor(mode, window, embedding.framed);
      if (typeof navigator === 'string') return session.popupBlocked(navigator);
      if (mode === 'redirect') setNote('Opening OpenRouter…');
      // Right after the page loads the challenge may still be on its way: go on once it is there.
      // When it is there already, `then` runs before the click's handling ends.
      void pending.then((draft) => session.start({ mode, body, draft, navigator: navigator! }));
    }
    renew();
  };

  const restart = () => {
    session.reset();
    setNote('');
    setSubmitted(false);
    focus(controlId('keyLabel'));
  };

  const modeText = mode && MODE_TEXT[mode];
  // Fields this mode sets itself, with the reason in place of their help.
  const fixed: Partial<Record<FormField, string>> = {};
  if (rule?.callback !== 'form' && modeText?.callbackHelp) fixed.callbackUrl = modeText.callbackHelp;
  if (rule?.forcesS256 && modeText?.methodHelp) fixed.codeChallengeMethod = modeText.methodHelp;

  return (
    <>
      {/* The links to this page with its prefill read `location`: never prerendered, as no frame and no popup exist then. */}
      {embedding.framed && (
        <p class="embedded">
          Embedded on <strong>{embedding.parentOrigin ? new URL(embedding.parentOrigin).host : 'an unknown site'}</strong>.{' '}
          <a href={pageUrl + location.search} target="_blank" rel="noopener noreferrer">
            Open Keymint in its own tab
          </a>
        </p>
      )}
      {!secure && (
        <p class="box alert" role="alert">
          Keymint needs HTTPS (or localhost): over plain http:// the browser withholds the Web Crypto that PKCE needs. Open this page at an https:// address.
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
          {prefill.notes.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}
      {/* Progress in a polite live region; failures in an alert region, always in the page so that filling it is announced. */}
      <p role="status" aria-live="polite">
        {statusOf(phase) || note}
      </p>
      <FailureAlert
        phase={phase}
        keysPage={KEYS_PAGE}
        ownTabUrl={pageUrl + (typeof location === 'undefined' ? '' : location.search)}
        onRetry={() => session.retry()}
        onPaste={() => {
          restart();
          setMode('paste');
        }}
        onRestart={restart}
      />
      {phase.kind === 'waiting' && <WaitingPanel phase={phase} onPaste={(text) => session.paste(text)} onCancel={restart} />}
      {phase.kind === 'minted' && <KeyPanel minted={phase} keysPage={KEYS_PAGE} onCopy={copy} onForget={restart} />}
      <div class="columns">
        <MintForm
          values={derived.shown}
          reports={derived.reports}
          shown={(field) => submitted || touched.includes(field)}
          onInput={(field, value) => setValues({ ...values, [field]: value })}
          onBlur={(field) => touched.includes(field) || setTouched([...touched, field])}
          onSubmit={submit}
          submitLabel={modeText && !rule?.opensAuth ? modeText.label : 'Authorize'}
          disabled={disabled}
          submitNote={keyShown ? 'Forget this key to mint another.' : undefined}
          fixed={fixed}
          timeZone={timeZone}
        >
          <ModePicker mode={mode} limits={limits} onChange={setMode} />
          {keyCheck && (
            <KeyFields
              values={keyValues}
              reports={keyCheck.reports}
              shown={submitted}
              keep={keepKey}
              onInput={(field, value) => setKeyValues({ ...keyValues, [field]: value })}
              onKeep={setKeepKey}
            />
          )}
        </MintForm>
        <Preview
          bodyJson={JSON.stringify(toWireBody(shownBody), null, 2)}
          authorizeUrl={!rule?.opensAuth ? undefined : request && derived.valid ? request.url : null}
          partial={known && !derived.valid}
          onCopy={copy}
        >
          {keyCheck && (
            <RequestView
              request={describeCreateCodeRequest(OPENROUTER_ORIGIN, keyCheck.existingKey ?? '', body, keyCheck.attribution)}
              snippets={snippets(OPENROUTER_ORIGIN, body, keyCheck.attribution)}
              onCopy={copy}
            />
          )}
        </Preview>
      </div>
      <details open={embedOpen}>
        <summary>Link or embed these settings</summary>
        <EmbedPanel pageUrl={pageUrl} values={values} mode={mode === 'key' || !mode ? 'popup' : mode} onCopy={copy} />
      </details>
    </>
  );
}
