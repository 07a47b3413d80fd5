"""Administrators load the staff list and send invitations; analysts see response rates by
directorate, with small directorates suppressed (standards.md §3)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from engagement.models import AuditEvent
from surveys.waves.models import Participation, StaffMember
from surveys.waves.selectors import response_rates
from surveys.waves.services import Person, participations_record


def _upload(client, wave, text: str | bytes):
    content = text.encode() if isinstance(text, str) else text
    return client.post(f"/staff/people/waves/{wave.pk}/staff-list/",
                       {"file": SimpleUploadedFile("staff.csv", content, content_type="text/csv")})


def test_an_administrator_loads_a_staff_list(client, staff_admin, wave):
    client.force_login(staff_admin)
    reply = _upload(client, wave, "Email,Directorate\nAda@LCRCA.example, Finance \n\nben@lcrca.example,\n")
    assert reply.status_code == 302
    assert dict(StaffMember.objects.values_list("email", "directorate")) == {"ada@lcrca.example": "Finance",
                                                                            "ben@lcrca.example": ""}
    assert AuditEvent.objects.filter(action="people.staff_import", actor=staff_admin).exists()
    _upload(client, wave, "email,directorate\nada@lcrca.example,Transport\ncy@lcrca.example,Finance\n")
    assert StaffMember.objects.get(email="ada@lcrca.example").directorate == "Transport"
    assert StaffMember.objects.count() == 3


def test_bad_rows_are_reported_by_row_number_and_nothing_is_loaded(client, staff_admin, wave):
    client.force_login(staff_admin)
    reply = _upload(client, wave, "email,directorate\nada@lcrca.example,Finance\nnot-an-email,Finance\n"
                                  ",Transport\nada@lcrca.example,Finance\nben@lcrca.example," + "x" * 101 + "\n")
    page = reply.content.decode()
    assert reply.status_code == 400 and "Nothing was loaded" in page
    assert "Row 3: ‘not-an-email’ is not an email address" in page
    assert "Row 4: Enter an email address" in page
    assert "Row 5: ada@lcrca.example is listed twice (first on row 2)" in page
    assert "Row 6: The directorate must be 100 characters or fewer" in page
    assert not StaffMember.objects.exists()


def test_a_file_without_an_email_column_or_not_in_utf8_is_refused(client, staff_admin, wave):
    client.force_login(staff_admin)
    assert "must name the columns" in _upload(client, wave, "name,team\nAda,Finance\n").content.decode()
    assert "not UTF-8" in _upload(client, wave, "email\nzo\xeb@lcrca.example\n".encode("latin-1")).content.decode()
    assert not StaffMember.objects.exists()


def test_only_administrators_load_lists_and_send_invitations(client, staff_analyst, wave):
    client.force_login(staff_analyst)
    assert _upload(client, wave, "email\nada@lcrca.example\n").status_code == 403
    assert client.post(f"/staff/people/waves/{wave.pk}/invitations/").status_code == 403
    assert client.get(f"/staff/people/waves/{wave.pk}/").status_code == 200


def test_invitations_go_to_people_not_yet_invited_with_only_a_hash_kept(client, staff_admin, wave, mailoutbox):
    client.force_login(staff_admin)
    _upload(client, wave, "email\nada@lcrca.example\nben@lcrca.example\n")
    assert client.post(f"/staff/people/waves/{wave.pk}/invitations/").status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@lcrca.example", "ben@lcrca.example"]
    links = [m.body.split("http://testserver")[1].split()[0] for m in mailoutbox]
    assert all(link.startswith("/staff/people/invite/") for link in links)
    stored = set(StaffMember.objects.values_list("invitation_hash", flat=True))
    assert not any(link.split("/")[-2] in stored for link in links) and len(stored) == 2
    client.post(f"/staff/people/waves/{wave.pk}/invitations/")
    assert len(mailoutbox) == 2  # nobody is invited twice unless reminded


def test_reminders_go_to_everyone_on_the_list_whether_or_not_they_have_taken_part(
        client, staff_admin, wave, mailoutbox):
    """A reminder to non-responders only would split the wave into people who answered before
    it and people who answered after; everyone gets it, and it thanks those who answered."""
    client.force_login(staff_admin)
    _upload(client, wave, "email\nada@lcrca.example\nben@lcrca.example\n")
    client.post(f"/staff/people/waves/{wave.pk}/invitations/")
    participations_record(wave=wave, people=[Person("ada@lcrca.example", "")])
    mailoutbox.clear()
    client.post(f"/staff/people/waves/{wave.pk}/invitations/", {"reminders": "1"})
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@lcrca.example", "ben@lcrca.example"]
    bodies = {m.body.split("/invite/")[0] for m in mailoutbox}
    assert len(bodies) == 1  # the same words for both: nothing says who has answered
    assert "If you have already answered, thank you" in bodies.pop()


def _staff(wave, sizes: dict[str, tuple[int, int]]):
    """Staff list with (headcount, number taken part) per directorate."""
    members, people = [], []
    for directorate, (headcount, taken) in sizes.items():
        for i in range(headcount):
            email = f"{directorate.lower()}{i}@lcrca.example"
            members.append(StaffMember(wave=wave, email=email, directorate=directorate))
            if i < taken:
                people.append(Person(email, directorate))
    StaffMember.objects.bulk_create(members)
    participations_record(wave=wave, people=people)


def test_response_rates_by_directorate_hide_small_directorates(wave):
    _staff(wave, {"Finance": (40, 30), "Transport": (120, 60), "Mayor's Office": (6, 5), "Place": (25, 10)})
    rows, total = response_rates(wave)
    shown = {r.directorate: (r.headcount, r.taken_part) for r in rows}
    assert shown["Mayor's Office"] == (None, None)  # fewer than 10 staff
    assert shown["Place"] == (None, None)  # next smallest, else the total would give it away
    assert shown["Finance"] == (40, 30) and shown["Transport"] == (120, 60)
    assert (total.headcount, total.taken_part) == (191, 105)
    rates = {r.directorate: r.rate for r in rows}
    assert rates["Mayor's Office"] is None and rates["Finance"] == 0.75


def test_two_small_directorates_protect_each_other(wave):
    _staff(wave, {"Finance": (40, 30), "Audit": (6, 2), "Legal": (4, 4)})
    shown = {r.directorate: r.headcount for r in response_rates(wave)[0]}
    assert shown == {"Audit": None, "Finance": 40, "Legal": None}


def test_the_rates_page_shows_counts_and_never_a_name(client, staff_analyst, wave):
    _staff(wave, {"Finance": (40, 30), "Transport": (12, 3), "Legal": (3, 3)})
    client.force_login(staff_analyst)
    page = client.get(f"/staff/people/waves/{wave.pk}/").content.decode()
    assert "Finance" in page and "75%" in page and "Not shown" in page
    assert "@lcrca.example" not in page
    assert Participation.objects.count() == 36


def test_people_without_a_role_see_no_waves(client, outsider, wave):
    client.force_login(outsider)
    assert client.get("/staff/people/").status_code == 403
    assert client.get(f"/staff/people/waves/{wave.pk}/").status_code == 403
    assert client.get("/staff/people/waves/new/").status_code == 403


def test_an_administrator_creates_a_wave(client, staff_admin, staff_survey):
    client.force_login(staff_admin)
    assert client.get("/staff/people/").status_code == 200
    bad = client.post("/staff/people/waves/new/", {"survey": staff_survey.pk, "name": "2027",
                                                  "opens_on": "2027-03-01", "closes_on": "2027-02-01"})
    assert bad.status_code == 200 and "must be the same as or after" in bad.content.decode()
    good = client.post("/staff/people/waves/new/", {"survey": staff_survey.pk, "name": "2027",
                                                   "opens_on": "2027-03-01", "closes_on": "2027-03-31"})
    assert good.status_code == 302 and staff_survey.waves.get().name == "2027"


def test_small_hidden_directorates_must_add_up_to_a_group(wave):
    _staff(wave, {"Finance": (40, 30), "Transport": (50, 20), "Audit": (3, 2), "Legal": (4, 4)})
    shown = {r.directorate: r.headcount for r in response_rates(wave)[0]}
    assert shown == {"Audit": None, "Finance": None, "Legal": None, "Transport": 50}


def test_after_a_wave_closes_the_staff_list_is_erased_and_the_counts_kept(client, staff_admin, wave):
    _staff(wave, {"Finance": (40, 30), "Transport": (12, 3)})
    client.force_login(staff_admin)
    client.post(f"/staff/people/waves/{wave.pk}/erase/")
    assert StaffMember.objects.exists()  # still open: refused
    wave.closes_on = wave.opens_on
    wave.save()
    before = response_rates(wave)
    assert client.post(f"/staff/people/waves/{wave.pk}/erase/").status_code == 302
    assert not StaffMember.objects.exists() and not Participation.objects.exists()
    wave.refresh_from_db()
    assert response_rates(wave) == before
    assert "were erased" in client.get(f"/staff/people/waves/{wave.pk}/").content.decode()
