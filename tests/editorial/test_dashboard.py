"""The admin index as the editors' dashboard, the difference of a change, and the
administrators' list of every change."""

import datetime
import re

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Revision, Version

from members.models import State, StatusChange
from secretariat.models import Chairmanship, Person, Position
from tests.admin_forms import admin_form_data
from timeline.models import Document, Event


@pytest.fixture(autouse=True)
def roles(db):
    """The three groups, as ``manage.py roles`` makes them on a deployment."""
    call_command("roles", verbosity=0)


def staff(client, username: str, group: str | None = None) -> User:
    user = User.objects.create_user(username, password="a long password 123", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def first_version(obj) -> None:
    """A version of ``obj`` as it is now, as loading the site records one."""
    with reversion.create_revision():
        reversion.set_comment("Initial version, loaded from the fixtures.")
        obj.save()


def edit_state(client, state: State, **changes):
    page = client.get(f"/admin/members/state/{state.pk}/change/")
    response = client.post(
        f"/admin/members/state/{state.pk}/change/", admin_form_data(page, **changes)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Version.objects.get_for_object(state).first()


def section(content: str, element_id: str) -> str:
    return content.split(f'id="{element_id}"')[1].split("</section>")[0]


class TestRecentChanges:
    def test_an_edit_appears_with_who_what_when_and_its_diff_link(self, client, site_data):
        editor = staff(client, "amina", "Editors")
        editor.first_name, editor.last_name = "Amina", "Sadykova"
        editor.save()
        state = State.objects.get(code="MN")

        version = edit_state(client, state, name_en="Mongolia (renamed)")
        content = client.get("/admin/").content.decode()
        changes = section(content, "recent-changes")

        assert "Amina Sadykova" in changes
        when = timezone.localtime(version.revision.date_created)
        assert f'<time datetime="{when.isoformat()}">' in changes
        assert "Changed Name [en]." in changes or "Changed Name" in changes
        assert (
            f'<a href="/admin/members/state/{state.pk}/change/">Mongolia (renamed)</a>' in changes
        )
        assert f'href="/admin/changes/{version.pk}/"' in changes
        diff_link = f"/admin/changes/{version.pk}/"
        assert changes.index("Mongolia (renamed)") < changes.index(diff_link)

    def test_a_status_change_links_to_its_states_form(self, admin_client, site_data):
        state = State.objects.get(code="MN")
        change = state.status_changes.first()
        with reversion.create_revision():
            change.save()

        changes = section(admin_client.get("/admin/").content.decode(), "recent-changes")

        assert f'href="/admin/members/state/{state.pk}/change/#status_changes-group"' in changes
        assert "Change of status:" in changes or "Status change:" in changes

    def test_a_deleted_object_is_named_without_a_link(self, admin_client, site_data):
        event = Event.objects.get(slug="2017-informal-ministerial-meeting")
        first_version(event)
        name = str(event)
        event.delete()

        changes = section(admin_client.get("/admin/").content.decode(), "recent-changes")

        assert f'{name} <span class="quiet">(deleted)</span>' in changes

    def test_administrators_get_a_link_to_every_change_and_editors_do_not(
        self, client, admin_client, site_data
    ):
        assert 'href="/admin/changes/"' in admin_client.get("/admin/").content.decode()
        staff(client, "editor", "Editors")
        assert 'href="/admin/changes/"' not in client.get("/admin/").content.decode()


class TestDiff:
    def test_old_and_new_per_language_with_a_word_diff_escaped(self, client, site_data):
        staff(client, "editor", "Editors")
        state = State.objects.get(code="MN")
        state.description_en = "Mongolia joined CICA in 2002."
        first_version(state)

        version = edit_state(
            client,
            state,
            name_ru="Монголия (новое)",
            description_en="Mongolia <script>alert(1)</script> joined CICA in 2002 at Almaty.",
        )
        content = client.get(f"/admin/changes/{version.pk}/").content.decode()
        table = content.split('class="diff-table"')[1].split("</table>")[0]
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        name_ru = next(row for row in rows if "Name" in row and "(Russian)" in row)
        description = next(row for row in rows if "Description" in row and "(English)" in row)

        assert "Монголия" in name_ru and "<ins>Монголия (новое)</ins>" not in name_ru
        assert "<ins> (</ins>" in name_ru or "<ins>(новое)</ins>" in name_ru.replace(" (", "(")
        assert 'lang="ru"' in name_ru
        assert "<del>" not in description.split('class="diff-after"')[1]
        assert (
            "Mongolia<ins> &lt;script&gt;alert(1)&lt;/script&gt;</ins> joined CICA in 2002"
            "<ins> at Almaty</ins>." in description
        )
        assert "<script>alert" not in content
        assert not any("(Chinese" in row or "(Simplified Chinese)" in row for row in rows)
        assert "ISO code" not in table  # unchanged fields are folded away
        assert "fields unchanged" in content

    def test_a_first_version_lists_its_values(self, admin_client, site_data):
        event = Event.objects.get(slug="2014-4th-summit")
        first_version(event)
        version = Version.objects.get_for_object(event).get()

        content = admin_client.get(f"/admin/changes/{version.pk}/").content.decode()

        assert "First recorded version" in content
        assert "Shanghai" in content
        assert "<ins>" not in content

    def test_earlier_and_later_changes_are_linked(self, admin_client, site_data):
        state = State.objects.get(code="MN")
        first_version(state)
        first = Version.objects.get_for_object(state).get()
        second = edit_state(admin_client, state, name_en="Mongolia 2")

        assert f'href="/admin/changes/{first.pk}/" rel="prev"' in (
            admin_client.get(f"/admin/changes/{second.pk}/").content.decode()
        )
        assert f'href="/admin/changes/{second.pk}/" rel="next"' in (
            admin_client.get(f"/admin/changes/{first.pk}/").content.decode()
        )

    def test_the_diff_needs_permission_to_see_the_content(self, client, site_data):
        state = State.objects.get(code="MN")
        first_version(state)
        version = Version.objects.get_for_object(state).get()

        assert client.get(f"/admin/changes/{version.pk}/").status_code == 302  # log in
        staff(client, "nobody")
        assert client.get(f"/admin/changes/{version.pk}/").status_code == 403
        staff(client, "translator", "Translators")
        assert client.get(f"/admin/changes/{version.pk}/").status_code == 200
        assert client.get("/admin/changes/999999/").status_code == 404


class TestDraftsWaiting:
    def test_an_unpublished_object_waits_and_a_published_one_does_not(
        self, admin_client, site_data
    ):
        draft = Event.objects.get(slug="2014-4th-summit")
        Event.objects.filter(pk=draft.pk).update(published=False)
        document = Document.objects.filter(event__slug="2010-3rd-summit").first()
        Document.objects.filter(pk=document.pk).update(published=False)

        drafts = section(admin_client.get("/admin/").content.decode(), "drafts")

        assert f'<a href="/admin/timeline/event/{draft.pk}/change/">{draft}</a>' in drafts
        assert "Events (1)" in drafts
        assert f'<a href="/admin/timeline/document/{document.pk}/change/">' in drafts
        assert str(Event.objects.get(slug="2010-3rd-summit")) not in drafts
        assert "People" not in drafts

    def test_nothing_waits_when_everything_is_published(self, admin_client, site_data):
        drafts = section(admin_client.get("/admin/").content.decode(), "drafts")

        assert "No drafts: everything is published." in drafts


class TestTranslations:
    def test_filled_and_empty_counts_per_language(self, admin_client, site_data):
        State.objects.filter(code="KG").update(name_zh_hans="", short_name_zh_hans="")

        content = admin_client.get("/admin/").content.decode()
        summary = content.split('id="translation-summary"')[1].split("</table>")[0]
        rows = dict(re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', summary, re.S))

        total = int(re.search(r"of (\d+)", rows["English"]).group(1))
        assert f"{total} of {total}" in rows["English"] and "complete" in rows["English"]
        assert f"{total - 2} of {total}" in rows["Simplified Chinese"]
        assert (
            '<a href="/admin/translations/?language=zh-hans">2 missing</a>'
            in rows["Simplified Chinese"]
        )
        assert "complete" in rows["Russian"] and "complete" in rows["Arabic"]

    def test_the_stale_column_counts_translations_to_review(self, admin_client, site_data):
        state = State.objects.get(code="MN")
        state.name_en = "Mongolia (renamed)"
        state.save()

        summary = admin_client.get("/admin/").content.decode().split('id="translation-summary"')[1]
        summary = summary.split("</table>")[0]

        assert summary.count('class="stale-count"') == 4
        assert (
            '<td class="stale-count"><a href="/admin/translations/?language=ru#stale-ru">1</a>'
            in summary
        )
        assert '<td class="stale-count">—</td>' in summary  # English is the source


class TestShortcuts:
    def test_record_a_change_of_status_from_the_dashboard(self, client, site_data):
        staff(client, "editor", "Editors")
        state = State.objects.get(code="LK")
        shortcut = section(client.get("/admin/").content.decode(), "shortcuts")
        assert 'action="/admin/shortcuts/status/"' in shortcut
        assert f'<option value="{state.pk}">Sri Lanka</option>' in shortcut

        response = client.get("/admin/shortcuts/status/", {"state": state.pk})
        assert response.status_code == 302
        change_form = f"/admin/members/state/{state.pk}/change/"
        assert response["Location"] == f"{change_form}#status_changes-group"
        page = client.get(change_form)
        total = int(admin_form_data(page)["status_changes-TOTAL_FORMS"])
        data = admin_form_data(page) | {
            "status_changes-TOTAL_FORMS": total + 1,
            f"status_changes-{total}-status": "member",
            f"status_changes-{total}-date": "2026-03-01",
            f"status_changes-{total}-precision": "day",
        }
        saved = client.post(f"/admin/members/state/{state.pk}/change/", data)

        assert saved.status_code == 302
        assert state.status_changes.filter(date=datetime.date(2026, 3, 1), status="member").exists()
        assert StatusChange.objects.filter(state=state).count() == total + 1

    def test_the_status_shortcut_refuses_bad_input(self, admin_client, site_data):
        assert admin_client.get("/admin/shortcuts/status/", {"state": "abc"}).status_code == 404
        assert admin_client.get("/admin/shortcuts/status/", {"state": 99999}).status_code == 404
        response = admin_client.get("/admin/shortcuts/status/")
        assert response["Location"] == "/admin/members/state/"

    def test_a_new_chairmanship_with_its_priorities(self, client, site_data):
        staff(client, "editor", "Editors")
        shortcut = section(client.get("/admin/").content.decode(), "shortcut-chairmanship")
        url = re.search(r'href="(/admin/secretariat/chairmanship/add/[^"]*)"', shortcut).group(1)
        page = client.get(url)
        assert page.status_code == 200
        state = State.objects.get(code="MN")

        response = client.post(
            url,
            admin_form_data(
                page,
                state=state.pk,
                start_date="2030-01-01",
                start_precision="year",
                slug="mongolia-2030",
                theme_en="Connectivity",
                **{"priorities-0-text_en": "Water security", "priorities-0-order": "1"},
            ),
        )

        assert response.status_code == 302, response.content.decode()[:3000]
        chairmanship = Chairmanship.objects.get(slug="mongolia-2030")
        assert [p.text_en for p in chairmanship.priorities.all()] == ["Water security"]

    def test_a_meeting_with_its_documents(self, client, site_data):
        staff(client, "editor", "Editors")
        shortcut = section(client.get("/admin/").content.decode(), "shortcut-meeting")
        url = re.search(r'href="(/admin/timeline/event/add/\?kind=summit)"', shortcut).group(1)
        page = client.get(url)
        assert page.context["adminform"].form.initial["kind"] == "summit"

        response = client.post(
            url,
            admin_form_data(
                page,
                ordinal="9",
                date="2030-10-12",
                place_en="Astana",
                **{"documents-0-title_en": "Astana Declaration 2030", "documents-0-order": "10"},
            ),
        )

        assert response.status_code == 302, response.content.decode()[:3000]
        event = Event.objects.get(date="2030-10-12")
        assert event.slug == "2030-9th-cica-summit"  # made from the English name
        assert event.kind == "summit"
        assert [d.title_en for d in event.documents.all()] == ["Astana Declaration 2030"]

    def test_a_new_office_holder_with_the_post_filled_in(self, client, site_data):
        staff(client, "editor", "Editors")
        post = Position.objects.filter(lists_holders=True).order_by("order", "pk").first()
        shortcut = section(client.get("/admin/").content.decode(), "shortcut-office-holder")
        url = f"/admin/secretariat/person/add/?position={post.pk}"
        assert f'href="{url}">{post}</a>' in shortcut
        page = client.get(url)
        assert str(page.context["adminform"].form.initial["position"]) == str(post.pk)

        response = client.post(
            url,
            admin_form_data(page, name_en="A. Newcomer", start_date="2030-01-01"),
        )

        assert response.status_code == 302, response.content.decode()[:3000]
        person = Person.objects.get(name_en="A. Newcomer")
        assert person.position == post and person.slug.startswith("a-newcomer")

    def test_a_translator_sees_no_shortcut_they_cannot_use(self, client, site_data):
        staff(client, "translator", "Translators")

        shortcuts = section(client.get("/admin/").content.decode(), "shortcuts")

        assert "/add/" not in shortcuts
        assert "shortcut-status" not in shortcuts
        assert "shortcut-chairmanship" not in shortcuts
        assert 'href="/admin/translations/"' in shortcuts

    def test_an_editor_sees_every_shortcut(self, client, site_data):
        staff(client, "editor", "Editors")

        shortcuts = section(client.get("/admin/").content.decode(), "shortcuts")

        for key in ("status", "chairmanship", "meeting", "office-holder", "translations"):
            assert f'id="shortcut-{key}"' in shortcuts


def revisions(count: int, user: User, state: State, start: int = 0) -> None:
    for number in range(start, start + count):
        with reversion.create_revision():
            reversion.set_user(user)
            state.name_en = f"Name {number}"
            state.save()
            state.status_changes.first().save()


class TestAllChanges:
    def test_editors_and_translators_are_refused(self, client, site_data):
        staff(client, "editor", "Editors")
        assert client.get("/admin/changes/").status_code == 403
        staff(client, "translator", "Translators")
        assert client.get("/admin/changes/").status_code == 403
        staff(client, "administrator", "Administrators")
        assert client.get("/admin/changes/").status_code == 200

    def test_filters_by_person_dates_and_kind(self, admin_client, admin_user, site_data):
        other = User.objects.create_user("other", is_staff=True)
        mongolia, egypt = State.objects.get(code="MN"), State.objects.get(code="EG")
        revisions(1, admin_user, mongolia)
        revisions(1, other, egypt, start=100)
        old = Revision.objects.filter(user=other)
        old.update(date_created=timezone.now() - datetime.timedelta(days=400))
        state_type = ContentType.objects.get_for_model(State)

        def rows(**query) -> str:
            response = admin_client.get("/admin/changes/", query)
            assert response.status_code == 200
            return response.content.decode().split("<tbody>")[1].split("</tbody>")[0]

        by_other = rows(person=other.pk)
        assert "Name 100" in by_other and "Name 0" not in by_other
        recent = rows(since=(timezone.localdate() - datetime.timedelta(days=30)).isoformat())
        assert "Name 0" in recent and "Name 100" not in recent
        long_ago = rows(until=(timezone.localdate() - datetime.timedelta(days=300)).isoformat())
        assert "Name 100" in long_ago and "Name 0" not in long_ago
        states_only = rows(kind=state_type.pk)
        assert states_only.count("<tr>") == 2
        assert "Change of status" not in states_only and "Status change" not in states_only
        everything = rows()
        assert everything.count("<tr>") == 4
        assert everything.index("Name 0") < everything.index("Name 100")  # newest first
        version = Version.objects.get_for_object(mongolia).first()
        assert f'href="/admin/changes/{version.pk}/"' in everything

    def test_bad_filters_are_a_form_error(self, admin_client, site_data):
        response = admin_client.get(
            "/admin/changes/", {"since": "yesterday", "kind": "x", "person": "abc", "page": "z"}
        )

        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
        assert response.context["page"].paginator.count == 0

    def test_constant_queries_with_more_revisions(
        self, admin_client, admin_user, site_data, django_assert_max_num_queries
    ):
        mongolia = State.objects.get(code="MN")
        revisions(3, admin_user, mongolia)
        admin_client.get("/admin/changes/")  # content types cached

        with CaptureQueriesContext(connection) as few:
            admin_client.get("/admin/changes/")
        revisions(40, admin_user, mongolia, start=3)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = admin_client.get("/admin/changes/")

        assert response.context["page"].paginator.count == 86
        assert len(response.context["page"].object_list) == 50

    def test_the_dashboard_keeps_constant_queries_too(
        self, admin_client, admin_user, site_data, django_assert_max_num_queries
    ):
        mongolia = State.objects.get(code="MN")
        revisions(2, admin_user, mongolia)
        admin_client.get("/admin/")

        with CaptureQueriesContext(connection) as few:
            admin_client.get("/admin/")
        revisions(20, admin_user, mongolia, start=2)
        with django_assert_max_num_queries(len(few.captured_queries)):
            admin_client.get("/admin/")


@pytest.mark.parametrize("language", ["ru", "zh-hans", "ar"])
def test_the_dashboard_speaks_the_admins_language(admin_client, site_data, language):
    admin_client.cookies["django_language"] = language

    content = admin_client.get("/admin/").content.decode()

    assert f'lang="{language}"' in content
    assert "Recent changes by everyone" not in content
    assert "Start here" not in content
