# Mints an OpenRouter API key with your key (OPENROUTER_API_KEY): makes its own PKCE verifier and
# challenge, creates a code (POST /api/v1/auth/keys/code), exchanges it (POST /api/v1/auth/keys)
# and prints the new key. Checked against openrouter 1.x, OpenRouterTeam/python-sdk at 0ddc3b3;
# older releases lack workspace_id.
import base64
import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from openrouter import OpenRouter
from openrouter.types import UNSET


@dataclass
class Settings:
    """The new key's settings, and who is asking (the attribution headers)."""

    callback_url: str
    code_challenge_method: str = "S256"
    expires_at: Optional[str] = None  # UTC, with seconds: YYYY-MM-DDTHH:MM:SSZ
    key_label: Optional[str] = None
    limit: Optional[float] = None
    usage_limit_type: Optional[str] = None
    workspace_id: Optional[str] = None
    server_url: Optional[str] = None  # OpenRouter's API, when not https://openrouter.ai/api/v1
    http_referer: Optional[str] = None
    app_title: Optional[str] = None
    app_categories: Optional[str] = None


SETTINGS = Settings(callback_url="http://localhost:3000/callback")  # @keymint-settings

verifier = secrets.token_urlsafe(32)
challenge = verifier  # With plain, the verifier is its own challenge.
if SETTINGS.code_challenge_method != "plain":
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
expires_at = UNSET  # UNSET leaves it out; None would send null.
if SETTINGS.expires_at:
    expires_at = datetime.fromisoformat(SETTINGS.expires_at.replace("Z", "+00:00"))

with OpenRouter(
    api_key=os.environ["OPENROUTER_API_KEY"],
    server_url=SETTINGS.server_url,
    http_referer=SETTINGS.http_referer,
    x_open_router_title=SETTINGS.app_title,
    x_open_router_categories=SETTINGS.app_categories,
) as open_router:
    res = open_router.o_auth.create_auth_code(
        callback_url=SETTINGS.callback_url,
        code_challenge=challenge,
        code_challenge_method=SETTINGS.code_challenge_method,
        expires_at=expires_at,
        key_label=SETTINGS.key_label,
        limit=SETTINGS.limit,
        usage_limit_type=SETTINGS.usage_limit_type,
        workspace_id=SETTINGS.workspace_id,
    )
    key = open_router.o_auth.exchange_auth_code_for_api_key(
        code=res.data.id,
        code_challenge_method=SETTINGS.code_challenge_method,
        code_verifier=verifier,
    ).key
    print(key)
