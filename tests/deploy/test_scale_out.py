"""Two app servers share one database and one Redis: what an editor does on one is what
visitors and the editor see on the other, at once."""

import secrets

from deploy.local import Browser, request

PAGE = "/en/"
INTRODUCTION = "/admin/cica/introduction/"


def change_tagline(browser: Browser) -> str:
    """Edit the home page's tagline through the admin's change form; the new tagline."""
    tagline = f"Tagline of check {secrets.token_hex(4)}"
    response = browser.submit(INTRODUCTION, "introduction_form", tagline_en=tagline)
    assert response.status == 302, response.text[:3000]
    return tagline


def test_an_edit_on_one_server_shows_on_the_next_request_to_another(app_servers, deployment):
    a, b = app_servers
    assert request(b.url + PAGE).status == 200
    cached = request(b.url + PAGE)
    assert cached.status == 200
    assert cached.header("X-Page-Cache") == "hit"

    editor = Browser(a.url)
    editor.login(*deployment.editor)
    tagline = change_tagline(editor)

    after = request(b.url + PAGE)
    assert after.status == 200
    assert tagline in after.text
    assert tagline not in cached.text


def test_a_session_from_one_server_opens_the_admin_on_another(app_servers, deployment):
    a, b = app_servers
    on_a = Browser(a.url)
    on_a.login(*deployment.editor)

    on_b = Browser(b.url, cookies=dict(on_a.cookies))
    response = on_b.get("/admin/")

    assert response.status == 200
    assert 'id="site-name"' in response.text
    assert request(b.url + "/admin/").status == 302  # without the cookie: the login page
