"""Password guessing at the admin login is stopped (django-axes)."""

import pytest
from django.contrib.auth.models import User


@pytest.fixture
def editor(db) -> User:
    return User.objects.create_user("editor", password="the right password 42", is_staff=True)


def log_in(client, password: str):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password, "next": "/admin/"},
    )


def test_ten_wrong_passwords_lock_the_account(client, editor):
    for _attempt in range(10):
        assert log_in(client, "guess").status_code in {200, 429}

    response = log_in(client, "the right password 42")

    assert response.status_code == 429
    assert "Account locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_do_not(client, editor):
    for _attempt in range(9):
        assert log_in(client, "guess").status_code == 200

    response = log_in(client, "the right password 42")

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_lock_holds_from_another_address(client, editor):
    for _attempt in range(10):
        log_in(client, "guess")

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "the right password 42", "next": "/admin/"},
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 429
