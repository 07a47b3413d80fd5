"""The accessibility statement (docs/accessibility.md) is served at /accessibility/ and linked
from every page's footer, in the respondent's language."""

import re

import pytest

from surveys.demo.loading import demo_definitions

pytestmark = pytest.mark.django_db

# The headings of the GOV.UK sample statement for public sector websites.
SAMPLE_HEADINGS = [
    "How accessible this website is", "Feedback and contact information",
    "Reporting accessibility problems with this website", "Enforcement procedure",
    "Technical information about this website's accessibility", "Compliance status",
    "Non-accessible content", "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def test_statement_is_served_with_the_sample_headings_and_contact(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@example.gov.uk"
    from frontend.views import _statement_html

    _statement_html.cache_clear()
    page = client.get("/accessibility/")
    html = page.content.decode()
    assert page.status_code == 200
    headings = re.findall(r'<h[23] class="govuk-heading-[lm]">([^<]+)</h[23]>', html)
    assert [h for h in SAMPLE_HEADINGS if h not in headings] == []
    assert html.count('<h1 class="govuk-heading-xl">') == 1
    assert 'href="mailto:access@example.gov.uk"' in html
    assert "$contact" not in html
    assert "partially compliant" in html and "WCAG" in html
    _statement_html.cache_clear()


def test_every_page_links_to_it_in_the_page_language(client, published_survey):
    with_welsh = next(d for d in demo_definitions() if "cy" in d["translations"])
    survey = published_survey(with_welsh)
    for path in ("/", f"/s/{survey.slug}/", "/accounts/login/", "/no-such-page/"):
        html = client.get(path).content.decode()
        assert 'href="/accessibility/">Accessibility statement</a>' in html, path
    welsh = client.get(f"/s/{survey.slug}/?lang=cy").content.decode()
    assert 'href="/accessibility/">Datganiad hygyrchedd</a>' in welsh
