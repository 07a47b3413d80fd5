from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by administrators; nobody signs themselves up."""

    def is_open_for_signup(self, request):
        return False


class IdentityProviderAdapter(DefaultSocialAccountAdapter):
    """The authority's identity provider signs in accounts an administrator has created
    (the people page); an unknown email address is refused, not signed up."""

    def is_open_for_signup(self, request, sociallogin):
        return False
