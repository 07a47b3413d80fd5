"""Managing channels in the staff area through real HTTP: list, search, add, edit, deactivate."""

import pytest
from django.urls import reverse

from engagement.models import AuditEvent, Programme, RoleAssignment
from surveys.models import Channel, Response

LIST = reverse("surveys_staff:channel-list")
CREATE = reverse("surveys_staff:channel-create")


def detail(code):
    return reverse("surveys_staff:channel-detail", kwargs={"code": code})


@pytest.mark.parametrize("url", [LIST, CREATE, reverse("surveys_staff:channel-import"), detail("x"),
                                 reverse("surveys_staff:channel-edit", kwargs={"code": "x"}),
                                 reverse("surveys_staff:channel-deactivate", kwargs={"code": "x"})])
def test_every_channel_page_needs_sign_in(client, db, url):
    reply = client.get(url)
    assert reply.status_code == 302 and reply.url.startswith("/accounts/login/")


@pytest.mark.parametrize("url", [LIST, CREATE, reverse("surveys_staff:channel-import")])
def test_staff_without_the_author_role_are_refused(signed_in, outsider, analyst, url):
    assert signed_in(outsider).get(url).status_code == 403
    assert signed_in(analyst).get(url).status_code == 403


def test_an_author_searches_and_filters_channels(signed_in, author, channel, shared_channel):
    Channel.objects.create(code="qr-lime-street", name="QR poster: Lime Street", kind=Channel.Kind.QR)
    other = Programme.objects.create(slug="staff-engagement", name="Staff Engagement")
    Channel.objects.create(code="intranet", name="Intranet banner", kind=Channel.Kind.STAFF, programme=other)
    browser = signed_in(author)

    page = browser.get(LIST).content.decode()
    assert "Knowsley Carers Centre" in page and "Sefton Youth Forum" in page and "QR poster: Lime Street" in page
    assert "Intranet banner" not in page  # another programme's channel
    assert "3 channels" in page

    found = browser.get(LIST, {"q": "youth"}).content.decode()
    assert "Sefton Youth Forum" in found and "Knowsley Carers Centre" not in found
    qr_only = browser.get(LIST, {"kind": "qr"}).content.decode()
    assert "QR poster: Lime Street" in qr_only and "Sefton Youth Forum" not in qr_only
    assert "No channels match your search" in browser.get(LIST, {"q": "nothing-like-this"}).content.decode()


def test_an_author_adds_a_channel_and_it_is_audited(signed_in, author, programme):
    reply = signed_in(author).post(CREATE, {"code": "Wirral-Deaf-Group ", "name": "Wirral Deaf Community Group",
                                            "kind": "community", "programme": programme.pk})
    assert reply.status_code == 302 and reply.url == detail("wirral-deaf-group")
    channel = Channel.objects.get(code="wirral-deaf-group")
    assert (channel.name, channel.kind, channel.programme, channel.active) == (
        "Wirral Deaf Community Group", "community", programme, True)
    assert AuditEvent.objects.filter(action="channel.create", target="wirral-deaf-group", actor=author).exists()


def test_bad_codes_are_explained_in_an_error_summary(signed_in, author, channel):
    browser = signed_in(author)
    reply = browser.post(CREATE, {"code": "knowsley carers!", "name": "", "kind": "community"})
    page = reply.content.decode()
    assert reply.status_code == 200 and "<title>Error: Add a channel" in page
    assert "There is a problem" in page and 'href="#id_code"' in page
    assert '<a href="#id_name">Enter the channel&#x27;s name</a>' in page
    duplicate = browser.post(CREATE, {"code": "knowsley-carers", "name": "Again", "kind": "community"})
    assert "A channel with this code already exists" in duplicate.content.decode()
    assert browser.post(CREATE, {"code": "new", "name": "Clash", "kind": "other"}).status_code == 200
    assert Channel.objects.count() == 1


def test_an_author_for_one_programme_cannot_make_a_channel_for_another(signed_in, author):
    other = Programme.objects.create(slug="passenger-safety", name="Passenger Safety")
    reply = signed_in(author).post(CREATE, {"code": "travelsafe", "name": "TravelSafe", "kind": "campaign",
                                            "programme": other.pk})
    assert reply.status_code == 200 and not Channel.objects.filter(code="travelsafe").exists()


def test_editing_changes_the_name_but_never_the_printed_code(signed_in, author, channel):
    url = reverse("surveys_staff:channel-edit", kwargs={"code": channel.code})
    browser = signed_in(author)
    assert 'value="knowsley-carers" spellcheck="false" disabled' in browser.get(url).content.decode()
    reply = browser.post(url, {"code": "changed", "name": "Knowsley Carers", "kind": "community",
                               "programme": channel.programme_id, "active": "on"})
    assert reply.status_code == 302
    channel.refresh_from_db()
    assert (channel.code, channel.name) == ("knowsley-carers", "Knowsley Carers")


def test_another_programmes_channel_is_out_of_reach(signed_in, author):
    other = Programme.objects.create(slug="staff-engagement", name="Staff Engagement")
    Channel.objects.create(code="intranet", name="Intranet", programme=other)
    browser = signed_in(author)
    assert browser.get(detail("intranet")).status_code == 403
    assert browser.post(reverse("surveys_staff:channel-deactivate", kwargs={"code": "intranet"})).status_code == 403
    assert Channel.objects.get(code="intranet").active


def test_a_deactivated_channel_is_no_longer_recorded_for_new_respondents(
        signed_in, author, channel, citizens_voice, respondent):
    url = reverse("surveys_staff:channel-deactivate", kwargs={"code": channel.code})
    browser = signed_in(author)
    assert "Deactivate Knowsley Carers Centre?" in browser.get(url).content.decode()
    assert browser.post(url).url == detail(channel.code)
    channel.refresh_from_db()
    assert not channel.active
    assert AuditEvent.objects.filter(action="channel.deactivate", target=channel.code).exists()

    resident = respondent(citizens_voice)
    resident.start("?c=knowsley-carers")
    assert resident.draft() is not None and resident.draft().channel is None


def test_an_active_channel_is_recorded_from_the_shared_link(channel, citizens_voice, respondent):
    resident = respondent(citizens_voice)
    resident.start("?c=knowsley-carers")
    assert resident.draft().channel == channel
    assert not Response.objects.exists()


def test_an_administrator_manages_every_programmes_channels(signed_in, administrator, channel):
    other = Programme.objects.create(slug="staff-engagement", name="Staff Engagement")
    Channel.objects.create(code="intranet", name="Intranet banner", programme=other)
    page = signed_in(administrator).get(LIST).content.decode()
    assert "Intranet banner" in page and "Knowsley Carers Centre" in page


def test_the_list_is_paginated(signed_in, author, programme):
    Channel.objects.bulk_create(Channel(code=f"group-{n:03}", name=f"Group {n:03}", programme=programme)
                                for n in range(120))
    browser = signed_in(author)
    first = browser.get(LIST).content.decode()
    assert "120 channels" in first and "Group 000" in first and "Group 050" not in first
    third = browser.get(LIST, {"page": 3, "q": "group"}).content.decode()
    assert "Group 119" in third and 'href="?q=group&amp;page=2"' in third


def test_an_author_for_one_programme_sees_the_shared_channels(signed_in, author, shared_channel):
    assert RoleAssignment.objects.get(user=author).programme is not None
    assert "Sefton Youth Forum" in signed_in(author).get(LIST).content.decode()
