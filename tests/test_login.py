"""Password guessing at the admin login is stopped (django-axes)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User

ROOT = Path(__file__).resolve().parent.parent
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


@pytest.fixture
def behind_proxies(settings):
    """Run as behind ``count`` proxies that each add to X-Forwarded-For."""

    def behind(count: int) -> None:
        settings.CICA_PROXY_COUNT = count

    return behind


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


# --- Which address is the visitor's -----------------------------------------


def test_behind_a_proxy_the_address_it_saw_is_counted_not_what_the_visitor_claims(
    client, db, behind_proxies
):
    behind_proxies(1)
    for attempt in range(10):
        response = log_in(
            client,
            "guess",
            username=f"user{attempt}",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}, 203.0.113.7",
        )

    assert response.status_code == 429
    assert ADDRESS_LOCKED in response.content.decode()
    assert "203.0.113.7" in response.content.decode()


def test_behind_a_proxy_visitors_do_not_share_its_address(client, editor, behind_proxies):
    behind_proxies(1)
    for attempt in range(10):
        log_in(
            client,
            "guess",
            username=f"user{attempt}",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    response = log_in(client, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert response.status_code == 302


def test_behind_two_proxies_the_address_the_outer_one_saw_is_counted(
    client, editor, behind_proxies
):
    behind_proxies(2)
    for attempt in range(10):
        response = log_in(
            client,
            "guess",
            username=f"user{attempt}",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}, 203.0.113.7, 10.0.0.1",
        )
    assert response.status_code == 429

    response = log_in(
        client, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.8, 10.0.0.1"
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    "forwarded_for", [None, "", "garbage", "unknown, nonsense", "203.0.113.7:443", " , "]
)
def test_behind_a_proxy_a_missing_or_bad_header_locks_no_visitor_out(
    client, editor, behind_proxies, forwarded_for
):
    behind_proxies(1)
    extra = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    for attempt in range(10):
        response = log_in(client, "guess", username=f"user{attempt}", **extra)
        assert response.status_code in {200, 429}

    response = log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert response.status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(client, editor, behind_proxies):
    behind_proxies(0)
    for attempt in range(10):
        response = log_in(
            client,
            "guess",
            username=f"user{attempt}",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
    assert response.status_code == 429
    assert ADDRESS_LOCKED in response.content.decode()

    response = log_in(client, PASSWORD, REMOTE_ADDR="203.0.113.8")

    assert response.status_code == 302


def test_an_ipv6_network_counts_as_one_address(client, editor):
    for attempt in range(10):
        response = log_in(
            client, "guess", username=f"user{attempt}", REMOTE_ADDR=f"2001:db8:1:2::{attempt + 1}"
        )
    assert response.status_code == 429
    assert log_in(client, PASSWORD, REMOTE_ADDR="2001:db8:1:2:aaaa::1").status_code == 429

    response = log_in(client, PASSWORD, REMOTE_ADDR="2001:db8:1:3::1")

    assert response.status_code == 302


def proxy_count(**env: str) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_BEHIND_TLS_PROXY", "CICA_PROXY_COUNT"}
    }
    environment |= {"DJANGO_DEBUG": "1"} | env
    result = subprocess.run(
        [sys.executable, "-c", "from cica import settings; print(settings.CICA_PROXY_COUNT)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return (result.stdout + result.stderr).strip()


def test_the_proxy_count_defaults_to_the_tls_proxy():
    assert proxy_count() == "0"
    assert proxy_count(DJANGO_BEHIND_TLS_PROXY="1") == "1"
    assert proxy_count(DJANGO_BEHIND_TLS_PROXY="1", CICA_PROXY_COUNT="2") == "2"
    assert proxy_count(DJANGO_BEHIND_TLS_PROXY="1", CICA_PROXY_COUNT="0") == "0"


def test_a_negative_proxy_count_is_refused():
    assert "CICA_PROXY_COUNT must be 0 or more" in proxy_count(CICA_PROXY_COUNT="-1")


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
