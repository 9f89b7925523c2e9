"""Retrieve the texts of the related coverage (``framing fetch``).

The project ships the coverage's metadata, fingerprints and reference codes
but not its text (it is copyrighted). This module retrieves each catalogued
article whose ``text`` is ``retrieve``:

1. fetch the catalog URL over HTTP(S) with the standard library
   (:mod:`urllib.request`): an honest User-Agent, a timeout for every
   request *and* a deadline for the whole download, a size cap (at most
   ``max_bytes + 1`` bytes are read), a bounded number of redirects,
   a few retries with exponential backoff on 5xx/429 answers and timeouts,
   and a polite delay between two requests to the same host;
2. when that fails (error status, timeout, not HTML, too large, redirect
   loop, no article text in the page), ask the Internet Archive's
   availability API (``<archive_api>?url=<url>&timestamp=<YYYYMMDD>``) for
   the capture nearest to the article's date, and fetch that capture with
   the ``id_`` flag (the page as the site served it, without the Wayback
   Machine's toolbar and rewritten links);
3. decode the bytes by the HTTP charset, else a BOM, else the page's
   ``<meta charset>``, else UTF-8 when the bytes are valid UTF-8, else
   windows-1252 (the WHATWG Encoding Standard's fallback for legacy pages;
   like browsers, ``iso-8859-1`` and ``us-ascii`` labels are read as
   windows-1252, which is what such pages really use for curly quotes);
4. extract the title and main text with trafilatura (no comments, no
   tables, one paragraph per line) and store it as an article text file
   (:func:`framing.articles.format_article`) in the cache, atomically;
5. measure how well it lines up with the reference coding
   (:func:`framing.corpus.alignment`) and record one row per article in
   ``fetch_log.tsv`` beside the cache folder (also written atomically).

One bad article never stops the batch: its error is logged and the next one
is fetched. A failed re-fetch never replaces a good cached copy. Cached
articles are skipped unless ``force=True``.

Limits: pages that need JavaScript to show their text, consent walls and
paywalls yield no text (the archive is then tried); trafilatura keeps some
in-body advertisements and captions, which the unit splitter then marks as
boilerplate; a copy that differs from the coded version (an update, another
site's edit) shows up as a low alignment rate, not as an error.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import http.client
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pandas as pd

from . import __version__
from ._io import atomic_write_text
from .articles import check_article_id, format_article, read_article
from .corpus import alignment
from .errors import InputError
from .resources import read_table
from .sentences import normalise_for_fingerprint

__all__ = [
    "ARCHIVE_API",
    "LOG_COLUMNS",
    "LOG_NAME",
    "USER_AGENT",
    "FetchError",
    "HostThrottle",
    "Page",
    "http_get",
    "decode_html",
    "extract_article",
    "archive_capture",
    "fetch_one",
    "fetch_articles",
    "read_log",
]

#: The Internet Archive's availability API (documented at https://archive.org/help/wayback_api.php).
ARCHIVE_API = "https://archive.org/wayback/available"
#: Says who is asking and why, so that a site owner can tell this from a scraper farm.
USER_AGENT = (
    f"framing/{__version__} (research software for a media-framing study of news coverage of the "
    "3 February 2022 raid in Atmeh, Syria; retrieves each catalogued article once; Python-urllib)"
)
#: Name of the log file, written beside the folder of cached articles.
LOG_NAME = "fetch_log.tsv"
#: Columns of the fetch log, in order.
LOG_COLUMNS = (
    "article_id",
    "outcome",
    "url_used",
    "source",
    "http_status",
    "bytes",
    "seconds",
    "sha256",
    "n_reference_units",
    "n_aligned",
    "alignment_rate",
    "error",
    "fetched_at",
)

#: Seconds to wait for the server at each step (connect, each read). News sites behind CDNs answer in
#: 1-5 s; the Wayback Machine often needs 10-20 s to serve a capture, so 30 s leaves room without
#: letting one dead host stall the batch for long.
DEFAULT_TIMEOUT = 30.0
#: Largest page accepted, in bytes. News pages are typically 0.1-2 MB of HTML (inline scripts
#: included); 10 MB leaves headroom while refusing a video, a PDF dump or an endless stream.
DEFAULT_MAX_BYTES = 10_000_000
#: Seconds between two requests to the same host. Several articles share a host (the archive above
#: all), and a few seconds between requests is the usual courtesy for unattended retrieval.
DEFAULT_DELAY = 3.0
#: Extra attempts after a 5xx/429 answer or a timeout. Transient failures usually clear within
#: seconds; more attempts would only lengthen a run against a host that is really down.
DEFAULT_RETRIES = 2
#: First backoff in seconds; attempt k (from 0) waits BACKOFF * 2**k before retrying.
DEFAULT_BACKOFF = 2.0
#: Cap on a single backoff wait, so that a large --retries cannot make one article take hours.
MAX_BACKOFF = 60.0
#: Redirects followed before giving up (urllib's default is 10; real article URLs need 1-3).
MAX_REDIRECTS = 10
#: Whole-download deadline, as a multiple of the per-step timeout: a server trickling one byte per
#: second would otherwise never trip the per-read timeout.
DEADLINE_FACTOR = 4
#: Bytes read at a time while enforcing the size cap and the deadline.
CHUNK_BYTES = 65_536
#: Bytes searched for a <meta charset>; the HTML standard's prescan looks at 1024, but real pages
#: put long scripts first, so a few kilobytes are searched.
META_SNIFF_BYTES = 4096
#: Fewest characters of main text accepted as an article. One news sentence is 100-250 characters;
#: anything shorter is a consent notice, an error page or navigation, and the archive is tried instead.
MIN_BODY_CHARS = 80
#: Content types accepted as web pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Statuses worth retrying: the server is overloaded or asks us to slow down.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Timestamp used to ask the archive for a capture when the article's date is unknown: the day of
#: the raid, since every catalogued article was written after it.
EVENT_DATE = "20220203"
#: Encoding labels that browsers read as windows-1252 (WHATWG Encoding Standard, "Encodings").
WINDOWS_1252_ALIASES = frozenset({"latin_1", "iso8859-1", "ascii", "cp1252"})

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WAYBACK_TIMESTAMP = re.compile(r"(/web/\d{1,14})(?:[a-z]{2}_)?/")


class FetchError(Exception):
    """A page could not be retrieved or used.

    Parameters
    ----------
    message : str
        What went wrong, for the log.
    status : int, optional
        The HTTP status, when the server answered.
    retriable : bool
        Whether trying again later may succeed (5xx, 429, timeouts).
    """

    def __init__(self, message: str, *, status: int | None = None, retriable: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.retriable = retriable


@dataclass(frozen=True)
class Page:
    """A downloaded page.

    Attributes
    ----------
    url : str
        The final URL, after redirects.
    status : int
        The HTTP status (200).
    content_type : str
        The ``Content-Type`` header ("" when absent).
    body : bytes
        The (decompressed) body, at most ``max_bytes`` long.
    """

    url: str
    status: int
    content_type: str
    body: bytes


class HostThrottle:
    """Keep at least `delay` seconds between two requests to the same host.

    Parameters
    ----------
    delay : float
        Seconds between requests to one host (0 disables).
    clock, sleep : callable
        Injected for tests; default :func:`time.monotonic` and :func:`time.sleep`.

    Example
    -------
    >>> t = HostThrottle(0.0)
    >>> t.wait("https://example.org/a")
    0.0
    """

    def __init__(
        self,
        delay: float = DEFAULT_DELAY,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self.clock = clock
        self.sleep = sleep
        self.last_: dict[str, float] = {}

    def wait(self, url: str) -> float:
        """Sleep until `url`'s host may be asked again; return the seconds slept."""
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        waited = 0.0
        if host in self.last_:
            waited = max(0.0, self.last_[host] + self.delay - self.clock())
            if waited > 0:
                self.sleep(waited)
        self.last_[host] = self.clock()
        return waited


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_RedirectHandler)


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _charset(content_type: str) -> str | None:
    msg = Message()
    msg["content-type"] = content_type or "text/plain"
    return msg.get_param("charset")


