// The names OpenRouter's Python and Go SDKs declare, as read from their sources on GitHub, with the
// file and commit each comes from. The snippet tests hold every SDK name a generated program uses to
// these. A symbol is a module or type (its members), a function (what it returns, the keyword
// arguments it takes) or a struct type (the fields a composite literal may set).

export interface Symbol {
  /** Members reached with `.`: a package's or module's exports, a type's fields and methods. */
  members?: Record<string, Symbol>;
  /** A function or method: the type its (first) result has, a key of `types`. */
  returns?: string;
  /** Python: the keyword arguments it takes. */
  kwargs?: readonly string[];
  /** Go: the fields a composite literal of this type may set. */
  fields?: readonly string[];
  /** A value of a named type (a Go constant), a key of `types`. */
  type?: string;
  /** Where it is declared: path@commit in the SDK's repository. */
  from: string;
}

export interface Sdk {
  repo: string;
  /** Importable modules or packages by path. */
  modules: Record<string, Symbol>;
  types: Record<string, Symbol>;
  /** Python: the values a keyword argument typed as an enum accepts. */
  enums?: Record<string, readonly string[]>;
}

// ---- Python: OpenRouterTeam/python-sdk (PyPI `openrouter`) ----

const PY_SDK = 'src/openrouter/sdk.py@85d6b454a9f3da1e554d35313f886dfa6e540789';
const PY_OAUTH = 'src/openrouter/oauth.py@0ddc3b3109727ac7c973d7c7d02d1da0f20dc23d';
const PY_CODE = 'src/openrouter/operations/createauthkeyscode.py@96d483d2bd8c4b1c770b0f8d83989230efa67113';
const PY_KEY = 'docs/operations/exchangeauthcodeforapikeyresponse.mdx@9564096e12ef4c77c4c6850a8ff5d73a8aaafb35';
const PY_USAGE = 'docs/sdks/oauth/README.mdx@5cc246a47c2d168c3805afc3f8401517666eed0d';
/** Keyword arguments every generated OAuth method takes besides its own (oauth.py). */
const PY_PER_CALL = ['http_referer', 'x_open_router_title', 'x_open_router_categories', 'retries', 'server_url', 'timeout_ms', 'http_headers'];

export const PYTHON: Sdk = {
  repo: 'OpenRouterTeam/python-sdk',
  modules: {
    // `from openrouter import OpenRouter`, as in the SDK's own usage examples.
    openrouter: {
      from: PY_USAGE,
      members: {
        OpenRouter: {
          from: PY_SDK,
          returns: 'OpenRouter',
          kwargs: [
            'api_key',
            'http_referer',
            'x_open_router_title',
            'x_open_router_categories',
            'server',
            'url_params',
            'server_url',
            'base_url',
            'client',
            'async_client',
            'retry_config',
            'timeout_ms',
            'debug_logger',
          ],
        },
      },
    },
    // `from openrouter.types import UNSET`: what leaves an OptionalNullable argument such as
    // expires_at out (None would send null); oauth.py imports it from there for its defaults.
    'openrouter.types': { from: PY_OAUTH, members: { UNSET: { from: PY_OAUTH } } },
  },
  types: {
    // `with OpenRouter(...) as open_router`: __enter__ returns self (sdk.py).
    OpenRouter: { from: PY_SDK, members: { o_auth: { from: PY_SDK, type: 'OAuth' } } },
    OAuth: {
      from: PY_OAUTH,
      members: {
        create_auth_code: {
          from: PY_OAUTH,
          returns: 'CreateAuthKeysCodeResponse',
          kwargs: [
            'callback_url',
            'code_challenge',
            'code_challenge_method',
            'expires_at',
            'key_label',
            'limit',
            'usage_limit_type',
            'workspace_id',
            ...PY_PER_CALL,
          ],
        },
        exchange_auth_code_for_api_key: {
          from: PY_OAUTH,
          returns: 'ExchangeAuthCodeForAPIKeyResponse',
          kwargs: ['code', 'code_challenge_method', 'code_verifier', ...PY_PER_CALL],
        },
      },
    },
    CreateAuthKeysCodeResponse: { from: PY_CODE, members: { data: { from: PY_CODE, type: 'CreateAuthKeysCodeData' } } },
    CreateAuthKeysCodeData: { from: PY_CODE, members: { app_id: { from: PY_CODE }, created_at: { from: PY_CODE }, id: { from: PY_CODE } } },
    ExchangeAuthCodeForAPIKeyResponse: { from: PY_KEY, members: { key: { from: PY_KEY }, user_id: { from: PY_KEY } } },
  },
  // CreateAuthKeysCodeCodeChallengeMethod and UsageLimitType (createauthkeyscode.py).
  enums: { code_challenge_method: ['S256', 'plain'], usage_limit_type: ['daily', 'weekly', 'monthly'] },
};

// ---- Go: OpenRouterTeam/go-sdk v0.7.67 ----

