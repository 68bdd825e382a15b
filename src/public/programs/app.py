# Sign-in with OpenRouter for your own app, with these settings: start_sign_in() gives the /auth URL
# to send the person to and the verifier to keep (in their session); when they come back to
# callback_url, finish_sign_in(code, verifier) exchanges its code for their new key. No key of
# yours is needed. Checked against openrouter 1.x, OpenRouterTeam/python-sdk at 0ddc3b3; older
# releases lack workspace_id.
import base64
import hashlib
import secrets
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlencode, urljoin

from openrouter import OpenRouter


@dataclass
class Settings:
    """The settings of the keys people mint through your app."""

    server_url: Optional[str] = None  # OpenRouter's API, when not https://openrouter.ai/api/v1
    callback_url: Optional[str] = None  # without one, OpenRouter shows the code to paste
    code_challenge_method: str = "S256"
    expires_at: Optional[str] = None  # UTC, with seconds: YYYY-MM-DDTHH:MM:SSZ
    key_label: Optional[str] = None
    limit: Optional[float] = None
    usage_limit_type: Optional[str] = None
    workspace_id: Optional[str] = None


SETTINGS = Settings(callback_url="http://localhost:3000/callback")  # @keymint-settings


def start_sign_in():
    """Where to send the person, and the verifier to keep for their return."""
    verifier = secrets.token_urlsafe(32)
    challenge = verifier  # With plain, the verifier is its own challenge.
    if SETTINGS.code_challenge_method != "plain":
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    query = {
        "callback_url": SETTINGS.callback_url,
        "code_challenge": challenge,
        "code_challenge_method": SETTINGS.code_challenge_method,
        "expires_at": SETTINGS.expires_at,
        "key_label": SETTINGS.key_label,
        "limit": SETTINGS.limit,
        "usage_limit_type": SETTINGS.usage_limit_type,
        "workspace_id": SETTINGS.workspace_id,
    }
    query = urlencode({name: value for name, value in query.items() if value is not None})
    return urljoin(SETTINGS.server_url or "https://openrouter.ai", "/auth") + "?" + query, verifier


def finish_sign_in(code, verifier):
    """The key for the code OpenRouter sent back to callback_url and the verifier kept for it."""
    with OpenRouter(server_url=SETTINGS.server_url) as open_router:
        return open_router.o_auth.exchange_auth_code_for_api_key(
            code=code,
            code_challenge_method=SETTINGS.code_challenge_method,
            code_verifier=verifier,
        ).key
