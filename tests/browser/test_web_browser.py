"""The web page in a real headless browser: axe-core, read-along, keyboard, reflow.

Needs Debian's ``chromium`` and ``chromium-driver`` (``/usr/bin/chromedriver``)
and axe-core 4.x: ``$AXE_JS`` or the cache filled by ``tests/browser/get_axe.sh``
(run by ``.ci/run`` before the tests). Nothing here touches the network: the
page is loaded from disk, Selenium is pointed at the system driver and told
to stay offline.

Screenshots and the axe summary are written to ``output/screenshots/``
(git-ignored) for people to look at.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from a11y_pub.model import Letter
from a11y_pub.options import BuildOptions
from a11y_pub.render.web import render_web

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "letters" / "lettre-infantes-ekko-2026-02-23.expected.json"
SCREENSHOTS = ROOT / "output" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE_CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "a11y-pub" / "axe-core"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "Debian chromium and chromium-driver are not installed "
        "(apt-get install -y chromium chromium-driver)",
        allow_module_level=True,
    )

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not download a driver
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import TimeoutException, WebDriverException  # noqa: E402 (after the skip)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

pytestmark = pytest.mark.slow  # whole builds of real letters (the fast subset is -m "not slow")


def _load_fakes() -> Any:
    path = ROOT / "tests" / "render" / "web_fakes.py"
    spec = importlib.util.spec_from_file_location("web_fakes_for_browser", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fakes = _load_fakes()


def axe_source() -> str:
    """The axe-core script; fails in CI, skips elsewhere, when it was not fetched."""
    candidates = [Path(p) for p in (os.environ.get("AXE_JS"),) if p]
    candidates.append(AXE_CACHE / "axe.min.js")
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    message = "axe-core not found: run `bash tests/browser/get_axe.sh` or set AXE_JS"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# -- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample letter's page, built from faked summary, audio and PDF."""
    letter = Letter.from_json(SAMPLE.read_text(encoding="utf-8"))
    out_dir = tmp_path_factory.mktemp("browser") / "lettre"
    out_dir.mkdir()
    summary = fakes.write_fake_summary(out_dir, letter)
    fakes.write_fake_audio(out_dir, letter, summary=summary)
    (out_dir / "gros-caracteres.pdf").write_bytes(b"%PDF-1.7\n% stand-in\n")
    render_web(letter, out_dir, BuildOptions())
    return out_dir / "web" / "index.html"


