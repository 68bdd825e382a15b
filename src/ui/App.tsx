import { Fragment, h, Component } from 'preact';
import { OPENROUTER_ORIGIN } from '../config';
import type { Embedding } from '../flow/frame';
import { openSignInPopup } from '../flow/popup-open';
import type { Phase, Session } from '../flow/session';
import { checkKeys, describeCreateCodeRequest } from '../wire/create-code';
import { snippets } from '../wire/snippets';
import { createDraft, signInRequest, type PkceDraft } from '../flow/pkce';
import type { Prefill } from '../link/prefill';
import { blankForm, type FormField, type FormValues } from '../wire/fields';
import { toWireBody } from '../wire/request';
import { checkForm } from '../wire/validate';
import { EmbedPanel } from './EmbedPanel';
import { ALERT_TITLE, KEY_TITLE, PASTE_INPUT, WAIT_TITLE } from './ids';
import { KeyFields, type KeyValues } from './KeyFields';
import { KeyPanel } from './KeyPanel';
import { MintForm, controlId } from './MintForm';
import { ModePicker, type SignIn } from './ModePicker';
import { Preview } from './Preview';
import { RequestView } from './RequestView';
import { failureOf, handoffOf, statusOf } from './phase';
import { WaitingPanel } from './WaitingPanel';

export interface AppProps {
  session: Session;
  /** This page's address without query: the callback, and the base of prefilled links. */
  pageUrl: string;
  prefill: Prefill;
  /** A mode the visitor chose on the prerendered page, before the app started. */
  picked?: SignIn | undefined;
  embedding: Embedding;
  /** Redirect sign-ins need sessionStorage to survive the round trip. */
  canRedirect: boolean;
  /** The visitor's time zone, named in the expiry help; empty when not known (prerendering). */
  timeZone: string;
}

// The optional fields are left out of the initial state: they start undefined, and render() gives
// them their defaults.
interface State {
  phase: Phase;
  values: FormValues;
  mode: SignIn;
  /** The existing key and attribution for minting with a key; memory only. */
  keyValues: KeyValues;
  keepKey?: boolean;
  touched?: FormField[];
  submitted?: boolean;
  draft?: PkceDraft | undefined;
  note?: string;
}

/** Fields a mode sets by itself, with the reason shown in place of the help. */
const FIXED: Partial<Record<SignIn, Partial<Record<FormField, string>>>> = {
  popup: { callbackUrl: 'A popup sign-in always returns to this page.' },
  paste: {
    callbackUrl: 'None: OpenRouter shows the code instead of redirecting.',
    codeChallengeMethod: 'Paste code requires S256.',
  },
};

/** The modes this page cannot run, with the reason shown in place of their help. */
type Unavailable = Partial<Record<SignIn, string>>;

const focus = (id: string) => document.getElementById(id)?.focus();

/** What takes focus when a phase appears: the key, what to do while waiting, or the failure (only a failure renders ALERT_TITLE). */
const focusTarget = (phase: Phase) =>
  phase.kind === 'minted' ? KEY_TITLE : phase.kind !== 'waiting' ? ALERT_TITLE : phase.via === 'paste' || phase.lost ? PASTE_INPUT : WAIT_TITLE;

/** Owns the page state; the components below it render props, and keep only view details (the key shown or masked, a snippet language). */
export class App extends Component<AppProps, State> {
  /** The next sign-in's PKCE material, made when the app mounts and again after each use. */
  private drafting!: Promise<PkceDraft>;

  private readonly off: Unavailable;

  constructor(props: AppProps) {
    super(props);
    const { embedding, prefill } = props;
    const off: Unavailable = (this.off = {
      redirect: embedding.framed
        ? 'A frame cannot leave the page it is embedded in.'
        : props.canRedirect
          ? undefined
          : 'No session storage here to keep the verifier across the redirect.',
      popup: embedding.opaqueOrigin ? 'The frame’s sandbox lacks allow-same-origin.' : undefined,
    });
    // Redirect unless chosen otherwise; where the wanted mode cannot run (a frame cannot redirect), popup, else paste.
    const wanted = props.picked ?? prefill.mode ?? 'redirect';
    this.state = {
      phase: props.session.phase,
      values: { ...blankForm(props.pageUrl), ...prefill.values },
      mode: !off[wanted] ? wanted : !off.popup ? 'popup' : 'paste',
      keyValues: {},
    };
  }

