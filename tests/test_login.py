"""Password guessing at the admin login is stopped (django-axes)."""

import pytest
from django.contrib.auth.models import User

PASSWORD = "the right password 42"
ACCOUNT_LOCKED = "Account locked"
ADDRESS_LOCKED = "Logins from your address are blocked"


@pytest.fixture
def editor(db) -> User:
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


@pytest.fixture
def other_editor(db) -> User:
    """An account whose owner might want to guess the first editor's password."""
    return User.objects.create_user("mallory", password=PASSWORD, is_staff=True)


def log_in(client, password: str, username: str = "editor", **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        **extra,
    )


def test_ten_wrong_passwords_lock_the_account(client, editor):
    for _attempt in range(10):
        assert log_in(client, "guess").status_code in {200, 429}

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert ACCOUNT_LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_do_not(client, editor):
    for _attempt in range(9):
        assert log_in(client, "guess").status_code == 200

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_lock_holds_from_another_address(client, editor):
    for _attempt in range(10):
        log_in(client, "guess")

    response = log_in(client, PASSWORD, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 429


# --- What a successful login forgets ----------------------------------------


def test_a_login_to_another_account_does_not_clear_the_guesses(client, editor, other_editor):
    for _attempt in range(9):
        assert log_in(client, "guess").status_code == 200
    assert log_in(client, PASSWORD, username="mallory").status_code == 302
    client.logout()

    response = log_in(client, "guess")

    assert response.status_code == 429
    assert ACCOUNT_LOCKED in response.content.decode()
    assert log_in(client, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429


def test_a_login_to_another_account_does_not_clear_the_address(client, other_editor):
    for attempt in range(9):
        assert log_in(client, "guess", username=f"user{attempt}").status_code == 200
    assert log_in(client, PASSWORD, username="mallory").status_code == 302
    client.logout()

    response = log_in(client, "guess", username="user9")

    assert response.status_code == 429
    assert ADDRESS_LOCKED in response.content.decode()


def test_a_login_clears_its_own_accounts_guesses(client, editor):
    for _attempt in range(9):
        log_in(client, "guess")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()

    for _attempt in range(9):
        assert log_in(client, "guess").status_code == 200
    assert log_in(client, PASSWORD).status_code == 302


# --- What the lock says ------------------------------------------------------


def test_an_account_lock_says_it_is_the_account(client, editor):
    for attempt in range(10):
        response = log_in(client, "guess", REMOTE_ADDR=f"198.51.100.{attempt}")

    page = response.content.decode()
    assert response.status_code == 429
    assert ACCOUNT_LOCKED in page
    assert "for the account “editor”" in page
    assert ADDRESS_LOCKED not in page


def test_an_address_lock_says_it_is_the_address(client, editor):
    for attempt in range(10):
        log_in(client, "guess", username=f"user{attempt}", REMOTE_ADDR="203.0.113.7")

    response = log_in(client, PASSWORD, REMOTE_ADDR="203.0.113.7")

    page = response.content.decode()
    assert response.status_code == 429
    assert ADDRESS_LOCKED in page
    assert "203.0.113.7" in page
    assert "The account “editor” is not locked" in page
    assert ACCOUNT_LOCKED not in page
    assert response["Retry-After"] == "3600"
