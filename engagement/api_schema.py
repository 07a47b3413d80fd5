"""The OpenAPI schema tells clients about the errors every endpoint can give, not only its 2xx.

Every operation may answer 400 (malformed input: NUL, invalid UTF-8, bad fields), 401 (a bearer
token that is not valid), 403, 404, 429 (too many failed token attempts) and 503 (database briefly
unavailable: retry after Retry-After seconds); writes may also answer 413 and 422.
"""

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(required=False, help_text="Field names mapped to lists of messages.")


EVERY_OPERATION = {
    "400": "The request has errors; see 'errors'.",
    "401": "The bearer token is not valid, has expired or was revoked.",
    "403": "Not allowed for you (or for this token's scope).",
    "404": "No such item (or not open).",
    "429": "Too many failed attempts from this address; wait and retry.",
    "503": "The database is briefly unavailable; retry after Retry-After seconds.",
}
WRITES = {
    "413": "The request body is too large.",
    "422": "The Idempotency-Key was already used with a different request.",
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = EVERY_OPERATION | (WRITES if self.method in ("POST", "PUT", "PATCH") else {})
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=description), code, direction=direction)
        return responses


class TokenScheme(OpenApiAuthenticationExtension):
    """Personal API tokens in the schema, so the docs page can send one."""

    target_class = "engagement.tokens.TokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "lcr_<prefix>_<secret>",
                "description": "A personal API token from /staff/tokens/ (created after a two-factor sign-in)."}