def http_get(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    user_agent: str = USER_AGENT,
    accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    html_only: bool = True,
) -> Page:
    """Download one URL once (no retries), within a timeout and a size cap.

    Parameters
    ----------
    url : str
        http or https URL.
    timeout : float
        Seconds for each network step; the whole download must also end
        within ``DEADLINE_FACTOR * timeout``.
    max_bytes : int
        Largest body accepted; at most ``max_bytes + 1`` bytes are read.
    user_agent, accept : str
        Request headers.
    html_only : bool
        Refuse a response whose content type is not HTML, before reading it.

    Returns
    -------
    Page

    Raises
    ------
    FetchError
        Error status, redirect loop, timeout, too large, not HTML, network error.
    """
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) URL: {url!r}")
    request = urllib.request.Request(
        url, headers={"User-Agent": user_agent, "Accept": accept, "Accept-Encoding": "gzip, identity"}
    )
    deadline = time.monotonic() + DEADLINE_FACTOR * timeout
    try:
        with _opener().open(request, timeout=timeout) as resp:
            status = resp.status
            content_type = resp.headers.get("Content-Type", "") or ""
            if html_only and content_type and _media_type(content_type) not in HTML_TYPES:
                raise FetchError(f"not HTML (content type {_media_type(content_type)})", status=status)
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"too large ({int(length)} bytes announced; limit {max_bytes})", status=status)
            chunks, total = [], 0
            read = getattr(resp, "read1", resp.read)  # read1 returns what has arrived, so the deadline is checked
            while True:
                chunk = read(CHUNK_BYTES)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > max_bytes:
                    raise FetchError(f"too large (more than {max_bytes} bytes)", status=status)
                if time.monotonic() > deadline:
                    raise FetchError(
                        f"timed out (download not finished after {DEADLINE_FACTOR * timeout:g} s)",
                        status=status,
                        retriable=True,
                    )
            body = b"".join(chunks)
            body = _decompress(body, resp.headers.get("Content-Encoding", ""), max_bytes, status)
            final_url = resp.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as err:
        err.close()
        if 300 <= err.code < 400:
            raise FetchError(f"redirect loop or too many redirects ({err.code})", status=err.code) from None
        raise FetchError(f"HTTP {err.code} {err.reason}", status=err.code, retriable=err.code in RETRY_STATUSES) from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"timed out after {timeout:g} s (connecting)", retriable=True) from None
        raise FetchError(f"network error: {err.reason}", retriable=isinstance(err.reason, ConnectionError)) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"timed out after {timeout:g} s", retriable=True) from None
    except (ConnectionError, http.client.HTTPException) as err:
        raise FetchError(f"connection failed: {err.__class__.__name__}: {err}", retriable=True) from None
    if html_only and not content_type and not _looks_like_html(body):
        raise FetchError("not HTML (no content type, and the body does not look like a web page)", status=status)
    return Page(final_url, status, content_type, body)


