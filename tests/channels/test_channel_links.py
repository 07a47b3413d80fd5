"""Shareable links, QR codes (SVG made on our server) and printable posters per channel and survey."""

from django.urls import reverse

from surveys.channels import qr_svg
from surveys.models import Response


def test_the_channel_page_gives_a_link_per_open_survey(signed_in, author, channel, citizens_voice, easy_read):
    page = signed_in(author).get(reverse("surveys_staff:channel-detail", kwargs={"code": channel.code})).content.decode()
    assert "http://testserver/s/citizens-voice-2026/?c=knowsley-carers" in page
    assert "http://testserver/s/citizens-voice-2026-easy-read/?c=knowsley-carers" in page
    assert reverse("surveys_staff:channel-qr", kwargs={"code": channel.code, "slug": citizens_voice.slug}) in page


def test_the_qr_code_is_an_svg_of_the_link_served_from_our_own_site(signed_in, author, channel, citizens_voice):
    url = reverse("surveys_staff:channel-qr", kwargs={"code": channel.code, "slug": citizens_voice.slug})
    reply = signed_in(author).get(url)
    assert reply.status_code == 200 and reply["Content-Type"] == "image/svg+xml"
    link = "http://testserver/s/citizens-voice-2026/?c=knowsley-carers"
    assert reply.content == qr_svg(link)
    svg = reply.content.decode()
    assert svg.startswith("<svg") and f"<title>{link}</title>" in svg and 'viewBox="0 0 ' in svg
    assert "http" not in svg.replace(link, "").replace("http://www.w3.org/2000/svg", "")  # nothing fetched


def test_the_qr_code_needs_a_survey_the_channel_can_point_at(signed_in, author, outsider, channel, citizens_voice):
    missing = reverse("surveys_staff:channel-qr", kwargs={"code": channel.code, "slug": "no-such-survey"})
    assert signed_in(author).get(missing).status_code == 404
    url = reverse("surveys_staff:channel-qr", kwargs={"code": channel.code, "slug": citizens_voice.slug})
    assert signed_in(outsider).get(url).status_code == 403


def test_the_poster_prints_the_title_qr_and_short_link(signed_in, author, channel, citizens_voice):
    url = reverse("surveys_staff:channel-poster", kwargs={"code": channel.code, "slug": citizens_voice.slug})
    page = signed_in(author).get(url).content.decode()
    assert '<h1 class="govuk-heading-xl">Citizen&#x27;s Voice: life in the city region</h1>' in page
    assert '<p class="app-poster__link">testserver/s/citizens-voice-2026/?c=knowsley-carers</p>' in page
    assert 'src="/staff/surveys/channels/knowsley-carers/citizens-voice-2026/qr.svg"' in page
    assert 'href="/static/surveys/print.css"' in page


def test_a_resident_following_the_link_is_counted_for_the_channel(channel, citizens_voice, respondent):
    resident = respondent(citizens_voice)
    page, begun = resident.start("?c=knowsley-carers")
    assert begun.status_code == 302
    assert 'name="channel" value="knowsley-carers"' in page.content.decode()
    draft = resident.draft()
    assert draft.channel == channel
    assert not Response.objects.exists()
