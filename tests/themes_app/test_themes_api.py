"""The theme API: the same flows as the pages, over JSON, with the same access rules."""

import pytest

from analysis.themes.models import AnswerTag, Codebook, Coding, DiscoveryRun
from engagement.models import AuditEvent, Job

BASE = "/api/v1/themes"


@pytest.fixture
def api(client, analyst):
    client.force_login(analyst)
    return client


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_create_list_and_show_codebooks(api, travel_survey):
    created = post(api, f"{BASE}/codebooks/", {"survey": travel_survey.slug, "question": "safer", "name": "API book",
                                               "themes": [{"name": "Lighting", "keywords": ["dark", "lights"]}]})
    assert created.status_code == 201, created.json()
    book = created.json()
    assert book["themes"][0]["keywords"] == ["dark", "lights"] and book["model"] is None
    listed = api.get(f"{BASE}/codebooks/", {"survey": travel_survey.slug}).json()["results"]
    assert [b["name"] for b in listed] == ["API book"]
    added = post(api, f"{BASE}/codebooks/{book['id']}/themes/", {"name": "Staff", "description": "Guards"})
    assert added.status_code == 201
    assert [t["name"] for t in api.get(f"{BASE}/codebooks/{book['id']}/").json()["themes"]] == ["Lighting", "Staff"]


def test_bad_input_gets_the_one_error_shape(api, travel_survey, codebook):
    wrong_question = post(api, f"{BASE}/codebooks/", {"survey": travel_survey.slug, "question": "sex", "name": "X"})
    assert wrong_question.status_code == 400 and "question_code" in wrong_question.json()["errors"]
    duplicate = post(api, f"{BASE}/codebooks/{codebook.pk}/themes/", {"name": "lighting"})
    assert duplicate.status_code == 400 and "name" in duplicate.json()["errors"]
    bad_by = api.get(f"{BASE}/codebooks/{codebook.pk}/counts/", {"by": "shoe_size"})
    assert bad_by.status_code == 400 and "by" in bad_by.json()["errors"]


def test_tagging_job_status_answers_and_counts(api, codebook):
    started = post(api, f"{BASE}/codebooks/{codebook.pk}/tagging/", {})
    assert started.status_code == 202
    job = api.get(started.json()["url"]).json()
    assert job["status"] == "done" and job["done"] and job["progress"] == 1.0
    assert job["result"]["codebook"] == codebook.pk

    first = api.get(f"{BASE}/codebooks/{codebook.pk}/answers/", {"page_size": 50}).json()
    assert len(first["results"]) == 50 and first["next"]
    answer = next(a for a in first["results"] if a["tags"])
    assert {"theme", "confidence", "source"} <= set(answer["tags"][0]) and "sentiment" not in answer
    assert answer["needs_translation"] is False
    theme_id = answer["tags"][0]["theme_id"]
    with_theme = api.get(f"{BASE}/codebooks/{codebook.pk}/answers/", {"theme": theme_id}).json()["results"]
    assert with_theme and all(any(t["theme_id"] == theme_id for t in a["tags"]) for a in with_theme)

    counts = api.get(f"{BASE}/codebooks/{codebook.pk}/counts/", {"by": "sex"}).json()
    groups = {row["group"]: row for row in counts["rows"]}
    assert groups["prefer_not_to_say"]["suppressed"] and groups["prefer_not_to_say"]["counts"] == [None] * 4
    assert not groups["female"]["suppressed"] and counts["themes"] == ["Lighting", "Staff", "Cameras", "Behaviour"]
    assert AuditEvent.objects.filter(action="themes.counts", detail__by="sex").exists()

    detail = api.get(f"{BASE}/codebooks/{codebook.pk}/").json()
    assert detail["model"]["version"] == 1 and detail["tagging_job"] is None


