"""A browser tab without the browser: the app's frontend protocol, spoken over Streamlit 1.67's
websocket, for the load test (``bench/load.py``) and the balancer's failover test.

What a tab does, in the frontend's order:

1. ``GET /<page>?<query>`` (the page's HTML: a load balancer sets its affinity cookie here) and
   ``GET /_stcore/health`` (Streamlit sets its XSRF cookie), keeping every cookie;
2. opens ``ws://host/_stcore/stream`` with those cookies, the page's Origin, and the subprotocols
   ``streamlit, <xsrf token>``;
3. sends ``BackMsg.rerun_script`` with the URL's query string, the widget states it holds, the
   page (its name first, then the hash the server names it by), the fragment to rerun if any,
   and the hashes of the messages it has cached;
4. reads ``ForwardMsg``s until ``script_finished``: elements of the run (sliders are remembered
   with their fragment and URL key), references to cached messages (``ref_hash``), query-string
   changes, exceptions.

A slider moved by one step is sent as the browser's slider sends it (``double_array_value``),
and its URL parameter rewritten in the query string, as the browser's address bar is. Uploads
ask the server for an upload URL, ``PUT`` the file there (cookies and the ``X-Xsrftoken``
header, as the browser) and rerun with the uploader's state.
"""
from __future__ import annotations

import asyncio
import contextlib
import http.client
import math
import time
import urllib.parse
import uuid
from dataclasses import dataclass

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import FileURLs, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Slider_pb2 import Slider as SliderProto
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
XSRF_COOKIE = "_streamlit_xsrf"


def url_number(x: float) -> str:
    """A number as the browser writes it into the address bar (JavaScript's ``String(x)``)."""
    if math.isfinite(x) and x == int(x) and abs(x) < 1e21:
        return str(int(x))
    text = repr(float(x))
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"{mantissa}e{'+' if int(exponent) > 0 else '-'}{abs(int(exponent))}"


@dataclass
class Slider:
    id: str
    label: str
    lo: float
    hi: float
    step: float
    value: list
    integer: bool
    fragment_id: str
    url_key: str


