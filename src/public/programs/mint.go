// Mints an OpenRouter API key with your key (OPENROUTER_API_KEY): makes its own PKCE verifier and
// challenge, creates a code (POST /api/v1/auth/keys/code), exchanges it (POST /api/v1/auth/keys)
// and prints the new key. Checked against github.com/OpenRouterTeam/go-sdk v0.7.67, which needs
// Go 1.25.
package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"

	openrouter "github.com/OpenRouterTeam/go-sdk"
	"github.com/OpenRouterTeam/go-sdk/models/operations"
	"github.com/OpenRouterTeam/go-sdk/optionalnullable"
	"github.com/OpenRouterTeam/go-sdk/types"
)

// Settings are the new key's settings, and who is asking (the attribution headers); "" is not set.
// The page writes them as JSON, which load decodes.
type Settings struct {
	// OpenRouter's API, when not https://openrouter.ai/api/v1.
	ServerURL     string `json:"serverUrl"`
	HTTPReferer   string `json:"httpReferer"`
	AppTitle      string `json:"appTitle"`
	AppCategories string `json:"appCategories"`
	CallbackURL   string `json:"callbackUrl"`
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

func main() {
	ctx := context.Background()
	verifier, challenge := pkce()
	s := openrouter.New(
		openrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY")),
		openrouter.WithServerURL(settings.ServerURL),
	)
	request := operations.CreateAuthKeysCodeRequest{
		CallbackURL:         settings.CallbackURL,
		CodeChallenge:       openrouter.String(challenge),
		CodeChallengeMethod: method().ToPointer(),
		KeyLabel:            optional(settings.KeyLabel),
		Limit:               settings.Limit,
		WorkspaceID:         optional(settings.WorkspaceID),
	}
	if settings.ExpiresAt != "" {
		request.ExpiresAt = optionalnullable.From(types.MustNewTimeFromString(settings.ExpiresAt))
	}
	if settings.UsageLimitType != "" {
		request.UsageLimitType = settings.UsageLimitType.ToPointer()
	}
	// The attribution goes on the call itself: CreateAuthCode does not send the SDK's globals.
	headers := map[string]string{}
	for name, value := range map[string]string{
		"HTTP-Referer":            settings.HTTPReferer,
		"X-OpenRouter-Title":      settings.AppTitle,
		"X-OpenRouter-Categories": settings.AppCategories,
	} {
		if value != "" {
			headers[name] = value
		}
	}
	res, err := s.OAuth.CreateAuthCode(ctx, request, operations.WithSetHeaders(headers))
	if err != nil {
		panic(err)
	}
	out, err := s.OAuth.ExchangeAuthCodeForAPIKey(ctx, operations.ExchangeAuthCodeForAPIKeyRequest{
		Code:                res.Data.ID,
		CodeChallengeMethod: optionalnullable.From(operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod(method()).ToPointer()),
		CodeVerifier:        openrouter.String(verifier),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.Key)
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

// optional is nil for "", which leaves the field out.
func optional(text string) *string {
	if text == "" {
		return nil
	}
	return &text
}