def _decompress(body: bytes, encoding: str, max_bytes: int, status: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported content encoding {encoding!r}", status=status)
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error as err:
        raise FetchError(f"corrupt {encoding} body ({err})", status=status) from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise FetchError(f"too large (more than {max_bytes} bytes once decompressed)", status=status)
    return out


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in WINDOWS_1252_ALIASES else name


def decode_html(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode a page: HTTP charset, BOM, ``<meta charset>``, UTF-8, else windows-1252.

    Parameters
    ----------
    body : bytes
        The page.
    content_type : str
        The ``Content-Type`` header, possibly with ``charset=``.

    Returns
    -------
    (str, str)
        The text and the codec used (Python's name for it).

    Example
    -------
    >>> decode_html("“Hélène”".encode("cp1252"), "text/html; charset=ISO-8859-1")
    ('“Hélène”', 'cp1252')
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    declared = _codec(_charset(content_type))
    if declared is None:
        m = _META_CHARSET.search(body[:META_SNIFF_BYTES])
        declared = _codec(m.group(1).decode("ascii", "replace")) if m else None
        if declared in ("utf-16", "utf-16-le", "utf-16-be"):  # a meta tag readable as ASCII cannot be UTF-16
            declared = "utf-8"
    if declared:
        return body.decode(declared, errors="replace"), declared
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace"), "cp1252"


def extract_article(html: str, *, url: str | None = None) -> tuple[str, str]:
    """The title and main text of a page, by trafilatura.

    Comments and tables are left out; paragraphs become lines. A first body
    line that repeats the title (the page's ``<h1>``) is dropped, since the
    title becomes the headline line.

    Parameters
    ----------
    html : str
        The decoded page.
    url : str, optional
        Its address (helps trafilatura's metadata extraction).

    Returns
    -------
    (str, str)
        Headline ("" when the page has no title) and body.

    Raises
    ------
    FetchError
        No main text found (less than :data:`MIN_BODY_CHARS` characters).
    """
    import trafilatura

    body = trafilatura.extract(
        html, url=url, output_format="txt", include_comments=False, include_tables=False, with_metadata=False
    )
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = " ".join(((meta.title if meta is not None else None) or "").split())
    lines = [" ".join(line.split()) for line in (body or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and title and normalise_for_fingerprint(lines[0]) == normalise_for_fingerprint(title):
        lines = lines[1:]
    if sum(len(line) for line in lines) < MIN_BODY_CHARS:
        raise FetchError(f"no article text found in the page (under {MIN_BODY_CHARS} characters of main text)")
    return title, "\n".join(lines)


def _get_with_retries(
    url: str,
    *,
    throttle: HostThrottle,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
    **options,
) -> Page:
    for attempt in range(retries + 1):
        throttle.wait(url)
        try:
            return http_get(url, **options)
        except FetchError as err:
            if not err.retriable or attempt == retries:
                raise
            sleep(min(backoff * 2**attempt, MAX_BACKOFF))
    raise AssertionError("unreachable")  # pragma: no cover


def _timestamp(date) -> str:
    if date is None or (isinstance(date, float) and pd.isna(date)) or date is pd.NaT:
        return EVENT_DATE
    try:
        stamp = pd.Timestamp(date)
    except (ValueError, TypeError):
        return EVENT_DATE
    return EVENT_DATE if pd.isna(stamp) else stamp.strftime("%Y%m%d")


def archive_capture(
    url: str,
    date=None,
    *,
    archive_api: str = ARCHIVE_API,
    throttle: HostThrottle | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    user_agent: str = USER_AGENT,
) -> str:
    """The Wayback Machine capture of `url` nearest to `date`, as an ``id_`` URL.

    Asks ``<archive_api>?url=<url>&timestamp=<YYYYMMDD>``, whose answer is
    ``{"archived_snapshots": {"closest": {"available": true, "status": "200",
    "url": "http://web.archive.org/web/<timestamp>/<url>"}}}``, and inserts
    ``id_`` after the timestamp so that the capture is served as the site sent it.

    Parameters
    ----------
    url : str
        The article's address.
    date : date-like, optional
        Publication date; unknown dates ask for the day of the raid (:data:`EVENT_DATE`).
    archive_api : str
        The availability API's address (tests point it at 127.0.0.1).

    Returns
    -------
    str
        The capture's ``id_`` URL.

    Raises
    ------
    FetchError
        No capture with status 200, or the API failed.

    Example
    -------
    >>> _WAYBACK_TIMESTAMP.sub(r"\\1id_/", "http://web.archive.org/web/20220203101010/https://x.org/a", count=1)
    'http://web.archive.org/web/20220203101010id_/https://x.org/a'
    """
    throttle = throttle if throttle is not None else HostThrottle()
    query = urllib.parse.urlencode({"url": url, "timestamp": _timestamp(date)})
    api_url = f"{archive_api}{'&' if '?' in archive_api else '?'}{query}"
    page = _get_with_retries(
        api_url,
        throttle=throttle,
        retries=retries,
        backoff=backoff,
        timeout=timeout,
        max_bytes=1_000_000,
        user_agent=user_agent,
        accept="application/json",
        html_only=False,
    )
    try:
        closest = json.loads(page.body.decode("utf-8"))["archived_snapshots"].get("closest") or {}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise FetchError("the archive's availability API gave an answer that is not the expected JSON") from None
    capture = closest.get("url")
    if not closest.get("available") or not capture or str(closest.get("status", "200")) != "200":
        raise FetchError("no archived capture")
    if not _WAYBACK_TIMESTAMP.search(capture):
        raise FetchError(f"unexpected capture URL {capture!r}")
    return _WAYBACK_TIMESTAMP.sub(r"\1id_/", capture, count=1)


def _clean(value) -> str:
    """A log cell: one line, no tabs."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def _file_facts(path: Path, reference: pd.DataFrame | None, article_id: str) -> dict:
    """sha256 and alignment of the cached text at `path` (empty when there is none)."""
    if not path.exists():
        return {"sha256": "", "n_reference_units": "", "n_aligned": "", "alignment_rate": ""}
    text = read_article(path, article_id=article_id).text
    facts = {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    if reference is None:
        facts.update(n_reference_units="", n_aligned="", alignment_rate="")
    else:
        al = alignment(text, reference, article_id=article_id)
        rate = al["alignment_rate"]
        facts.update(
            n_reference_units=al["n_reference_units"],
            n_aligned=al["n_aligned"],
            alignment_rate="" if pd.isna(rate) else round(rate, 4),
        )
    return facts


def fetch_one(
    article: Mapping | pd.Series,
    *,
    cache: str | Path,
    reference: pd.DataFrame | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    archive_api: str | None = ARCHIVE_API,
    throttle: HostThrottle | None = None,
    user_agent: str = USER_AGENT,
) -> dict:
    """Retrieve one article into the cache and return its log row.

    Tries the article's URL, then (unless `archive_api` is None or "") the
    archive's nearest capture. On success the text file
    ``<cache>/<article_id>.txt`` is written atomically; on failure an
    existing file is left untouched.

    Parameters
    ----------
    article : mapping
        A catalog row: ``article_id``, ``url`` and (optional) ``date``.
    cache : str or Path
        Folder of cached texts (:func:`framing.corpus.cache_dir`).
    reference : pandas.DataFrame, optional
        Reference units (``article_id``, ``kind``, ``fingerprint``) for the
        alignment columns; left empty when None.
    timeout, max_bytes, retries, backoff, user_agent
        See :func:`http_get` and the module constants.
    archive_api : str or None
        The availability API; None or "" disables the fallback.
    throttle : HostThrottle, optional
        Shared between calls to keep the per-host delay (default: a new one
        with :data:`DEFAULT_DELAY`).

    Returns
    -------
    dict
        Keys :data:`LOG_COLUMNS`. ``outcome`` is ``fetched`` or ``failed``;
        ``sha256`` and the alignment columns describe the file in the cache
        after the attempt (so a failed re-fetch that kept a good copy still
        shows that copy's figures).

    Example
    -------
    >>> row = fetch_one({"article_id": "a", "url": "https://example.org/a"}, cache="data/cache/articles")  # doctest: +SKIP
    >>> row["outcome"], row["source"]  # doctest: +SKIP
    ('fetched', 'original')
    """
    article_id = check_article_id(str(article["article_id"]))
    url = str(article.get("url", "") or "")
    throttle = throttle if throttle is not None else HostThrottle()
    options = {"timeout": timeout, "max_bytes": max_bytes, "user_agent": user_agent}
    path = Path(cache) / f"{article_id}.txt"
    started = time.monotonic()
    row = {"article_id": article_id, "outcome": "failed", "url_used": url, "source": "original", "http_status": "",
           "bytes": "", "error": ""}
    errors = []
    text = None
    for source in ("original", "archive"):
        try:
            if source == "archive":
                if not archive_api:
                    break
                row.update(source="archive", http_status="", url_used="")
                capture = archive_capture(
                    url, article.get("date"), archive_api=archive_api, throttle=throttle, timeout=timeout,
                    retries=retries, backoff=backoff, user_agent=user_agent,
                )
                row["url_used"] = capture
                target = capture
            else:
                if not url:
                    raise FetchError("the catalog gives no URL")
                target = url
            page = _get_with_retries(target, throttle=throttle, retries=retries, backoff=backoff, **options)
            row.update(url_used=page.url, http_status=page.status, bytes=len(page.body))
            html, _ = decode_html(page.body, page.content_type)
            headline, body = extract_article(html, url=url)
            text = format_article(headline, body)
            break
        except FetchError as err:
            if err.status is not None:
                row["http_status"] = err.status
            errors.append(f"{source}: {err}")
    if text is not None:
        atomic_write_text(path, text)
        row["outcome"] = "fetched"
    else:
        kept = " (the previously cached copy was kept)" if path.exists() else ""
        row["error"] = "; ".join(errors) + kept
    row["seconds"] = round(time.monotonic() - started, 3)
    row["fetched_at"] = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    row.update(_file_facts(path, reference, article_id))
    return {col: row.get(col, "") for col in LOG_COLUMNS}


def read_log(path: str | Path) -> pd.DataFrame:
    """Read a fetch log (:data:`LOG_COLUMNS`; an absent file is an empty log).

    Raises
    ------
    InputError
        The file is not a fetch log (a missing column, a ragged row).
    """
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=list(LOG_COLUMNS), dtype=str)
    frame = read_table(path, required=LOG_COLUMNS)
    return frame[list(LOG_COLUMNS)]


def _write_log(path: Path, log: pd.DataFrame) -> None:
    lines = ["\t".join(LOG_COLUMNS)]
    for rec in log[list(LOG_COLUMNS)].itertuples(index=False):
        lines.append("\t".join(_clean(v) for v in rec))
    atomic_write_text(path, "\n".join(lines) + "\n")


def _replace_row(log: pd.DataFrame, row: dict) -> pd.DataFrame:
    """The log with `row` in place of its article's row (appended when new)."""
    log = log.reset_index(drop=True)
    same = (log["article_id"] == row["article_id"]).to_numpy().nonzero()[0]
    if len(same):
        log = log.drop(index=same[1:])
        log.loc[same[0], list(LOG_COLUMNS)] = [row[c] for c in LOG_COLUMNS]
        return log.reset_index(drop=True)
    return pd.concat([log, pd.DataFrame([row], columns=list(LOG_COLUMNS))], ignore_index=True)


def _select(catalog: pd.DataFrame, only: Iterable[str] | None) -> pd.DataFrame:
    if only:
        only = list(dict.fromkeys(only))
        unknown = [a for a in only if a not in set(catalog["article_id"])]
        if unknown:
            raise InputError(f"not in the catalog: {', '.join(unknown)}", field="article_id")
        chosen = catalog[catalog["article_id"].isin(only)]
        if "text" in catalog.columns:
            shipped = chosen.loc[chosen["text"] == "seed", "article_id"].tolist()
            if shipped:
                raise InputError(
                    f"{', '.join(shipped)}: the text ships with the project (data/articles); nothing to fetch",
                    field="article_id",
                )
        return chosen
    if "text" not in catalog.columns:
        return catalog
    return catalog[catalog["text"] == "retrieve"]


def fetch_articles(
    catalog: pd.DataFrame,
    *,
    cache: str | Path,
    log: str | Path | None = None,
    reference: pd.DataFrame | None = None,
    only: Iterable[str] | None = None,
    force: bool = False,
    delay: float = DEFAULT_DELAY,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    archive_api: str | None = ARCHIVE_API,
    user_agent: str = USER_AGENT,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Retrieve the catalog's articles into the cache (see the module docs).

    Parameters
    ----------
    catalog : pandas.DataFrame
        From :func:`framing.corpus.load_catalog`: ``article_id``, ``url``,
        ``date`` and ``text`` (rows with ``text == "retrieve"`` are fetched).
    cache : str or Path
        Folder of cached texts (:func:`framing.corpus.cache_dir`).
    log : str or Path, optional
        The log file; default ``<cache>/../fetch_log.tsv``. Rows of the
        articles fetched (or failed) in this run are replaced, others kept;
        it is rewritten atomically after every article.
    reference : pandas.DataFrame, optional
        Reference units, for the alignment columns.
    only : iterable of str, optional
        Fetch these article ids instead (must be in the catalog, not the seed).
    force : bool
        Fetch again what is already cached.
    delay : float
        Seconds between two requests to the same host.
    timeout, max_bytes, retries, backoff, archive_api, user_agent
        As for :func:`fetch_one`.
    progress : bool or None
        Progress bar on stderr (tqdm); None shows it only on a terminal.

    Returns
    -------
    pandas.DataFrame
        One row per selected article, columns :data:`LOG_COLUMNS`, all
        strings; ``outcome`` is ``fetched``, ``failed`` or ``cached``
        (skipped: already in the cache; its sha256 and alignment are
        recomputed from the file, the rest comes from the log).

    Raises
    ------
    InputError
        An ``only`` id not in the catalog, or an unreadable log file.

    Example
    -------
    >>> from framing.corpus import cache_dir, load_catalog, load_reference
    >>> log = fetch_articles(load_catalog("data"), cache=cache_dir("data"),
    ...                      reference=load_reference("data", with_catalog=False))  # doctest: +SKIP
    >>> log["outcome"].value_counts()  # doctest: +SKIP
    """
    from tqdm.auto import tqdm

    cache = Path(cache)
    log_path = Path(log) if log is not None else cache.parent / LOG_NAME
    previous = read_log(log_path)
    chosen = _select(catalog, only)
    throttle = HostThrottle(delay)
    rows = []
    bar = tqdm(
        chosen.to_dict("records"), desc="fetch", unit="article",
        disable=None if progress is None else not progress,
    )
    for article in bar:
        aid = str(article["article_id"])
        path = cache / f"{aid}.txt"
        if path.exists() and not force:
            old = previous[previous["article_id"] == aid]
            row = old.iloc[-1].to_dict() if len(old) else {c: "" for c in LOG_COLUMNS}
            row.update(article_id=aid, outcome="cached", error="", **_file_facts(path, reference, aid))
            rows.append({c: _clean(row.get(c, "")) for c in LOG_COLUMNS})
            continue
        row = fetch_one(
            article, cache=cache, reference=reference, timeout=timeout, max_bytes=max_bytes, retries=retries,
            backoff=backoff, archive_api=archive_api, throttle=throttle, user_agent=user_agent,
        )
        row = {c: _clean(v) for c, v in row.items()}
        rows.append(row)
        previous = _replace_row(previous, row)
        _write_log(log_path, previous)
    bar.close()
    return pd.DataFrame(rows, columns=list(LOG_COLUMNS), dtype=str)