class Tab:
    """One browser tab on one page of the app at ``base`` (``http://host:port``)."""

    def __init__(self, base: str, page: str, query: str = "", embedded: bool = False, timeout: float = 60.0):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.origin = f"http://{parts.netloc}"
        self.page, self.query, self.embedded, self.timeout = page.strip("/"), query, embedded, timeout
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.session_id = ""
        self.page_hash = ""
        self.sliders: dict[str, Slider] = {}
        self.uploaders: dict[str, str] = {}        # label -> widget id
        self.held: dict[str, WidgetState] = {}     # other widgets' states the tab sends (uploads)
        self.texts: list[str] = []                 # markdown of the last run, for tests
        self.errors: list[str] = []
        self.received = 0                          # bytes
        self._cache: dict[str, tuple[ForwardMsg, int, str]] = {}   # hash -> (msg, run, fragment)
        self._runs = 0
        self._max_age = 2
        self._fragments: tuple = ()
        self._finished = asyncio.Event()
        self._status = None
        self._replies: dict[str, asyncio.Future] = {}
        self._reader = None
        self.closed = ""

    # ---- HTTP, as the page's HTML and the frontend's fetches
    def http(self, method: str, path: str, body: bytes = b"", headers: dict | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            sent = {"Cookie": self.cookie_header(), "Origin": self.origin, **(headers or {})}
            conn.request(method, path, body=body or None, headers=sent)
            reply = conn.getresponse()
            for value in reply.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return reply.status, reply.read()
        finally:
            conn.close()

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    # ---- the tab's life
    async def open(self) -> float:
        """Load the page as a browser does; seconds of the first run (send -> finished)."""
        path = f"/{self.page}" + (f"?{self.query}" if self.query else "")
        for target in (path, "/_stcore/health"):
            status, _ = await asyncio.to_thread(self.http, "GET", target)
            if status != 200:
                raise RuntimeError(f"GET {target}: HTTP {status}")
        self.ws = await connect(f"ws://{self.host}:{self.port}/_stcore/stream", origin=self.origin,
                                subprotocols=["streamlit", self.cookies.get(XSRF_COOKIE, "PLACEHOLDER_AUTH_TOKEN")],
                                additional_headers={"Cookie": self.cookie_header()}, max_size=None,
                                open_timeout=self.timeout, ping_interval=None, close_timeout=5, proxy=None)
        self._reader = asyncio.create_task(self._read())
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):   # closing a tab never fails the run
                await asyncio.wait_for(self.ws.close(), 6)
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                self.received += len(raw)
                self._on_message(raw)
        except ConnectionClosed as e:
            self.closed = f"connection closed ({e.rcvd.code if e.rcvd else 'no close frame'})"
        except Exception as e:  # noqa: BLE001 - a bad message must not leave a waiter hanging
            self.closed = f"reader: {type(e).__name__}: {e}"
        finally:
            self.closed = self.closed or "connection closed"
            self._finished.set()
            for reply in self._replies.values():
                if not reply.done():
                    reply.set_exception(ConnectionError(self.closed))

    # ---- messages from the server
    def _on_message(self, raw: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "ref_hash":           # a message this tab has cached
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                self.errors.append(f"cache miss {msg.ref_hash}")
                return
            full = ForwardMsg()
            full.CopyFrom(cached[0])
            full.metadata.CopyFrom(msg.metadata)
            self._cache[msg.ref_hash] = (cached[0], self._runs, cached[2])
            msg = full
        elif msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = (msg, self._runs, msg.delta.fragment_id if msg.HasField("delta") else "")
        handler = getattr(self, f"_on_{msg.WhichOneof('type')}", None)
        if handler is not None:
            handler(msg)

    def _on_delta(self, msg: ForwardMsg) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "slider":
            self._on_slider(element.slider, msg.delta.fragment_id)
        elif kind == "file_uploader":
            self.uploaders[element.file_uploader.label] = element.file_uploader.id
        elif kind == "markdown":
            self.texts.append(element.markdown.body)
        elif kind == "exception" and not element.exception.is_warning:
            self.errors.append(f"exception {element.exception.type}: {element.exception.message[:200]}")

    def _on_slider(self, p: SliderProto, fragment_id: str) -> None:
        if p.options or p.type == SliderProto.SELECT_SLIDER:
            return
        known = self.sliders.get(p.id)
        value = list(p.value) if p.set_value or known is None else known.value
        self.sliders[p.id] = Slider(p.id, p.label, p.min, p.max, p.step, value or list(p.default) or [p.min],
                                    p.data_type == SliderProto.INT, fragment_id, p.query_param_key)

    def _on_new_session(self, msg: ForwardMsg) -> None:
        self._max_age = msg.new_session.config.max_cached_message_age or 2
        self._fragments = tuple(msg.metadata.run.fragment_ids)
        if msg.new_session.initialize.session_id:
            self.session_id = msg.new_session.initialize.session_id
        if not self._fragments:
            self.texts = []

    def _on_navigation(self, msg: ForwardMsg) -> None:
        self.page_hash = msg.navigation.page_script_hash or self.page_hash

    def _on_page_info_changed(self, msg: ForwardMsg) -> None:
        self.query = msg.page_info_changed.query_string

    def _on_page_not_found(self, msg: ForwardMsg) -> None:
        self.errors.append(f"page not found: {msg.page_not_found.page_name}")

    def _on_session_event(self, msg: ForwardMsg) -> None:
        if msg.session_event.WhichOneof("type") == "script_compilation_exception":
            self.errors.append("script compilation exception")

    def _on_file_urls_response(self, msg: ForwardMsg) -> None:
        reply = self._replies.pop(msg.file_urls_response.response_id, None)
        if reply is not None and not reply.done():
            reply.set_result(msg.file_urls_response)

    def _on_script_finished(self, msg: ForwardMsg) -> None:
        status = msg.script_finished
        if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return
        if status in DONE:
            self._age_cache()
        else:
            self.errors.append(f"script finished: {ForwardMsg.ScriptFinishedStatus.Name(status)}")
        self._status = status
        self._finished.set()

    def _age_cache(self) -> None:
        """As the frontend's message cache: after a run, drop what the run's scope has not used
        for more than ``max_cached_message_age`` runs."""
        self._runs += 1
        for key, (_, run, fragment) in list(self._cache.items()):
            in_scope = not self._fragments or fragment in self._fragments
            if in_scope and self._runs - run > self._max_age:
                del self._cache[key]

    # ---- messages to the server
    async def rerun(self, widgets: list | None = None, fragment_id: str = "") -> float:
        """Seconds from sending the rerun until the server finishes it; errors go to ``errors``."""
        state = ClientState(query_string=self.query, fragment_id=fragment_id)
        state.widget_states.SetInParent()
        state.widget_states.widgets.extend(widgets or [])
        if self.page_hash:
            state.page_script_hash = self.page_hash
        else:
            state.page_name = self.page
        state.cached_message_hashes.extend(self._cache)
        info = state.context_info
        info.timezone, info.locale, info.color_scheme = "UTC", "en-US", "light"
        info.url = f"{self.origin}/{self.page}"
        info.is_embedded = self.embedded
        self._finished.clear()
        self._status = None
        start = time.perf_counter()
        await self.ws.send(BackMsg(rerun_script=state).SerializeToString())
        try:
            await asyncio.wait_for(self._finished.wait(), self.timeout)
        except TimeoutError:
            self.errors.append(f"no answer within {self.timeout:.0f} s")
        if self._status is None and self.closed:
            self.errors.append(self.closed)
        return time.perf_counter() - start

    def widget_states(self) -> list[WidgetState]:
        """What the frontend sends with every rerun: the state of each widget it holds."""
        states = list(self.held.values())
        for s in self.sliders.values():
            state = WidgetState(id=s.id)
            state.double_array_value.data.extend(s.value)
            states.append(state)
        return states

    def step_slider(self, slider: Slider, direction: int) -> tuple[list, str]:
        """One arrow-key step on ``slider``: (widget states, fragment id) of the rerun to send."""
        step = slider.step or (slider.hi - slider.lo) / 100 or 1.0
        value = slider.value[0] + direction * step
        if not slider.lo <= value <= slider.hi:
            value = slider.value[0] - direction * step
        value = min(max(value, slider.lo), slider.hi)
        slider.value = [float(round(value)) if slider.integer else value] + slider.value[1:]
        if slider.url_key:   # bind="query-params": the address bar follows the slider
            pairs = urllib.parse.parse_qsl(self.query, keep_blank_values=True)
            pairs = [(slider.url_key, url_number(v)) for v in slider.value] + \
                    [(k, v) for k, v in pairs if k != slider.url_key]
            self.query = urllib.parse.urlencode(pairs)
        return self.widget_states(), slider.fragment_id

    def find_slider(self, label: str) -> Slider:
        for s in self.sliders.values():
            if label.lower() in s.label.lower():
                return s
        raise LookupError(f"no slider labelled {label!r} on /{self.page}")

    async def upload(self, label: str, name: str, data: bytes) -> float:
        """Choose ``data`` as file ``name`` in the uploader labelled ``label``; seconds until
        the rerun that reads it has finished."""
        widget = next(i for text, i in self.uploaders.items() if label.lower() in text.lower())
        request_id = uuid.uuid4().hex
        reply = self._replies[request_id] = asyncio.get_running_loop().create_future()
        request = BackMsg()
        request.file_urls_request.request_id = request_id
        request.file_urls_request.session_id = self.session_id
        request.file_urls_request.file_names.append(name)
        await self.ws.send(request.SerializeToString())
        urls: FileURLs = (await asyncio.wait_for(reply, self.timeout)).file_urls[0]
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        status, text = await asyncio.to_thread(
            self.http, "PUT", urls.upload_url, body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}",
             "X-Xsrftoken": self.cookies.get(XSRF_COOKIE, "")})
        if status != 204:
            raise RuntimeError(f"upload: HTTP {status} {text[:200]!r}")
        state = WidgetState(id=widget)
        state.file_uploader_state_value.uploaded_file_info.append(
            UploadedFileInfo(name=name, size=len(data), file_id=urls.file_id, file_urls=urls))
        self.held[widget] = state
        return await self.rerun(self.widget_states())
