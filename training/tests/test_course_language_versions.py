"""A learner who started a course in one language finds their progress from any version of it."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role
from training import services
from training.models import Course


def test_a_course_started_in_english_opens_there_from_the_catalogue_and_the_ukrainian_version_points_to_it(
        make_user: Callable[..., User], iom: Organisation, login_as: Callable[[User], Client]) -> None:
    versions = {lang: Course.objects.create(family="forced-labour", language=lang, title=f"Forced labour ({lang})",
                                            is_published=True, organisation=iom) for lang in ("en", "uk")}
    learner = make_user(Role.LEARNER, iom)
    services.enrol(learner, versions["en"])
    client = login_as(learner)

    catalogue = client.get("/training/courses/", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert f'href="/training/courses/{versions["en"].pk}/"' in catalogue, "the card opens where the progress is"

    page = client.get(f"/training/courses/{versions['uk'].pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="started-elsewhere"' in page and "(English)" in page
    assert f'href="/training/courses/{versions["en"].pk}/"' in page

    own = client.get(f"/training/courses/{versions['en'].pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="started-elsewhere"' not in own and "Continue where you left off" in own


def test_each_course_card_says_its_language(make_user: Callable[..., User], iom: Organisation,
                                            login_as: Callable[[User], Client]) -> None:
    Course.objects.create(family="scorm-only", language="en", title="Outsourced module", kind="scorm",
                          is_published=True, organisation=iom)
    html = login_as(make_user(Role.LEARNER, iom)).get("/training/courses/", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    card = html.split("Outsourced module", 1)[1].split("</li>", 1)[0]
    assert '<span class="tag">English</span>' in card and "SCORM" in card  # the language in its own name
