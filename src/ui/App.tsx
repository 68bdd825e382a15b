import { Fragment, h, Component } from 'preact';
import type { Embedding } from '../flow/frame';
import type { PopupBlock } from '../flow/popup-open';
import type { Phase, PopupWindow, Session } from '../flow/session';
import { checkKeys, describeCreateCodeRequest } from '../wire/create-code';
import { snippets } from '../wire/snippets';
import { createDraft, signInRequest, type PkceDraft } from '../flow/pkce';
import type { Mode, Prefill } from '../link/prefill';
import { FORM_FIELDS, type FormField, type FormValues } from '../wire/fields';
import { toWireBody } from '../wire/request';
import { checkForm } from '../wire/validate';
import { EmbedPanel } from './EmbedPanel';
import { ALERT_TITLE, KEY_TITLE, PASTE_INPUT, WAIT_TITLE } from './ids';
import { KeyFields, type KeyCheck, type KeyField, type KeyValues } from './KeyFields';
import { KeyPanel } from './KeyPanel';
import { MintForm, controlId } from './MintForm';
import { ModePicker, type SignIn } from './ModePicker';
import { Preview } from './Preview';
import { RequestView } from './RequestView';
import { alertOf, handoffOf, statusOf } from './phase';
import { StatusArea } from './StatusArea';
import { WaitingPanel } from './WaitingPanel';

const BLANK_KEY_VALUES: KeyValues = { existingKey: '', httpReferer: '', appTitle: '', appCategories: '' };

export interface AppProps {
  session: Session;
  origin: string;
  /** This page's address without query: the callback, and the base of prefilled links. */
  pageUrl: string;
  initialValues: FormValues;
  prefill: Prefill;
  /** A mode the visitor chose on the prerendered page, before the app started. */
  picked?: SignIn | undefined;
  embedding: Embedding;
  /** Redirect sign-ins need sessionStorage to survive the round trip. */
  canRedirect: boolean;
  navigate: (url: string) => void;
  /** Opens the popup, blank, synchronously; or says why it could not. */
  openPopup: () => PopupWindow | PopupBlock;
  /** Opens OpenRouter's page in a new tab with no link back to this one. */
  openTab: (url: string) => void;
  /** This page with its prefill, for opening it outside a frame or a popup blocker. */
  newTab: string;
  /** The visitor's time zone, named in the expiry help; empty when not known (prerendering). */
  timeZone: string;
}

interface State {
  phase: Phase;
  values: FormValues;
  mode: SignIn;
  /** The existing key and attribution for minting with a key; memory only. */
  keyValues: KeyValues;
  keepKey: boolean;
  touched: FormField[];
  submitted: boolean;
  draft: PkceDraft | null;
  keyVisible: boolean;
  pasted: string;
  note: string;
}

/** Fields a mode sets by itself, with the reason shown in place of the help. */
const FIXED: Record<SignIn, Partial<Record<FormField, string>>> = {
  redirect: {},
  key: {},
  popup: { callbackUrl: 'A popup sign-in always comes back to this page.' },
  paste: {
    callbackUrl: 'Paste-code sign-in sends none: OpenRouter shows the code instead of redirecting.',
    codeChallengeMethod: 'Paste-code sign-in requires S256.',
  },
};

const focus = (id: string) => document.getElementById(id)?.focus();

/** The modes this page can run, and why the others are off. */
export function modeLimits({ embedding, canRedirect }: Pick<AppProps, 'embedding' | 'canRedirect'>): Partial<Record<SignIn, string>> {
  const off: Partial<Record<SignIn, string>> = {};
  if (embedding.framed) off.redirect = 'A frame cannot leave the page it is embedded in.';
  else if (!canRedirect) off.redirect = 'This page has no session storage to keep the verifier across the redirect.';
  if (embedding.opaqueOrigin) off.popup = 'The frame’s sandbox lacks allow-same-origin, so the popup cannot hand the code back.';
  return off;
}

/** Owns all page state; the components below it only render props. */
export class App extends Component<AppProps, State> {
  private drafting: Promise<PkceDraft> | null = null;

  constructor(props: AppProps) {
    super(props);
    const off = modeLimits(props);
    const wanted = props.picked ?? props.prefill.mode ?? (props.embedding.framed ? 'popup' : 'redirect');
    const mode = !off[wanted] ? wanted : !off.popup ? 'popup' : 'paste';
    this.state = {
      phase: props.session.phase,
      values: { ...props.initialValues, ...props.prefill.values },
      mode,
      keyValues: BLANK_KEY_VALUES,
      keepKey: false,
      touched: [],
      submitted: false,
      draft: null,
      keyVisible: false,
      pasted: '',
      note: '',
    };
  }