@pytest.fixture(scope="module")
def rich_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A letter with a table, links, bold, a language span, a footnote and a quotation."""
    from tests.render.test_pdf_content import rich_letter

    out_dir = tmp_path_factory.mktemp("browser-rich") / "lettre"
    out_dir.mkdir()
    render_web(rich_letter(), out_dir, BuildOptions())
    return out_dir / "web" / "index.html"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--autoplay-policy=no-user-gesture-required",
        "--mute-audio",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except WebDriverException as exc:
        pytest.fail(f"chromium did not start: {exc.msg}")
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, page: Path, width: int = 1280, height: int = 900, **media: str) -> None:
    """Load the page at a viewport size with emulated media features."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": k.replace("_", "-"), "value": v} for k, v in media.items()]},
    )
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get(page.as_uri())
    driver.execute_script("try { localStorage.clear(); } catch (e) {}")
    driver.get(page.as_uri())
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def run_axe(driver: Any) -> dict[str, Any]:
    driver.execute_script(axe_source())
    return driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(r => done({
            version: axe.version,
            violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})),
            passes: r.passes.map(v => v.id),
            incomplete: r.incomplete.map(v => v.id),
            inapplicable: r.inapplicable.map(v => v.id)}))
          .catch(e => done({error: String(e)}));
        """,
        WCAG_TAGS,
    )


def reveal(driver: Any, element: Any) -> Any:
    """Scroll ``element`` to the middle at once (the page scrolls smoothly otherwise)."""
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    return element


def save_screenshot(driver: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    driver.save_screenshot(str(path))
    return path


# -- axe-core ---------------------------------------------------------------------------


def choose_theme(driver: Any, theme: str) -> None:
    """Pick a colour theme in the page's settings (``device`` keeps the device's scheme)."""
    if theme != "device":
        Select(driver.find_element(By.ID, "couleurs")).select_by_value(theme)


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize(("scheme", "theme"), [("light", "light"), ("dark", "dark"), ("light", "contrast"), ("dark", "device")])
def test_axe_finds_no_wcag_violation(browser: Any, page: Path, width: int, scheme: str, theme: str) -> None:
    open_page(browser, page, width=width, prefers_color_scheme=scheme)
    choose_theme(browser, theme)
    # the highlight's colours are checked too: put one sentence in the spoken state
    browser.execute_script(
        "const a = document.getElementById('lecteur-commitment-1');"
        "a.currentTime = 0.4; a.dispatchEvent(new Event('timeupdate'));"
    )
    result = run_axe(browser)
    assert "error" not in result, result.get("error")
    assert result["version"].startswith("4.")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    summary = {
        "axe_version": result["version"],
        "tags": WCAG_TAGS,
        "width": width,
        "color_scheme": scheme,
        "theme": theme,
        "violations": result["violations"],
        "passes": sorted(result["passes"]),
        "incomplete": sorted(result["incomplete"]),
        "inapplicable": len(result["inapplicable"]),
    }
    (SCREENSHOTS / f"axe-{width}-{scheme}-{theme}.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    assert result["violations"] == [], json.dumps(result["violations"], indent=2)
    assert len(result["passes"]) >= 15


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_axe_finds_no_violation_on_tables_links_and_notes(browser: Any, rich_page: Path, width: int, theme: str) -> None:
    open_page(browser, rich_page, width=width)
    choose_theme(browser, theme)
    result = run_axe(browser)
    assert "error" not in result, result.get("error")
    assert result["violations"] == [], json.dumps(result["violations"], indent=2)
    overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
    assert overflow <= 0


# -- read-along -------------------------------------------------------------------------


def sentence_state(driver: Any, player_id: str) -> list[bool]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll("
        "'.transcript[data-audio=\"' + arguments[0] + '\"] .s')).map("
        "s => s.classList.contains('is-current') && s.getAttribute('aria-current') === 'true');",
        player_id,
    )


def set_time(driver: Any, player_id: str, seconds: float) -> None:
    driver.execute_script(
        "const a = document.getElementById(arguments[0]);"
        "a.currentTime = arguments[1]; a.dispatchEvent(new Event('timeupdate'));",
        player_id,
        seconds,
    )


def starts(driver: Any, player_id: str) -> list[float]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll("
        "'.transcript[data-audio=\"' + arguments[0] + '\"] .s')).map(s => +s.dataset.start);",
        player_id,
    )


def test_highlight_moves_with_current_time(browser: Any, page: Path) -> None:
    open_page(browser, page)
    player = "lecteur-introduction"
    times = starts(browser, player)
    assert len(times) >= 4
    assert not any(sentence_state(browser, player))
    for index in (0, 2, 1, len(times) - 1):
        set_time(browser, player, times[index] + 0.01)
        state = sentence_state(browser, player)
        assert state.index(True) == index and state.count(True) == 1
    assert browser.find_elements(By.CSS_SELECTOR, ".is-current") == browser.find_elements(
        By.CSS_SELECTOR, f'.transcript[data-audio="{player}"] .is-current'
    )


def test_clicking_a_sentence_plays_from_there_and_the_highlight_follows(
    browser: Any, page: Path
) -> None:
    open_page(browser, page)
    player = "lecteur-resume"
    times = starts(browser, player)
    spans = browser.find_elements(By.CSS_SELECTOR, f'.transcript[data-audio="{player}"] .s')
    reveal(browser, spans[0]).click()
    WebDriverWait(browser, 10).until(
        lambda d: d.execute_script(
            "const a = document.getElementById(arguments[0]); return !a.paused && a.currentTime > 0;",
            player,
        )
    )
    WebDriverWait(browser, 10).until(lambda d: sentence_state(d, player)[1])
    assert sentence_state(browser, player).count(True) == 1
    save_screenshot(browser, "web-1280-reading.png")
    reveal(browser, spans[4]).click()
    current = browser.execute_script(
        "return document.getElementById(arguments[0]).currentTime;", player
    )
    assert times[4] - 0.05 <= current <= times[4] + 1.0
    browser.execute_script("document.getElementById(arguments[0]).pause();", player)


def page_scroll_while_playing(driver: Any, player: str, follow: bool) -> float:
    """Scroll to the top, play a far-down section, return how far the page moved."""
    driver.execute_script(
        "document.getElementById('suivre').checked = arguments[1];"
        "window.scrollTo({top: 0, behavior: 'instant'});"
        "const a = document.getElementById(arguments[0]); a.muted = true; a.play();",
        player,
        follow,
    )
    WebDriverWait(driver, 10).until(lambda d: any(sentence_state(d, player)))
    if follow:  # a smooth scroll takes a moment; wait for it rather than sleep a fixed time
        try:
            WebDriverWait(driver, 5).until(lambda d: d.execute_script("return window.scrollY;") > 300)
        except TimeoutException:
            pass
    else:
        time.sleep(0.8)
    moved = driver.execute_script("return window.scrollY;")
    driver.execute_script("document.getElementById(arguments[0]).pause();", player)
    return moved


def test_follow_along_scrolls_only_when_asked_and_motion_allowed(browser: Any, page: Path) -> None:
    player = "lecteur-conclusion"
    open_page(browser, page, prefers_reduced_motion="no-preference")
    assert page_scroll_while_playing(browser, player, follow=True) > 300
    open_page(browser, page, prefers_reduced_motion="no-preference")
    assert page_scroll_while_playing(browser, player, follow=False) == 0
    open_page(browser, page, prefers_reduced_motion="reduce")
    assert page_scroll_while_playing(browser, player, follow=True) == 0


# -- keyboard -----------------------------------------------------------------------------


def tab_stops(driver: Any) -> list[list[str]]:
    """Every element Tab reaches, once round the page: [tag, id, class, action, section id, outline]."""
    describe = (
        "const e = document.activeElement;"
        "return [e.tagName.toLowerCase(), e.id || '', e.className || '',"
        " e.dataset ? (e.dataset.action || '') : '',"
        " e.closest('section') ? e.closest('section').id : '',"
        " getComputedStyle(e).outlineStyle];"
    )
    seen: list[list[str]] = []
    for _ in range(400):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        seen.append(driver.execute_script(describe))
        if len(seen) > 1 and seen[-1][2] == "skip-link":
            return [s for s in seen[:-1] if s[0] != "body"]  # wrapped round (through the browser's own UI)
    pytest.fail("Tab never came back to the skip link")


def test_at_most_three_tab_stops_per_part_plus_the_page_controls(browser: Any, page: Path) -> None:
    open_page(browser, page)
    seen = tab_stops(browser)
    assert seen[0][2] == "skip-link" and seen[0][5] != "none", "the skip link has no visible focus"
    parts = browser.execute_script("return Array.from(document.querySelectorAll('main section')).map(s => s.id);")
    in_parts = [s for s in seen if s[4] in parts]
    page_own = [s for s in seen if s[4] not in parts]
    for part in parts:
        stops = [s for s in in_parts if s[4] == part]
        assert len(stops) <= 3, (part, stops)
        if stops:
            assert [s[3] for s in stops] == ["previous", "play", "next"], stops
    # the page's own controls: skip link, downloads, settings (7 of them)
    downloads = browser.execute_script("return document.querySelectorAll('nav.downloads a').length;")
    assert len(page_own) == 1 + downloads + 7, " ".join(f"{s[0]}#{s[1]}" for s in page_own)
    assert not any("s" in s[2].split() for s in seen), "a sentence is a tab stop"
    assert all(s[5] != "none" for s in seen), "a control shows no focus"
    # the skip link moves focus into the main content
    open_page(browser, page)
    ActionChains(browser).send_keys(Keys.TAB).perform()
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return document.activeElement.id;") == "contenu"


def test_buttons_and_shortcut_keys_move_through_the_sentences(browser: Any, page: Path) -> None:
    open_page(browser, page)
    player = "lecteur-introduction"
    group = browser.find_element(By.CSS_SELECTOR, f'.controls[data-for="{player}"]')
    assert group.is_displayed()
    assert browser.execute_script("return document.getElementById(arguments[0]).hasAttribute('controls');", player) is False
    browser.execute_script("document.getElementById(arguments[0]).muted = true;", player)
    reveal(browser, group.find_element(By.CSS_SELECTOR, '[data-action="next"]')).click()
    WebDriverWait(browser, 10).until(lambda d: sentence_state(d, player)[:1] == [True])
    # each step is awaited as the page shows it: the media events that move the highlight and
    # relabel the button arrive after the element's own state has changed
    def highlighted(index: int) -> Any:
        return lambda d: True in sentence_state(d, player) and sentence_state(d, player).index(True) == index

    reveal(browser, group.find_element(By.CSS_SELECTOR, '[data-action="next"]')).click()
    WebDriverWait(browser, 5).until(highlighted(1))
    ActionChains(browser).send_keys("l").perform()
    WebDriverWait(browser, 5).until(highlighted(2))
    ActionChains(browser).send_keys("j").perform()
    WebDriverWait(browser, 5).until(highlighted(1))
    ActionChains(browser).send_keys("k").perform()
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.getElementById(arguments[0]).paused;", player))
    play = group.find_element(By.CSS_SELECTOR, '[data-action="play"]')
    WebDriverWait(browser, 5).until(lambda d: play.text == play.get_attribute("data-play"))


def test_highlighted_sentence_is_announced_politely_when_asked(browser: Any, page: Path) -> None:
    open_page(browser, page)
    player = "lecteur-introduction"
    browser.execute_script("document.getElementById(arguments[0]).muted = true;", player)
    reveal(browser, browser.find_element(By.ID, "annoncer")).click()
    group = browser.find_element(By.CSS_SELECTOR, f'.controls[data-for="{player}"]')
    reveal(browser, group.find_element(By.CSS_SELECTOR, '[data-action="next"]')).click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "annonce").get_attribute("textContent"))
    browser.execute_script("document.getElementById(arguments[0]).pause();", player)
    sentences = browser.execute_script(
        "return Array.from(document.querySelectorAll('.transcript[data-audio=\"' + arguments[0] + '\"] .s')).map(s => s.textContent);",
        player,
    )
    assert browser.find_element(By.ID, "annonce").get_attribute("textContent") in sentences


def test_accessibility_tree_has_no_sentence_buttons_and_named_groups(browser: Any, page: Path) -> None:
    open_page(browser, page)
    tree = browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]

    def value(node: dict, key: str) -> str:
        return str((node.get(key) or {}).get("value") or "")

    buttons = [n for n in tree if value(n, "role") == "button" and not n.get("ignored")]
    players = browser.execute_script("return document.querySelectorAll('audio').length;")
    assert len(buttons) == 3 * players
    sentences = set(browser.execute_script("return Array.from(document.querySelectorAll('.s')).map(s => s.textContent.trim());"))
    assert not any(value(b, "name").strip() in sentences for b in buttons)
    groups = [n for n in tree if value(n, "role") == "group" and value(n, "name").startswith("Écouter")]
    assert len(groups) == players
    live = [n for n in tree if any(p.get("name") == "live" and p["value"]["value"] == "polite" for p in n.get("properties", []))]
    assert live, "no polite live region"
    headings = [value(n, "name") for n in tree if value(n, "role") == "heading"]
    assert headings.index("Introduction") < headings.index("Conclusion") < headings.index("Résumé facile à lire")


# -- settings ---------------------------------------------------------------------------


def test_line_spacing_theme_and_highlight_are_applied_and_remembered(browser: Any, page: Path) -> None:
    open_page(browser, page)
    Select(browser.find_element(By.ID, "interligne")).select_by_value("2")
    Select(browser.find_element(By.ID, "couleurs")).select_by_value("contrast")
    reveal(browser, browser.find_element(By.ID, "surligner")).click()
    ratio = browser.execute_script(
        "const s = getComputedStyle(document.body); return parseFloat(s.lineHeight) / parseFloat(s.fontSize);"
    )
    assert ratio == pytest.approx(2, abs=0.01)
    colours = browser.execute_script("const s = getComputedStyle(document.body); return [s.color, s.backgroundColor];")
    assert colours == ["rgb(255, 255, 0)", "rgb(0, 0, 0)"]  # the large print's high-contrast palette
    browser.refresh()
    assert browser.execute_script("return document.documentElement.dataset.theme;") == "contrast"
    assert browser.execute_script("return document.documentElement.classList.contains('no-highlight');")
    set_time(browser, "lecteur-introduction", 0.01 + starts(browser, "lecteur-introduction")[0])
    background = browser.execute_script("return getComputedStyle(document.querySelector('.s.is-current')).backgroundColor;")
    assert background in ("rgba(0, 0, 0, 0)", "transparent")


def test_text_size_and_speed_are_applied_and_remembered(browser: Any, page: Path) -> None:
    open_page(browser, page)
    assert browser.find_element(By.ID, "reglages").is_displayed()
    Select(browser.find_element(By.ID, "taille-texte")).select_by_value("150")
    Select(browser.find_element(By.ID, "vitesse")).select_by_value("1.25")
    body_px = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize);")
    assert body_px == pytest.approx(16 * 1.25 * 1.5)
    rates = browser.execute_script(
        "return Array.from(document.querySelectorAll('audio')).map(a => a.playbackRate);"
    )
    assert set(rates) == {1.25}
    browser.refresh()
    assert Select(browser.find_element(By.ID, "taille-texte")).first_selected_option.get_attribute(
        "value"
    ) == "150"
    assert browser.execute_script("return document.documentElement.style.fontSize;") == "150%"
    assert browser.execute_script("return document.querySelector('audio').playbackRate;") == 1.25


@pytest.mark.parametrize(("width", "size"), [(320, "100"), (320, "200"), (640, "200")])
def test_reflows_without_horizontal_scrolling(
    browser: Any, page: Path, width: int, size: str
) -> None:
    open_page(browser, page, width=width, height=800)
    Select(browser.find_element(By.ID, "taille-texte")).select_by_value(size)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
    )
    assert overflow <= 0
    body_px = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize);")
    assert body_px >= 20


def test_screenshots_at_phone_and_desktop_widths(browser: Any, page: Path) -> None:
    for width, height, scheme in ((320, 900, "light"), (1280, 1000, "light"), (1280, 1000, "dark")):
        open_page(browser, page, width=width, height=height, prefers_color_scheme=scheme)
        set_time(browser, "lecteur-resume", 1.1)
        path = save_screenshot(browser, f"web-{width}-{scheme}.png")
        assert path.stat().st_size > 5000
