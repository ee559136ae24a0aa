"""Editors, Translators and Administrators, each limit proved through the admin pages."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from cbm.models import Assignment
from members.models import State
from secretariat.models import Position
from tests.admin_forms import admin_form_data
from timeline.models import Event


def member_of(group: str, client, username: str = "someone") -> User:
    user = User.objects.create_user(username, password="a long password 123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def test_the_three_groups_exist_on_a_fresh_database(db):
    assert sorted(Group.objects.values_list("name", flat=True)) == [
        "Administrators",
        "Editors",
        "Translators",
    ]
    assert Group.objects.get(name="Editors").permissions.filter(codename="add_event").exists()


def test_the_roles_command_restores_the_groups(db, capsys):
    Group.objects.get(name="Editors").permissions.clear()

    call_command("roles")

    assert Group.objects.get(name="Editors").permissions.filter(codename="change_state").exists()
    assert "Editors:" in capsys.readouterr().out


class TestEditors:
    def test_editors_add_and_change_content(self, client, site_data):
        member_of("Editors", client)
        state = State.objects.get(code="MN")

        assert client.get("/admin/timeline/event/add/").status_code == 200
        page = client.get(f"/admin/members/state/{state.pk}/change/")
        response = client.post(
            f"/admin/members/state/{state.pk}/change/", admin_form_data(page, name_en="Mongolia!")
        )

        assert response.status_code == 302
        state.refresh_from_db()
        assert state.name_en == "Mongolia!"

    def test_editors_cannot_delete_a_state(self, client, site_data):
        member_of("Editors", client)
        state = State.objects.get(code="MN")

        page = client.get(f"/admin/members/state/{state.pk}/change/").content.decode()
        assert client.get(f"/admin/members/state/{state.pk}/delete/").status_code == 403
        assert (
            client.post(f"/admin/members/state/{state.pk}/delete/", {"post": "yes"}).status_code
            == 403
        )
        assert "deletelink" not in page
        assert State.objects.filter(code="MN").exists()

    def test_editors_delete_other_content(self, client, site_data):
        member_of("Editors", client)
        event = Event.objects.get(slug="2017-informal-ministerial-meeting")

        response = client.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"})

        assert response.status_code == 302
        assert not Event.objects.filter(pk=event.pk).exists()

    def test_editors_have_no_access_to_user_accounts(self, client, site_data):
        member_of("Editors", client)

        assert client.get("/admin/auth/user/").status_code == 403
        assert client.get("/admin/auth/group/").status_code == 403
        assert "/admin/auth/user/" not in client.get("/admin/").content.decode()


class TestTranslators:
    def test_the_english_text_is_read_only_beside_the_translation(self, client, site_data):
        member_of("Translators", client)
        state = State.objects.get(code="KG")

        content = client.get(f"/admin/members/state/{state.pk}/change/").content.decode()

        assert 'name="name_ru"' in content
        assert 'name="name_en"' not in content
        assert 'name="code"' not in content
        assert 'English: <span lang="en" dir="ltr" class="source-text">Kyrgyzstan</span>' in content

    def test_a_translator_changes_the_russian_name_and_nothing_else(self, client, site_data):
        member_of("Translators", client)
        state = State.objects.get(code="KG")
        page = client.get(f"/admin/members/state/{state.pk}/change/")
        data = admin_form_data(page, name_ru="Кыргызская Республика")
        data |= {
            "name_en": "Changed in English",
            "code": "ZZ",
            "status_changes-0-status": "observer",
        }

        response = client.post(f"/admin/members/state/{state.pk}/change/", data)

        assert response.status_code == 302
        state.refresh_from_db()
        assert (state.name_ru, state.name_en, state.code) == (
            "Кыргызская Республика",
            "Kyrgyzstan",
            "KG",
        )
        assert [change.status for change in state.status_changes.all()] == ["member"]

    def test_translators_translate_former_titles_but_cannot_rename(self, client, site_data):
        member_of("Translators", client)
        position = Position.objects.get(key="executive-director")
        page = client.get(f"/admin/secretariat/position/{position.pk}/change/")
        content = page.content.decode()
        assert 'name="renamed_on"' not in content
        assert 'name="correction"' not in content
        assert 'name="former_titles-0-title_en"' not in content

        data = admin_form_data(
            page, **{"former_titles-0-title_ru": "Исполнительный директор СВМДА"}
        )
        data |= {"title_en": "Renamed by a translator", "renamed_on": "2026-01-01"}
        response = client.post(f"/admin/secretariat/position/{position.pk}/change/", data)

        assert response.status_code == 302
        position.refresh_from_db()
        assert position.title_en == "Secretary General"
        assert position.former_titles.get().title_ru == "Исполнительный директор СВМДА"

    def test_translators_see_but_cannot_change_a_states_status(self, client, site_data):
        member_of("Translators", client)
        state = State.objects.get(code="LK")
        page = client.get(f"/admin/members/state/{state.pk}/change/")
        assert 'name="status_changes-0-status"' not in page.content.decode()

        data = admin_form_data(page) | {
            "status_changes-TOTAL_FORMS": 3,
            "status_changes-2-status": "observer",
            "status_changes-2-date": "2025-01-01",
            "status_changes-2-precision": "day",
        }
        response = client.post(f"/admin/members/state/{state.pk}/change/", data)

        assert response.status_code in {302, 403}
        assert state.status_changes.count() == 2

    def test_translators_translate_inline_children_too(self, client, site_data):
        member_of("Translators", client)
        event = Event.objects.get(slug="2014-4th-summit")
        page = client.get(f"/admin/timeline/event/{event.pk}/change/")
        content = page.content.decode()
        assert 'name="documents-0-title_ru"' in content
        assert 'name="documents-0-title_en"' not in content

        data = admin_form_data(page, **{"documents-0-title_ru": "Шанхайская декларация 2014"})
        response = client.post(f"/admin/timeline/event/{event.pk}/change/", data)

        assert response.status_code == 302
        assert event.documents.get(order=10).title_ru == "Шанхайская декларация 2014"
        assert event.documents.get(order=10).title_en == "Shanghai Declaration"

    def test_translators_cannot_add_delete_or_revert(self, client, site_data):
        member_of("Translators", client)
        state = State.objects.get(code="KG")
        call_command("createinitialrevisions", "members.State", verbosity=0)
        from reversion.models import Version

        version = Version.objects.get_for_object(state).first()

        assert client.get("/admin/members/state/add/").status_code == 403
        assert client.get(f"/admin/members/state/{state.pk}/delete/").status_code == 403
        assert (
            client.get(f"/admin/members/state/{state.pk}/history/{version.pk}/").status_code == 403
        )
        assert client.get("/admin/members/state/recover/").status_code == 403

    def test_translators_only_view_untranslated_content(self, client, site_data):
        member_of("Translators", client)
        assignment = Assignment.objects.first()

        page = client.get(f"/admin/cbm/assignment/{assignment.pk}/change/")
        response = client.post(
            f"/admin/cbm/assignment/{assignment.pk}/change/",
            {
                "area": assignment.area_id,
                "state": assignment.state_id,
                "role": "co-coordinator",
                "order": 1,
            },
        )

        assert page.status_code == 200
        assert 'name="role"' not in page.content.decode()
        assert response.status_code == 403
        assert Assignment.objects.get(pk=assignment.pk).role == assignment.role


class TestAdministrators:
    def test_administrators_manage_users_and_may_delete_states(self, client, site_data):
        member_of("Administrators", client)
        state = State.objects.get(code="KZ")

        assert client.get("/admin/auth/user/").status_code == 200
        assert client.get(f"/admin/members/state/{state.pk}/delete/").status_code == 200

    @pytest.mark.parametrize("group", ["Editors", "Administrators"])
    def test_editors_and_administrators_see_no_translator_limits(self, client, site_data, group):
        member_of(group, client)
        state = State.objects.get(code="KG")

        content = client.get(f"/admin/members/state/{state.pk}/change/").content.decode()

        assert 'name="name_en"' in content
        assert "source-text" not in content