  private unsubscribe = () => {};

  override componentDidMount() {
    const { session } = this.props;
    this.unsubscribe = session.subscribe(() => {
      const { phase } = session;
      const changed = phase.kind !== this.state.phase.kind;
      // Minting done: the existing key leaves memory unless the person keeps it for another mint.
      const keyValues = phase.kind === 'minted' && !this.state.keepKey ? { ...this.state.keyValues, existingKey: '' } : this.state.keyValues;
      this.setState({ phase, keyValues, keyVisible: changed ? false : this.state.keyVisible });
    });
    this.freshDraft();
  }

  override componentWillUnmount() {
    this.unsubscribe();
  }

  override componentDidUpdate(_: AppProps, prev: State) {
    const { phase } = this.state;
    if (phase.kind === prev.phase.kind && (phase.kind !== 'waiting' || prev.phase.kind !== 'waiting' || phase.lost === prev.phase.lost)) return;
    // Move focus to what just appeared: the failure, the key, or what to do while waiting.
    if (phase.kind === 'failed' || phase.kind === 'denied' || phase.kind === 'blocked') focus(ALERT_TITLE);
    if (phase.kind === 'minted') focus(KEY_TITLE);
    if (phase.kind === 'waiting') focus(phase.via === 'paste' || phase.lost ? PASTE_INPUT : WAIT_TITLE);
  }

  private freshDraft() {
    const next = createDraft();
    this.drafting = next;
    this.setState({ draft: null });
    void next.then((draft) => this.drafting === next && this.setState({ draft }));
  }

  private copy = (text: string) => {
    navigator.clipboard.writeText(text).then(
      () => this.setState({ note: 'Copied.' }),
      () => this.setState({ note: 'Copy blocked: select the text and copy it by hand.' }),
    );
  };

  /** Runs in the submit handler itself, so the popup opens with the person's click. */
  private submit(check: ReturnType<typeof checkForm>, invalid: FormField[], keyCheck: KeyCheck | null) {
    const { draft, mode } = this.state;
    const { drafting } = this;
    const { session } = this.props;
    this.setState({ submitted: true });
    const keyInvalid = keyCheck && (['existingKey', 'httpReferer', 'appTitle', 'appCategories'] as KeyField[]).find((f) => keyCheck.reports[f]?.error);
    if (!check.valid || keyInvalid) {
      if (keyInvalid) focus(`k-${keyInvalid}`);
      else if (invalid[0]) focus(controlId(invalid[0]));
      return;
    }
    if (mode === 'popup') {
      const popup = this.props.openPopup();
      if (typeof popup === 'string') return session.popupBlocked(popup);
      // The popup is open and blank; it goes to OpenRouter as soon as the challenge is ready.
      void drafting?.then((ready) => session.openPopup(check.body, ready, popup));
    } else {
      const existingKey = keyCheck?.existingKey;
      // Right after the page loads the challenge may still be on its way: go on once it is there.
      const go = (ready: PkceDraft) => {
        if (existingKey) session.mintWithKey(existingKey, check.body, keyCheck.attribution, ready);
        else if (mode === 'paste') this.props.openTab(session.openPaste(check.body, ready));
        else {
          this.setState({ note: 'Opening OpenRouter…' });
          this.props.navigate(session.authorize(check.body, ready));
        }
      };
      if (draft) go(draft);
      else void drafting?.then(go);
    }
    this.freshDraft(); // never reuse a verifier or state, even if the visitor comes back
  }

  private setMode = (mode: SignIn) => this.setState({ mode });

  private usePaste = () => {
    this.setState({ mode: 'paste' });
    this.props.session.reset();
    focus(controlId('keyLabel'));
  };

  private restart = () => {
    this.props.session.reset();
    this.setState({ note: '', pasted: '' });
    focus(controlId('keyLabel'));
  };