  override componentDidMount() {
    const { session } = this.props;
    // The app lives as long as the page, so it never unsubscribes.
    session.subscribe(() => {
      const { phase } = session;
      const { keyValues, keepKey } = this.state;
      this.setState({
        phase,
        // Minting done: the existing key leaves memory unless the person keeps it for another mint.
        keyValues: phase.kind === 'minted' && !keepKey ? { ...keyValues, existingKey: '' } : keyValues,
      });
    });
    this.freshDraft();
  }

  override componentDidUpdate(_: AppProps, prev: State) {
    const { phase } = this.state;
    // Move focus to what just appeared.
    const target = focusTarget(phase);
    if (phase.kind !== prev.phase.kind || target !== focusTarget(prev.phase)) focus(target);
  }

  private freshDraft() {
    const next = createDraft();
    this.drafting = next;
    this.setState({ draft: undefined });
    void next.then((draft) => this.drafting === next && this.setState({ draft }));
  }

  private copy = (text: string) => {
    navigator.clipboard.writeText(text).then(
      () => this.setState({ note: 'Copied.' }),
      () => this.setState({ note: 'Copy blocked: select the text and copy it by hand.' }),
    );
  };

  /** Runs in the submit handler itself, so the popup opens with the person's click. */
  private submit(check: ReturnType<typeof checkForm>, keyCheck: ReturnType<typeof checkKeys> | null) {
    const { mode } = this.state;
    const { session, embedding } = this.props;
    // Every error shows now, and the first invalid control in page order takes focus.
    this.setState({ submitted: true }, () => document.querySelector<HTMLElement>('.columns [aria-invalid]')?.focus());
    if (!check.valid || keyCheck?.valid === false) return;

    let go: (ready: PkceDraft) => void;
    if (mode === 'popup') {
      // Opened blank in the click itself, so popup blockers allow it.
      const popup = openSignInPopup(window, embedding.framed);
      if (typeof popup === 'string') return session.popupBlocked(popup);
      // The popup is open and blank; it goes to OpenRouter as soon as the challenge is ready.
      go = (ready) => session.openPopup(check.body, ready, popup);
    } else if (keyCheck?.existingKey) {
      const { existingKey, attribution } = keyCheck;
      go = (ready) => session.mintWithKey(existingKey, check.body, attribution, ready);
    } else if (mode === 'paste') go = (ready) => open(session.openPaste(check.body, ready), '_blank', 'noopener,noreferrer');
    else
      go = (ready) => {
        this.setState({ note: 'Opening OpenRouter…' });
        location.assign(session.authorize(check.body, ready));
      };
    // Right after the page loads the challenge may still be on its way: go on once it is there.
    // When it is there already, `then` runs before the click's handling ends: the tab opens with it.
    void this.drafting.then(go);
    this.freshDraft(); // never reuse a verifier or state, even if the visitor comes back
  }

  private restart = () => {
    this.props.session.reset();
    this.setState({ note: '' });
    focus(controlId('keyLabel'));
  };

