import { Fragment, h, Component } from 'preact';
import type { Phase, Session } from '../flow/session';
import { createDraft, signInRequest, type PkceDraft } from '../flow/pkce';
import { FORM_FIELDS, type FormField, type FormValues } from '../wire/fields';
import { toWireBody } from '../wire/request';
import { checkForm } from '../wire/validate';
import { KEY_TITLE, KeyPanel } from './KeyPanel';
import { MintForm, controlId } from './MintForm';
import { Preview } from './Preview';
import { ALERT_TITLE, StatusArea } from './StatusArea';

export interface AppProps {
  session: Session;
  origin: string;
  initialValues: FormValues;
  navigate: (url: string) => void;
}

interface State {
  phase: Phase;
  values: FormValues;
  touched: FormField[];
  submitted: boolean;
  draft: PkceDraft | null;
  keyVisible: boolean;
  note: string;
}

const focus = (id: string) => document.getElementById(id)?.focus();

/** Owns all page state; the components below it only render props. */
export class App extends Component<AppProps, State> {
  constructor(props: AppProps) {
    super(props);
    this.state = {
      phase: props.session.phase,
      values: props.initialValues,
      touched: [],
      submitted: false,
      draft: null,
      keyVisible: false,
      note: '',
    };
  }

  override componentDidMount() {
    const { session } = this.props;
    session.subscribe(() => this.setState({ phase: session.phase, keyVisible: false }));
    this.freshDraft();
  }

  override componentDidUpdate(_: AppProps, prev: State) {
    const kind = this.state.phase.kind;
    if (kind === prev.phase.kind) return;
    // Move focus to what just appeared: the failure or the key.
    if (kind === 'failed' || kind === 'denied') focus(ALERT_TITLE);
    if (kind === 'minted') focus(KEY_TITLE);
  }

  private freshDraft() {
    this.setState({ draft: null });
    void createDraft().then((draft) => this.setState({ draft }));
  }

  private copy = (text: string) => {
    navigator.clipboard.writeText(text).then(
      () => this.setState({ note: 'Copied.' }),
      () => this.setState({ note: 'Copy blocked: select the text and copy it by hand.' }),
    );
  };

  private submit(valid: boolean, invalid: FormField[], body: ReturnType<typeof checkForm>['body']) {
    const { draft } = this.state;
    this.setState({ submitted: true });
    if (!valid || !draft) {
      if (invalid[0]) focus(controlId(invalid[0]));
      return;
    }
    const url = this.props.session.authorize(body, draft);
    this.freshDraft(); // never reuse a verifier or state, even if the visitor comes back
    this.setState({ note: 'Opening OpenRouter…' });
    this.props.navigate(url);
  }

  private restart = () => {
    this.props.session.reset();
    this.setState({ note: '' });
    focus(controlId('callbackUrl'));
  };

  override render({ session, origin }: AppProps, { phase, values, touched, submitted, draft, keyVisible, note }: State) {
    const check = checkForm(values, new Date());
    // Exactly what Authorize will send, once the draft's challenge is ready.
    const request = draft && signInRequest(origin, check.body, draft);
    const invalid = FORM_FIELDS.filter((field) => check.reports[field]?.error);
    const touch = (field: FormField) => touched.includes(field) || this.setState({ touched: [...touched, field] });

    return (
      <>
        <StatusArea phase={phase} note={note} onRetry={() => session.retry()} onRestart={this.restart} />
        {phase.kind === 'minted' && (
          <KeyPanel
            apiKey={phase.key}
            warning={phase.warning}
            visible={keyVisible}
            keysPage={`${origin}/settings/keys`}
            onToggle={() => this.setState({ keyVisible: !keyVisible })}
            onCopy={() => this.copy(phase.key.reveal())}
            onForget={this.restart}
          />
        )}
        <div class="columns">
          <MintForm
            values={values}
            reports={check.reports}
            shown={(field) => submitted || touched.includes(field)}
            onInput={(field, value) => this.setState({ values: { ...values, [field]: value } })}
            onBlur={touch}
            onSubmit={() => this.submit(check.valid, invalid, check.body)}
            busy={phase.kind === 'exchanging'}
            timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
          />
          <Preview
            bodyJson={JSON.stringify(toWireBody(request?.body ?? check.body), null, 2)}
            authorizeUrl={request && check.valid ? request.url : null}
            partial={invalid.length > 0}
            onCopy={this.copy}
          />
        </div>
      </>
    );
  }
}
