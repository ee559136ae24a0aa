"""The JSON-LD in a page's head under the strict Content-Security-Policy, in Chromium:
data the browser never runs, so the policy neither blocks nor reports it."""

import pytest

# Records every violation of the page's policy. Playwright adds it through the DevTools
# protocol, which the page's policy does not govern.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""

PAGES = ["/en/", "/ar/history/2014-4th-summit/", "/zh-hans/secretariat/", "/ru/members/china/"]


@pytest.mark.parametrize("path", PAGES)
def test_json_ld_raises_no_policy_violation(page, live_server, site_data, path):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    response = page.goto(f"{live_server.url}{path}")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.locator('script[type="application/ld+json"]').count() == 1
    page.wait_for_load_state("load")
    assert page.evaluate("window.__violations") == []
    assert not [text for text in messages if "Content Security Policy" in text]
    # The recorder works: an inline script the page would run is refused and reported.
    page.evaluate(
        "document.head.append(Object.assign(document.createElement('script'), "
        "{textContent: 'window.ran = true'}))"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.ran") is None


def test_the_share_image_loads_in_the_browser(page, live_server, site_data):
    page.goto(f"{live_server.url}/ar/members/")
    url = page.locator('meta[property="og:image"]').get_attribute("content")

    assert url.startswith(f"{live_server.url}/static/img/share/members.ar")
    response = page.goto(url)

    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    assert size == [1200, 630]