  override render(props: AppProps, state: State) {
    const { session, origin, pageUrl, prefill, embedding, newTab } = props;
    const { phase, values, mode, keyValues, keepKey, touched, submitted, draft, keyVisible, pasted, note } = state;
    // Paste mode sends no callback; popup mode always comes back to this page.
    const effective = { ...values, callbackUrl: mode === 'redirect' ? values.callbackUrl : pageUrl };
    const check = checkForm(effective, new Date());
    if (mode === 'paste') {
      delete check.body.callbackUrl;
      check.body.codeChallengeMethod = 'S256';
    }
    // Exactly what Authorize will send, once the draft's challenge is ready.
    const request = draft && signInRequest(origin, check.body, draft);
    const invalid = FORM_FIELDS.filter((field) => check.reports[field]?.error);
    const touch = (field: FormField) => touched.includes(field) || this.setState({ touched: [...touched, field] });
    const off = modeLimits(props);
    const keyCheck = mode === 'key' ? checkKeys(keyValues) : null;
    const busy = phase.kind === 'exchanging' || phase.kind === 'waiting';

    return (
      <>
        {embedding.framed && (
          <p class="embedded">
            Embedded on <strong>{embedding.parentOrigin ? new URL(embedding.parentOrigin).host : 'an unknown site'}</strong>.{' '}
            <a href={newTab} target="_blank" rel="noopener noreferrer">
              Open Keymint in its own tab
            </a>
          </p>
        )}
        {embedding.opaqueOrigin && (
          <p class="box alert" role="alert">
            This frame is sandboxed without <code>allow-same-origin</code>, so the sign-in popup cannot hand the code back.
            Paste-code sign-in still works; for the popup, the embedding page must add <code>allow-same-origin</code>.
          </p>
        )}
        {prefill.notes.length > 0 && (
          <ul class="hint" aria-label="Link parameters ignored">
            {prefill.notes.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        )}
        <StatusArea
          status={statusOf(phase) || note}
          alert={alertOf(phase, { newTab, onRetry: () => session.retry(), onRestart: this.restart, onPaste: this.usePaste })}
        >
          {handoffOf(phase, this.copy)}
        </StatusArea>
        {phase.kind === 'waiting' && (
          <WaitingPanel
            phase={phase}
            pasted={pasted}
            onInput={(text) => this.setState({ pasted: text })}
            onPaste={() => {
              session.paste(pasted);
              if (session.phase.kind !== 'waiting') this.setState({ pasted: '' });
            }}
            onCancel={this.restart}
          />
        )}
        {phase.kind === 'minted' && (
          <KeyPanel
            apiKey={phase.key}
            warning={phase.warning}
            visible={keyVisible}
            keysPage={`${origin}/settings/keys`}
            check={phase.check}
            links={phase.links}
            onToggle={() => this.setState({ keyVisible: !keyVisible })}
            onCopy={() => this.copy(phase.key.reveal())}
            onForget={this.restart}
          />
        )}
        <div class="columns">
          <MintForm
            values={mode === 'paste' ? { ...effective, callbackUrl: '' } : effective}
            reports={check.reports}
            shown={(field) => submitted || touched.includes(field)}
            onInput={(field, value) => this.setState({ values: { ...values, [field]: value } })}
            onBlur={touch}
            onSubmit={() => this.submit(check, invalid, keyCheck)}
            submitLabel={mode === 'key' ? 'Mint with my API key' : 'Authorize'}
            busy={busy}
            fixed={FIXED[mode]}
            timeZone={props.timeZone}
          >
            <ModePicker mode={mode} off={off} onChange={this.setMode} />
            {keyCheck && (
              <KeyFields
                values={keyValues}
                reports={keyCheck.reports}
                shown={submitted}
                keep={keepKey}
                onInput={(field, value) => this.setState({ keyValues: { ...keyValues, [field]: value } })}
                onKeep={(keep) => this.setState({ keepKey: keep })}
              />
            )}
          </MintForm>
          <Preview
            bodyJson={JSON.stringify(toWireBody(request?.body ?? check.body), null, 2)}
            authorizeUrl={keyCheck ? undefined : request && check.valid ? request.url : null}
            // Before the first interaction the app is not loaded yet, so neither is the challenge.
            urlPending={check.valid ? 'Made when you start using the form: the PKCE challenge is created in your browser.' : 'Shown once every field is valid.'}
            partial={invalid.length > 0}
            onCopy={this.copy}
          >
            {keyCheck && (
              <RequestView
                request={describeCreateCodeRequest(origin, keyCheck.existingKey ?? '', request?.body ?? check.body, keyCheck.attribution)}
                snippets={snippets(origin, request?.body ?? check.body, keyCheck.attribution)}
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