const GO_COMMIT = '542fe50c045fc840e5e2caa7680c37d237b05e1f';
const go = (path: string) => `${path}@${GO_COMMIT}`;
const GO_ROOT = go('openrouter.go');
const GO_OAUTH = go('oauth.go');
const GO_CODE = go('models/operations/createauthkeyscode.go');
const GO_EXCHANGE = go('models/operations/exchangeauthcodeforapikey.go');
const GO_OPTIONS = go('models/operations/options.go');
const fn = (from: string, returns?: string): Symbol => (returns ? { from, returns } : { from });
const constant = (from: string, type: string): Symbol => ({ from, type });

export const GO: Sdk = {
  repo: 'OpenRouterTeam/go-sdk',
  modules: {
    'github.com/OpenRouterTeam/go-sdk': {
      from: GO_ROOT,
      members: {
        New: fn(GO_ROOT, 'OpenRouter'),
        WithSecurity: fn(GO_ROOT),
        WithServerURL: fn(GO_ROOT),
        String: fn(GO_ROOT),
        Float64: fn(GO_ROOT),
        Pointer: fn(GO_ROOT),
      },
    },
    'github.com/OpenRouterTeam/go-sdk/models/operations': {
      from: GO_CODE,
      members: {
        CreateAuthKeysCodeRequest: {
          from: GO_CODE,
          fields: ['CallbackURL', 'CodeChallenge', 'CodeChallengeMethod', 'ExpiresAt', 'KeyLabel', 'Limit', 'UsageLimitType', 'WorkspaceID'],
        },
        // The enum types, named as field types and used as conversions (`type … string`).
        CreateAuthKeysCodeCodeChallengeMethod: fn(GO_CODE, 'CreateAuthKeysCodeCodeChallengeMethod'),
        UsageLimitType: fn(GO_CODE, 'UsageLimitType'),
        ExchangeAuthCodeForAPIKeyCodeChallengeMethod: fn(GO_EXCHANGE, 'ExchangeAuthCodeForAPIKeyCodeChallengeMethod'),
        CreateAuthKeysCodeCodeChallengeMethodS256: constant(GO_CODE, 'CreateAuthKeysCodeCodeChallengeMethod'),
        CreateAuthKeysCodeCodeChallengeMethodPlain: constant(GO_CODE, 'CreateAuthKeysCodeCodeChallengeMethod'),
        UsageLimitTypeDaily: constant(GO_CODE, 'UsageLimitType'),
        UsageLimitTypeWeekly: constant(GO_CODE, 'UsageLimitType'),
        UsageLimitTypeMonthly: constant(GO_CODE, 'UsageLimitType'),
        ExchangeAuthCodeForAPIKeyRequest: { from: GO_EXCHANGE, fields: ['Code', 'CodeChallengeMethod', 'CodeVerifier'] },
        ExchangeAuthCodeForAPIKeyCodeChallengeMethodS256: constant(GO_EXCHANGE, 'ExchangeAuthCodeForAPIKeyCodeChallengeMethod'),
        ExchangeAuthCodeForAPIKeyCodeChallengeMethodPlain: constant(GO_EXCHANGE, 'ExchangeAuthCodeForAPIKeyCodeChallengeMethod'),
        // Per-call headers: CreateAuthCode sends these, never the SDK's globals (oauth.go).
        WithSetHeaders: fn(GO_OPTIONS),
      },
    },
    'github.com/OpenRouterTeam/go-sdk/optionalnullable': {
      from: go('optionalnullable/optionalnullable.go'),
      members: { From: fn(go('optionalnullable/optionalnullable.go')) },
    },
    'github.com/OpenRouterTeam/go-sdk/types': { from: go('types/datetime.go'), members: { MustNewTimeFromString: fn(go('types/datetime.go')) } },
  },
  types: {
    OpenRouter: { from: GO_ROOT, members: { OAuth: { from: GO_ROOT, type: 'OAuth' } } },
    OAuth: {
      from: GO_OAUTH,
      members: {
        CreateAuthCode: fn(GO_OAUTH, 'CreateAuthKeysCodeResponse'),
        ExchangeAuthCodeForAPIKey: fn(GO_OAUTH, 'ExchangeAuthCodeForAPIKeyResponse'),
      },
    },
    CreateAuthKeysCodeResponse: { from: GO_CODE, members: { Data: { from: GO_CODE, type: 'CreateAuthKeysCodeData' } } },
    CreateAuthKeysCodeData: { from: GO_CODE, members: { AppID: { from: GO_CODE }, CreatedAt: { from: GO_CODE }, ID: { from: GO_CODE } } },
    ExchangeAuthCodeForAPIKeyResponse: { from: GO_EXCHANGE, members: { Key: { from: GO_EXCHANGE }, UserID: { from: GO_EXCHANGE } } },
    CreateAuthKeysCodeCodeChallengeMethod: { from: GO_CODE, members: { ToPointer: fn(GO_CODE) } },
    UsageLimitType: { from: GO_CODE, members: { ToPointer: fn(GO_CODE) } },
    ExchangeAuthCodeForAPIKeyCodeChallengeMethod: { from: GO_EXCHANGE, members: { ToPointer: fn(GO_EXCHANGE) } },
  },
};