  override render(props: AppProps, state: State) {
    const { session, pageUrl, prefill, embedding } = props;
    const { phase, values, mode, keyValues, keepKey, touched = [], submitted, draft, note } = state;
    // Paste mode sends no callback; popup mode always comes back to this page.
    const effective = { ...values, callbackUrl: mode === 'redirect' ? values.callbackUrl : pageUrl };
    const check = checkForm(effective, new Date());
    if (mode === 'paste') {
      delete check.body.callbackUrl;
      check.body.codeChallengeMethod = 'S256';
    }
    // Exactly what Authorize will send, once the draft's challenge is ready.
    const request = draft && signInRequest(OPENROUTER_ORIGIN, check.body, draft);
    const body = request?.body ?? check.body;
    const keyCheck = mode === 'key' ? checkKeys(keyValues) : null;
    const failure = failureOf(phase);
    const blocked = phase.kind === 'blocked';

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
        {embedding.opaqueOrigin && (
          <p class="box alert" role="alert">
            This frame is sandboxed without <code>allow-same-origin</code>, so a popup cannot hand the code back: use Paste
            code, or ask the site to add that token.
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
        {handoffOf(phase, this.copy)}
        <div role="alert" class={failure ? 'box alert' : ''}>
          {failure && (
            <>
              <h2 id={ALERT_TITLE} tabIndex={-1}>
                {failure[0]}
              </h2>
              <p>{failure[1]}</p>
              {failure[2] && <p>OpenRouter said: {failure[2]}</p>}
              {phase.kind === 'failed' && phase.failure.retryable && (
                <button type="button" class="primary" onClick={() => session.retry()}>
                  Retry
                </button>
              )}
              {blocked && (
                <>
                  <a href={pageUrl + location.search} target="_blank" rel="noopener noreferrer">
                    Open Keymint in a new tab
                  </a>{' '}
                  <button
                    type="button"
                    onClick={() => {
                      this.restart();
                      this.setState({ mode: 'paste' });
                    }}
                  >
                    Sign in by pasting a code
                  </button>
                </>
              )}
              <button type="button" onClick={this.restart}>
                {blocked ? 'Back to the form' : 'Start again'}
              </button>
            </>
          )}
        </div>
        {phase.kind === 'waiting' && <WaitingPanel phase={phase} onPaste={(text) => session.paste(text)} onCancel={this.restart} />}
        {phase.kind === 'minted' && <KeyPanel minted={phase} keysPage={`${OPENROUTER_ORIGIN}/settings/keys`} onCopy={this.copy} onForget={this.restart} />}
        <div class="columns">
          <MintForm
            values={mode === 'paste' ? { ...effective, callbackUrl: '' } : effective}
            reports={check.reports}
            shown={(field) => !!submitted || touched.includes(field)}
            onInput={(field, value) => this.setState({ values: { ...values, [field]: value } })}
            onBlur={(field) => touched.includes(field) || this.setState({ touched: [...touched, field] })}
            onSubmit={() => this.submit(check, keyCheck)}
            submitLabel={mode === 'key' ? 'Mint with my API key' : 'Authorize'}
            busy={phase.kind === 'exchanging' || phase.kind === 'waiting'}
            fixed={FIXED[mode] ?? {}}
            timeZone={props.timeZone}
          >
            <ModePicker mode={mode} off={this.off} onChange={(mode) => this.setState({ mode })} />
            {keyCheck && (
              <KeyFields
                values={keyValues}
                reports={keyCheck.reports}
                shown={!!submitted}
                keep={!!keepKey}
                onInput={(field, value) => this.setState({ keyValues: { ...keyValues, [field]: value } })}
                onKeep={(keep) => this.setState({ keepKey: keep })}
              />
            )}
          </MintForm>
          <Preview
            bodyJson={JSON.stringify(toWireBody(body), null, 2)}
            authorizeUrl={keyCheck ? undefined : request && check.valid ? request.url : null}
            partial={!check.valid}
            onCopy={this.copy}
          >
            {keyCheck && (
              <RequestView
                request={describeCreateCodeRequest(OPENROUTER_ORIGIN, keyCheck.existingKey ?? '', body, keyCheck.attribution)}
                snippets={snippets(OPENROUTER_ORIGIN, body, keyCheck.attribution)}
                onCopy={this.copy}
              />
            )}
          </Preview>
        </div>
        <details>
          <summary>Link or embed these settings</summary>
          <EmbedPanel pageUrl={pageUrl} values={values} mode={mode === 'key' ? 'popup' : mode} onCopy={this.copy} />
        </details>
      </>
    );
  }
}
