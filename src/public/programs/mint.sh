#!/usr/bin/env bash
# Mints an OpenRouter API key with your key (OPENROUTER_API_KEY): makes its own PKCE verifier and
# challenge, creates a code (POST /api/v1/auth/keys/code), exchanges it (POST /api/v1/auth/keys)
# and prints the new key. Checked against curl and openssl.
set -euo pipefail
# The string field $1 of the JSON text $2; the text itself, to stderr, when it has none.
field() { printf %s "$2" | grep -o "\"$1\": *\"[^\"]*\"" | cut -d'"' -f4 || { echo "$2" >&2; exit 1; }; }

# The new key's settings: the create-code body without a challenge (this program adds its own);
# any of http_referer, app_title and app_categories (the attribution headers); and server_url,
# OpenRouter's API when it is not https://openrouter.ai/api/v1.
body='{"callback_url":"http://localhost:3000/callback","code_challenge_method":"S256"}' # @keymint-settings

api=${server_url:-https://openrouter.ai/api/v1}
method=$(field code_challenge_method "$body")
verifier=$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')
challenge=$verifier # With plain, the verifier is its own challenge.
if [ "$method" != plain ]; then
  challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | openssl base64 | tr '+/' '-_' | tr -d '=')
fi
answer=$(curl -sS "$api/auth/keys/code" \
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \
  -H 'Content-Type: application/json' \
  ${http_referer:+-H "HTTP-Referer: $http_referer"} \
  ${app_title:+-H "X-OpenRouter-Title: $app_title"} \
  ${app_categories:+-H "X-OpenRouter-Categories: $app_categories"} \
  --data-raw "${body%\}},\"code_challenge\":\"$challenge\"}")
code=$(field id "$answer")
answer=$(curl -sS "$api/auth/keys" \
  -H 'Content-Type: application/json' \
  --data-raw "{\"code\":\"$code\",\"code_verifier\":\"$verifier\",\"code_challenge_method\":\"$method\"}")
field key "$answer"
