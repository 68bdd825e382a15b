// Sign-in with OpenRouter for your own app, with these settings: StartSignIn gives the /auth URL to
// send the person to and the verifier to keep (in their session); when they come back to
// CallbackURL, FinishSignIn exchanges its code for their new key. No key of yours is needed.
// Checked against github.com/OpenRouterTeam/go-sdk v0.7.67, which needs Go 1.25.
package signin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"

	openrouter "github.com/OpenRouterTeam/go-sdk"
	"github.com/OpenRouterTeam/go-sdk/models/operations"
	"github.com/OpenRouterTeam/go-sdk/optionalnullable"
)

// Settings are the settings of the keys people mint through your app; "" is not set.
// The page writes them as JSON, which load decodes.
type Settings struct {
	// OpenRouter's API, when not https://openrouter.ai/api/v1; /auth is on the same origin.
	ServerURL string `json:"serverUrl"`
	// Your page that finishes the sign-in; without one, OpenRouter shows the code to paste.
	CallbackURL string `json:"callbackUrl"`
	// S256 when not set.
	CodeChallengeMethod operations.CreateAuthKeysCodeCodeChallengeMethod `json:"codeChallengeMethod"`
	// UTC, with seconds: YYYY-MM-DDTHH:MM:SSZ.
	ExpiresAt      string                    `json:"expiresAt"`
	KeyLabel       string                    `json:"keyLabel"`
	Limit          *float64                  `json:"limit"`
	UsageLimitType operations.UsageLimitType `json:"usageLimitType"`
	WorkspaceID    string                    `json:"workspaceId"`
}

var settings = load(`{"callbackUrl": "http://localhost:3000/callback"}`) // @keymint-settings

// load reads the settings from their JSON.
func load(text string) (loaded Settings) {
	if err := json.Unmarshal([]byte(text), &loaded); err != nil {
		panic(err)
	}
	return loaded
}

// StartSignIn returns where to send the person, and the verifier to keep for their return.
func StartSignIn() (string, string) {
	verifier, challenge := pkce()
	query := url.Values{}
	for name, value := range map[string]string{
		"callback_url":          settings.CallbackURL,
		"code_challenge":        challenge,
		"code_challenge_method": string(method()),
		"expires_at":            settings.ExpiresAt,
		"key_label":             settings.KeyLabel,
		"usage_limit_type":      string(settings.UsageLimitType),
		"workspace_id":          settings.WorkspaceID,
	} {
		if value != "" {
			query.Set(name, value)
		}
	}
	if settings.Limit != nil {
		query.Set("limit", strconv.FormatFloat(*settings.Limit, 'f', -1, 64))
	}
	auth, _ := url.Parse("https://openrouter.ai/auth")
	if settings.ServerURL != "" {
		auth, _ = url.Parse(settings.ServerURL)
		auth.Path = "/auth"
	}
	auth.RawQuery = query.Encode()
	return auth.String(), verifier
}

// FinishSignIn returns the key for the code OpenRouter sent back to CallbackURL and the verifier kept for it.
func FinishSignIn(ctx context.Context, code, verifier string) (string, error) {
	s := openrouter.New(openrouter.WithServerURL(settings.ServerURL))
	out, err := s.OAuth.ExchangeAuthCodeForAPIKey(ctx, operations.ExchangeAuthCodeForAPIKeyRequest{
		Code:                code,
		CodeChallengeMethod: optionalnullable.From(operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod(method()).ToPointer()),
		CodeVerifier:        openrouter.String(verifier),
	})
	if err != nil {
		return "", err
	}
	return out.Key, nil
}

// method is the settings' challenge method: plain, or else S256.
func method() operations.CreateAuthKeysCodeCodeChallengeMethod {
	if settings.CodeChallengeMethod == operations.CreateAuthKeysCodeCodeChallengeMethodPlain {
		return settings.CodeChallengeMethod
	}
	return operations.CreateAuthKeysCodeCodeChallengeMethodS256
}

// pkce returns a new verifier and its challenge.
func pkce() (string, string) {
	random := make([]byte, 32)
	rand.Read(random)
	verifier := base64.RawURLEncoding.EncodeToString(random)
	if method() == operations.CreateAuthKeysCodeCodeChallengeMethodPlain {
		return verifier, verifier // the verifier is its own challenge
	}
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}
