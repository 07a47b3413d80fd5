"""A tiny OpenID Connect provider on a random loopback port, standing in for the authority's
identity provider: discovery document, JWKS, token and userinfo endpoints, with ID tokens
signed by a key made for the run. ``person`` is who "signs in" at the provider next."""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "lcr-engagement"
CLIENT_SECRET = "stub-client-secret"


class StubProvider:
    def __init__(self):
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.person = {"sub": "emp-0001", "email": "analyst@example.org", "email_verified": True}
        self.token_requests: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def id_token(self) -> str:
        now = int(time.time())
        claims = {**self.person, "iss": self.url, "aud": CLIENT_ID, "iat": now, "exp": now + 300}
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": "stub"})

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output quiet
                pass

            def _json(self, body, status=200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                path = urllib.parse.urlsplit(self.path).path
                if path == "/.well-known/openid-configuration":
                    self._json({"issuer": provider.url, "authorization_endpoint": f"{provider.url}/authorize",
                                "token_endpoint": f"{provider.url}/token",
                                "userinfo_endpoint": f"{provider.url}/userinfo",
                                "jwks_uri": f"{provider.url}/jwks",
                                "token_endpoint_auth_methods_supported": ["client_secret_post"]})
                elif path == "/jwks":
                    jwk = json.loads(RSAAlgorithm.to_jwk(provider._key.public_key()))
                    self._json({"keys": [{**jwk, "kid": "stub", "use": "sig", "alg": "RS256"}]})
                elif path == "/userinfo":
                    self._json(provider.person)
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                provider.token_requests.append(form)
                if form.get("client_secret") != CLIENT_SECRET or form.get("code") != "code-from-provider":
                    self._json({"error": "invalid_grant"}, 400)
                    return
                self._json({"access_token": "stub-access-token", "token_type": "Bearer", "expires_in": 300,
                            "id_token": provider.id_token()})

        return Handler