def test_review_actions_over_the_api(api, codebook):
    post(api, f"{BASE}/codebooks/{codebook.pk}/tagging/", {})
    upcoming = api.get(f"{BASE}/codebooks/{codebook.pk}/answers/next/").json()["results"]
    assert len(upcoming) == 20 and not any(a["coded"] for a in upcoming)
    answer = next(a for a in upcoming if a["tags"])
    theme_id = answer["tags"][0]["theme_id"]
    url = f"{BASE}/codebooks/{codebook.pk}/answers/{answer['id']}/review/"
    rejected = post(api, url, {"action": "reject", "theme": theme_id}).json()
    assert next(t for t in rejected["tags"] if t["theme_id"] == theme_id)["source"] == "rejected"
    other = codebook.themes.exclude(pk=theme_id).first()
    added = post(api, url, {"action": "add", "theme": other.pk}).json()
    assert added["coded"] is (len(answer["tags"]) == 1)
    done = post(api, url, {"action": "confirm"}).json()
    assert done["coded"] and Coding.objects.filter(codebook=codebook, answer_id=answer["id"]).exists()
    assert AnswerTag.objects.get(answer_id=answer["id"], theme=other).source == "human"
    assert post(api, url, {"action": "dance"}).status_code == 400
    assert post(api, url, {"action": "add"}).status_code == 400  # no theme


def test_discovery_over_the_api(api, travel_survey):
    started = post(api, f"{BASE}/discoveries/", {"survey": travel_survey.slug, "question": "safer", "n_themes": 3})
    assert started.status_code == 202
    run_id = started.json()["discovery"]
    assert api.get(started.json()["job"]["url"]).json()["status"] == "done"
    run = api.get(f"{BASE}/discoveries/{run_id}/").json()
    assert len(run["themes"]) == 3 and all(t["examples"] for t in run["themes"])
    a, b, c = (t["id"] for t in run["themes"])
    post(api, f"{BASE}/discoveries/{run_id}/themes/{a}/", {"action": "rename", "name": "First"})
    merged = post(api, f"{BASE}/discoveries/{run_id}/merge/", {"themes": [b, c], "name": "Rest"}).json()
    assert {t["name"]: t["status"] for t in merged["themes"]}["Rest"] == "kept"
    split = post(api, f"{BASE}/discoveries/{run_id}/themes/{b}/", {"action": "split", "parts": 2})
    assert split.status_code == 202 and api.get(split.json()["url"]).json()["status"] == "done"
    built = post(api, f"{BASE}/discoveries/{run_id}/codebook/", {"name": "Discovered"})
    assert built.status_code == 201
    names = [t["name"] for t in built.json()["themes"]]
    assert "First" in names and "Rest" not in names and len(names) == 3  # Rest was split in two
    assert Codebook.objects.get(name="Discovered").source_run == DiscoveryRun.objects.get(pk=run_id)


def test_only_the_programme_analysts_may_use_it(client, codebook, author, other_programme_analyst, travel_survey):
    urls = [f"{BASE}/codebooks/{codebook.pk}/", f"{BASE}/codebooks/{codebook.pk}/answers/",
            f"{BASE}/codebooks/{codebook.pk}/counts/", f"{BASE}/codebooks/{codebook.pk}/answers/next/"]
    for person in (author, other_programme_analyst):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, (person, url)
        assert post(client, f"{BASE}/codebooks/{codebook.pk}/tagging/", {}).status_code == 403
        assert post(client, f"{BASE}/discoveries/", {"survey": travel_survey.slug, "question": "safer"}).status_code == 403
        assert client.get(f"{BASE}/codebooks/").json()["results"] == []
    client.logout()
    assert client.get(urls[0]).status_code == 403  # anonymous: DRF answers 403 with sessions


def test_job_status_is_for_its_owner(client, analyst, administrator, codebook):
    client.force_login(analyst)
    job_url = post(client, f"{BASE}/codebooks/{codebook.pk}/tagging/", {}).json()["url"]
    colleague = type(analyst).objects.create_user(email="colleague@example.org", password="x-password-2026")
    client.force_login(colleague)
    assert client.get(job_url).status_code == 403
    client.force_login(administrator)
    assert client.get(job_url).status_code == 200
    assert client.get(f"/api/v1/jobs/{Job.objects.get().pk.hex[:8]}/").status_code == 404
