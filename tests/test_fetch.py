"""Tests of framing.fetch against a real HTTP server on 127.0.0.1.

The server plays the news sites, the archive's availability API and the
Wayback Machine. Every page it serves was written for these tests
(``tests/fixtures/web/``); nothing here touches the internet.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from framing import fetch as F
from framing.articles import read_article
from framing.cli import main
from framing.corpus import cache_dir
from framing.errors import InputError
from framing.sentences import fingerprint
from framing.units import units_from_text

WEB = Path(__file__).resolve().parent / "fixtures" / "web"
ARTICLE = (WEB / "article.html").read_bytes()
CAPTURE = (WEB / "capture.html").read_bytes()
LEGACY = (WEB / "legacy_windows1252.html").read_bytes()
#: Short enough to keep the suite fast, long enough for a local server to answer.
TIMEOUT = 1.0
#: How long the "never answers" page sleeps: well past TIMEOUT, and bounded so that no test hangs.
SLOW_SECONDS = 3.0
#: The sentences of article.html, as written there (the reference for the alignment test).
ARTICLE_HEADLINE = "Residents count the dead after night raid in Atmeh"
ARTICLE_SENTENCES = [
    "Families in the hillside town of Atmeh spent Thursday clearing rubble from a two-storey house that was "
    "surrounded by helicopters during the night.",
    "A local volunteer said the bodies of several children were carried out at dawn.",
    "Neighbours told the Courier they heard loudspeakers urging people to leave before the shooting began.",
    "Officials in Washington described the operation as a strike against the leadership of a jihadist group.",
    "The Syrian government, which does not control the area, called the raid a breach of its territory.",
    "Aid workers in the nearby camps said people were afraid to sleep indoors for days afterwards.",
]
#: A sentence the page does not contain (a reference unit that a retrieved copy cannot match).
MISSING_SENTENCE = "The ministry later said that it had opened an inquiry into the night's events."


class Site:
    """Routes of the test server: path -> (status, headers, body) or a callable returning one."""

    def __init__(self) -> None:
        self.routes: dict[str, object] = {}
        self.requests: list[tuple[str, dict]] = []
        self.release = threading.Event()
        self.base = ""

    def add(self, path: str, body: bytes = b"", status: int = 200, content_type: str = "text/html; charset=utf-8",
            headers: dict | None = None) -> str:
        hdrs = {"Content-Type": content_type} if content_type else {}
        hdrs.update(headers or {})
        self.routes[path] = (status, hdrs, body)
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if urllib.parse.urlsplit(p).path == path)


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            state.requests.append((self.path, dict(self.headers)))
            route = state.routes.get(urllib.parse.urlsplit(self.path).path)
            if route is None:
                route = (404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")
            if callable(route):
                route = route(self)
                if route is None:
                    return
            status, headers, body = route
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Requests to 127.0.0.1 must not go through a proxy set in the environment."""
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Any attempt to resolve a host other than 127.0.0.1 fails: no test can reach the internet."""
    real = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost"):
            raise socket.gaierror(f"tests are offline: refused to resolve {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


def test_the_offline_guard_holds(tmp_path):
    row = F.fetch_one({"article_id": "x", "url": "https://news.example.org/a"}, cache=tmp_path,
                      archive_api="https://archive.example.org/wayback/available", **quick())
    assert row["outcome"] == "failed"
    assert row["error"].count("tests are offline") == 2


def quick(**kw):
    """Options for fast tests: short timeout, no delay, tiny backoff."""
    opts = {"timeout": TIMEOUT, "retries": 1, "backoff": 0.01, "throttle": F.HostThrottle(0.0)}
    opts.update(kw)
    return opts


def catalog_row(url: str, article_id: str = "courier-2022-02-03-raid", date: str = "2022-02-03") -> dict:
    return {"article_id": article_id, "url": url, "date": pd.Timestamp(date), "text": "retrieve"}


def wayback(site: Site, *, page: bytes = CAPTURE, timestamp: str = "20220203111111", available: bool = True):
    """Make the server play the availability API and the Wayback Machine."""

    def api(handler):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(handler.path).query)
        target = query["url"][0]
        snap = {"available": True, "status": "200", "timestamp": timestamp,
                "url": f"{site.base}/web/{timestamp}/{target}"} if available else None
        body = json.dumps({"url": target, "archived_snapshots": {"closest": snap} if snap else {}}).encode()
        return 200, {"Content-Type": "application/json"}, body

    site.routes["/wayback/available"] = api

    def capture(handler):
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page

    return site.base + "/wayback/available", capture


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("body", "content_type", "expected", "codec"),
    [
        ("Hélène “quoted”".encode("cp1252"), "text/html; charset=windows-1252", "Hélène “quoted”", "cp1252"),
        ("Hélène “quoted”".encode("cp1252"), "text/html; charset=ISO-8859-1", "Hélène “quoted”", "cp1252"),
        (b'<meta charset="windows-1252"><p>' + "José’s".encode("cp1252"), "text/html", "José’s", "cp1252"),
        ("<p>José’s café".encode("utf-8"), "text/html", "José’s café", "utf-8"),
        ("<p>José’s".encode("cp1252"), "text/html", "José’s", "cp1252"),  # no charset, not UTF-8: fallback
        (b"\xef\xbb\xbf<p>" + "Saïd".encode("utf-8"), "text/html; charset=windows-1252", "Saïd", "utf-8-sig"),
        ("<p>Farès".encode("utf-8"), "text/html; charset=no-such-codec", "Farès", "utf-8"),
    ],
)
def test_decode_html(body, content_type, expected, codec):
    text, used = F.decode_html(body, content_type)
    assert expected in text
    assert used == codec


def test_extract_article_drops_navigation_ads_and_captions():
    headline, body = F.extract_article(ARTICLE.decode("utf-8"))
    assert headline == ARTICLE_HEADLINE
    for sentence in ARTICLE_SENTENCES:
        assert sentence in body
    for noise in ("World desk home", "Subscribe", "ADVERTISEMENT", "mattress", "Storms close", "Copyright",
                  "damaged house"):
        assert noise not in body
    assert not body.startswith(ARTICLE_HEADLINE)  # the <h1> copy of the title is not repeated


CONSENT_WALL = (
    b'<html><head><title>Before you continue</title></head><body><div class="cookie-banner">'
    b"<p>We use cookies.</p><button>Accept all</button></div><script>var consent = 0;</script></body></html>"
)


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>",
        CONSENT_WALL.decode("ascii"),
        "<html><body><p>Page not found.</p></body></html>",
    ],
)
def test_extract_article_without_text_raises(html):
    with pytest.raises(F.FetchError, match="no article text"):
        F.extract_article(html)


def test_throttle_waits_per_host():
    now = [100.0]
    slept = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    t = F.HostThrottle(3.0, clock=lambda: now[0], sleep=sleep)
    assert t.wait("http://a.example/1") == 0.0
    now[0] += 1.0
    assert t.wait("http://b.example/1") == 0.0  # another host: no wait
    assert t.wait("http://a.example/2") == pytest.approx(2.0)
    assert slept == [pytest.approx(2.0)]


def test_user_agent_names_project_and_purpose(site):
    url = site.add("/a", ARTICLE)
    F.http_get(url, timeout=TIMEOUT)
    agent = site.requests[-1][1]["User-Agent"]
    assert agent.startswith("framing/") and "research" in agent


# ---------------------------------------------------------------- fetch_one


def test_fetch_normal_page_writes_text_and_alignment(site, tmp_path):
    url = site.add("/news/raid", ARTICLE)
    aid = "courier-2022-02-03-raid"
    coded = [("headline", ARTICLE_HEADLINE)] + [("sentence", s) for s in ARTICLE_SENTENCES[:4]]
    coded += [("sentence", MISSING_SENTENCE)]
    reference = pd.DataFrame(
        [{"article_id": aid, "kind": k, "fingerprint": fingerprint(t)} for k, t in coded]
        + [{"article_id": aid, "kind": "boilerplate", "fingerprint": fingerprint("Middle East")},
           {"article_id": "other", "kind": "sentence", "fingerprint": fingerprint(ARTICLE_SENTENCES[5])}]
    )
    row = F.fetch_one(catalog_row(url, aid), cache=tmp_path, reference=reference, **quick())
    assert row["outcome"] == "fetched" and row["source"] == "original" and row["error"] == ""
    assert int(row["http_status"]) == 200 and int(row["bytes"]) == len(ARTICLE)
    art = read_article(tmp_path / f"{aid}.txt")
    assert art.headline == ARTICLE_HEADLINE
    assert art.body.splitlines()[0] == ARTICLE_SENTENCES[0]
    assert row["sha256"] == hashlib.sha256(art.text.encode("utf-8")).hexdigest()
    assert row["n_reference_units"] == len(coded)
    assert row["n_aligned"] == len(coded) - 1
    assert row["alignment_rate"] == pytest.approx((len(coded) - 1) / len(coded), abs=1e-4)
    kinds = [u["kind"] for u in units_from_text(art.text)]
    assert kinds[0] == "headline" and kinds.count("sentence") == len(ARTICLE_SENTENCES)


def test_404_falls_back_on_archive_capture(site, tmp_path):
    url = site.add("/gone", b"<html><body>Not here</body></html>", status=404)
    api, capture = wayback(site, timestamp="20220204093000")
    site.routes["/web/20220204093000id_/" + url] = capture
    row = F.fetch_one(catalog_row(url, date="2022-02-04"), cache=tmp_path, archive_api=api, **quick())
    assert row["outcome"] == "fetched" and row["source"] == "archive"
    assert "/web/20220204093000id_/" in row["url_used"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(
        next(p for p, _ in site.requests if p.startswith("/wayback/available"))).query)
    assert query == {"url": [url], "timestamp": ["20220204"]}
    text = (tmp_path / "courier-2022-02-03-raid.txt").read_text(encoding="utf-8")
    assert text.startswith("Monitor says women and children among those killed in Idlib raid\n\n")


def test_unknown_date_asks_archive_for_the_day_of_the_raid(site, tmp_path):
    url = site.add("/gone", b"", status=410)
    api, capture = wayback(site)
    site.routes["/web/20220203111111id_/" + url] = capture
    row = F.fetch_one({"article_id": "x", "url": url, "date": pd.NaT}, cache=tmp_path, archive_api=api, **quick())
    assert row["outcome"] == "fetched"
    assert "timestamp=" + F.EVENT_DATE in next(p for p, _ in site.requests if p.startswith("/wayback"))


def test_no_capture_logs_both_errors(site, tmp_path):
    url = site.add("/gone", b"", status=404)
    api, _ = wayback(site, available=False)
    row = F.fetch_one(catalog_row(url), cache=tmp_path, archive_api=api, **quick())
    assert row["outcome"] == "failed" and row["source"] == "archive"
    assert "original: HTTP 404" in row["error"] and "archive: no archived capture" in row["error"]
    assert not (tmp_path / "courier-2022-02-03-raid.txt").exists()


def _loop(site: Site) -> str:
    site.add("/loop-a", status=302, headers={"Location": site.base + "/loop-b"})
    site.add("/loop-b", status=302, headers={"Location": site.base + "/loop-a"})
    return site.base + "/loop-a"


def _slow(site: Site) -> str:
    def sleepy(handler):
        site.release.wait(SLOW_SECONDS)
        return 200, {"Content-Type": "text/html"}, ARTICLE

    site.routes["/slow"] = sleepy
    return site.base + "/slow"


def _oversize(site: Site) -> str:
    return site.add("/big", ARTICLE + b"<!--" + b"x" * 50_000 + b"-->")


def _oversize_unannounced(site: Site) -> str:
    body = ARTICLE + b"<!--" + b"x" * 50_000 + b"-->"

    def chunked(handler):  # no Content-Length: the cap must hold while reading
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)
        handler.close_connection = True

    site.routes["/big-stream"] = chunked
    return site.base + "/big-stream"


def _pdf(site: Site) -> str:
    return site.add("/report.pdf", b"%PDF-1.4\n%fake document written for a test\n", content_type="application/pdf")


def _image(site: Site) -> str:
    return site.add("/photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", content_type="image/jpeg")


def _server_error(site: Site) -> str:
    return site.add("/broken", b"<html><body>Internal error</body></html>", status=503)


def _empty_page(site: Site) -> str:
    return site.add("/empty", CONSENT_WALL)


@pytest.mark.parametrize(
    ("make", "message", "status"),
    [
        (_loop, "redirect loop", "302"),
        (_oversize, "too large", "200"),
        (_oversize_unannounced, "too large", "200"),
        (_pdf, "not HTML (content type application/pdf)", "200"),
        (_image, "not HTML (content type image/jpeg)", "200"),
        (_server_error, "HTTP 503", "503"),
        (_empty_page, "no article text", "200"),
    ],
)
def test_failures_are_logged_not_raised(site, tmp_path, make, message, status):
    url = make(site)
    row = F.fetch_one(catalog_row(url), cache=tmp_path, archive_api=None, max_bytes=20_000, **quick())
    assert row["outcome"] == "failed"
    assert message in row["error"]
    assert str(row["http_status"]) == status
    assert row["sha256"] == "" and not any(tmp_path.iterdir())


def test_timeout_is_retried_once_then_logged(site, tmp_path):
    url = _slow(site)
    row = F.fetch_one(catalog_row(url), cache=tmp_path, archive_api=None, **quick(retries=1))
    assert "timed out" in row["error"]
    assert site.hits("/slow") == 2
    assert float(row["seconds"]) < 2 * TIMEOUT + 1.0  # bounded: two attempts of one timeout each


def test_trickling_server_hits_the_download_deadline(site, tmp_path):
    def trickle(handler):  # one byte every 0.1 s: never trips the per-read timeout, only the deadline
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(int(SLOW_SECONDS / 0.1)):
            if site.release.is_set():
                break
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                break
            site.release.wait(0.1)
        handler.close_connection = True

    site.routes["/trickle"] = trickle
    timeout = 0.25
    row = F.fetch_one(catalog_row(site.base + "/trickle"), cache=tmp_path, archive_api=None,
                      **quick(timeout=timeout, retries=0))
    assert "download not finished" in row["error"]
    assert float(row["seconds"]) < F.DEADLINE_FACTOR * timeout + 1.0


def test_retries_on_5xx_then_succeeds(site, tmp_path):
    answers = iter([(503, {"Content-Type": "text/html"}, b"busy"), (502, {"Content-Type": "text/html"}, b"busy")])

    def flaky(handler):
        return next(answers, (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE))

    site.routes["/flaky"] = flaky
    row = F.fetch_one(catalog_row(site.base + "/flaky"), cache=tmp_path, archive_api=None, **quick(retries=2))
    assert row["outcome"] == "fetched"
    assert site.hits("/flaky") == 3


@pytest.mark.parametrize(("retries", "status", "attempts"), [(0, 503, 1), (2, 503, 3), (3, 404, 1)])
def test_retries_are_bounded_and_only_for_transient_errors(site, tmp_path, retries, status, attempts):
    site.add("/x", b"no", status=status)
    row = F.fetch_one(catalog_row(site.base + "/x"), cache=tmp_path, archive_api=None, **quick(retries=retries))
    assert row["outcome"] == "failed"
    assert site.hits("/x") == attempts


def test_gzip_body_is_decompressed(site, tmp_path):
    url = site.add("/gz", gzip.compress(ARTICLE), headers={"Content-Encoding": "gzip"})
    row = F.fetch_one(catalog_row(url), cache=tmp_path, archive_api=None, **quick())
    assert row["outcome"] == "fetched"
    assert ARTICLE_SENTENCES[2] in (tmp_path / "courier-2022-02-03-raid.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=windows-1252", "text/html; charset=iso-8859-1", "text/html"],
)
def test_legacy_encoding_comes_out_right(site, tmp_path, content_type):
    url = site.add("/legacy", LEGACY, content_type=content_type)
    row = F.fetch_one(catalog_row(url), cache=tmp_path, archive_api=None, **quick())
    assert row["outcome"] == "fetched"
    art = read_article(tmp_path / "courier-2022-02-03-raid.txt")
    assert art.headline == "Relatives of Hélène Saïd recall “night of fear”"
    assert "“We heard the helicopters before midnight,” said José Farès" in art.body
    assert "The Gazette’s correspondent" in art.body and "Friday — neighbours" in art.body
    assert "\ufffd" not in art.text


# ---------------------------------------------------------------- fetch_articles


def _catalog(site: Site) -> pd.DataFrame:
    good = site.add("/good", ARTICLE)
    bad = site.add("/bad", b"", status=404)
    return pd.DataFrame([
        {"article_id": "seed-article", "url": site.base + "/seed", "date": pd.Timestamp("2022-02-03"), "text": "seed"},
        catalog_row(good, "good-article"),
        catalog_row(bad, "bad-article"),
    ])


def _batch(catalog, cache, **kw):
    opts = {"delay": 0.0, "timeout": TIMEOUT, "retries": 0, "backoff": 0.01, "archive_api": None, "progress": False}
    opts.update(kw)
    return F.fetch_articles(catalog, cache=cache, **opts)


def test_batch_goes_on_after_a_failure_and_logs_every_article(site, tmp_path):
    cache = tmp_path / "cache" / "articles"
    log = _batch(_catalog(site), cache)
    assert log["article_id"].tolist() == ["good-article", "bad-article"]  # the seed is not fetched
    assert log["outcome"].tolist() == ["fetched", "failed"]
    assert list(log.columns) == list(F.LOG_COLUMNS)
    on_disk = F.read_log(tmp_path / "cache" / F.LOG_NAME)
    assert on_disk["article_id"].tolist() == ["good-article", "bad-article"]
    assert on_disk.loc[0, "sha256"] == log.loc[0, "sha256"] != ""
    assert site.hits("/seed") == 0


def test_rerun_skips_cached_and_force_refetches(site, tmp_path):
    cache = tmp_path / "cache" / "articles"
    catalog = _catalog(site)
    first = _batch(catalog, cache)
    again = _batch(catalog, cache)
    assert again["outcome"].tolist() == ["cached", "failed"]
    assert again.loc[0, "sha256"] == first.loc[0, "sha256"]
    assert again.loc[0, "url_used"] == first.loc[0, "url_used"]  # carried over from the log
    assert site.hits("/good") == 1 and site.hits("/bad") == 2
    forced = _batch(catalog, cache, force=True)
    assert forced["outcome"].tolist() == ["fetched", "failed"]
    assert site.hits("/good") == 2


def test_failed_refetch_leaves_good_copy_untouched(site, tmp_path):
    cache = tmp_path / "cache" / "articles"
    catalog = _catalog(site)
    _batch(catalog, cache)
    path = cache / "good-article.txt"
    before = path.read_bytes()
    site.add("/good", b"", status=500)
    log = _batch(catalog, cache, force=True, only=["good-article"])
    assert log["outcome"].tolist() == ["failed"]
    assert "previously cached copy was kept" in log.loc[0, "error"]
    assert path.read_bytes() == before
    assert log.loc[0, "sha256"] == hashlib.sha256(before).hexdigest()
    assert not [p for p in cache.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize(
    ("only", "message"),
    [(["no-such-article"], "not in the catalog"), (["seed-article"], "ships with the project")],
)
def test_only_checks_ids(site, tmp_path, only, message):
    with pytest.raises(InputError, match=message):
        _batch(_catalog(site), tmp_path, only=only)


def test_unreadable_log_is_an_input_error(site, tmp_path):
    cache = tmp_path / "cache" / "articles"
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / F.LOG_NAME).write_text("article_id\tsomething\nx\ty\n", encoding="utf-8")
    with pytest.raises(InputError, match="fetch_log.tsv.*missing column"):
        _batch(_catalog(site), cache)


# ---------------------------------------------------------------- CLI


def _data_dir(site: Site, root: Path) -> Path:
    """A small data folder: a catalog of the seed, one live article, one archived, one lost."""
    ref = root / "reference"
    ref.mkdir(parents=True)
    live = site.add("/live", ARTICLE)
    archived = site.add("/archived", b"", status=404)
    lost = site.add("/lost", b"", status=404)
    site.routes["/web/20220203111111id_/" + archived] = lambda h: (200, {"Content-Type": "text/html"}, CAPTURE)
    header = "article_id\toutlet\tpublisher\tcountry\toutlet_type\tlanguage\tdate\turl\ttitle\ttext\tnote\n"
    rows = [
        ("seed-article", site.base + "/seed", "seed"),
        ("live-article", live, "retrieve"),
        ("archived-article", archived, "retrieve"),
        ("lost-article", lost, "retrieve"),
    ]
    lines = [f"{aid}\tCourier\tcourier.example\tUK\tcommercial\ten\t2022-02-03\t{url}\t\t{flag}\t\n"
             for aid, url, flag in rows]
    (ref / "coverage_articles.tsv").write_text(header + "".join(lines), encoding="utf-8")
    units = "article_id\tunit\tkind\tfingerprint\tframes\tspeakers\tsource_types\tcues\n"
    for i, s in enumerate(ARTICLE_SENTENCES[:2]):
        units += f"live-article\t{i}\tsentence\t{fingerprint(s)}\t\t\tunattributed\t\n"
    (ref / "coverage_units.tsv").write_text(units, encoding="utf-8")
    return root


def test_cli_fetch(site, tmp_path, capsys):
    data = _data_dir(site, tmp_path / "data")
    api, _ = wayback(site)
    status = main(["fetch", "--data", str(data), "--archive-api", api, "--delay", "0", "--timeout", str(TIMEOUT),
                   "--retries", "0", "--quiet"])
    assert status == 0
    log = F.read_log(data / "cache" / F.LOG_NAME).set_index("article_id")
    assert log.loc["live-article", "source"] == "original"
    assert log.loc["live-article", "alignment_rate"] == "1.0"
    assert log.loc["archived-article", "source"] == "archive"
    assert log.loc["lost-article", "outcome"] == "failed"
    assert sorted(p.name for p in cache_dir(data).iterdir()) == ["archived-article.txt", "live-article.txt"]
    assert "lost-article" in capsys.readouterr().err


def test_cli_fetch_exit_status_when_everything_fails(site, tmp_path):
    data = _data_dir(site, tmp_path / "data")
    status = main(["fetch", "--data", str(data), "--archive-api", "", "--delay", "0", "--timeout", str(TIMEOUT),
                   "--retries", "0", "--quiet", "--only", "lost-article"])
    assert status == 1


def test_cli_fetch_bad_id_is_exit_2(site, tmp_path, capsys):
    data = _data_dir(site, tmp_path / "data")
    assert main(["fetch", "--data", str(data), "--only", "nope", "--quiet"]) == 2
    assert "not in the catalog" in capsys.readouterr().err
