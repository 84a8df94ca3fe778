"""bench/wire.py's accounting of Chromium's DevTools Network events, fed fake events.

No browser: these run everywhere, in a second."""

import base64

from bench import wire


def frame(method: str, payload: str | bytes, t: float = 0.0) -> tuple[str, dict]:
    if isinstance(payload, bytes):  # a binary message: CDP sends it base64-encoded
        response = {"opcode": 2, "mask": False, "payloadData": base64.b64encode(payload).decode()}
    else:
        response = {"opcode": 1, "mask": False, "payloadData": payload}
    return f"Network.webSocketFrame{method}", {"requestId": "ws", "timestamp": t,
                                                "response": response}


def request(log: wire.WireLog, rid: str, url: str, kind: str, nbytes: int, *,
            disk: bool = False, memory: bool = False, status: int = 200) -> None:
    log.on("Network.requestWillBeSent", {"requestId": rid, "request": {"url": url}, "type": kind})
    if memory:
        log.on("Network.requestServedFromCache", {"requestId": rid})
    log.on("Network.responseReceived", {"requestId": rid, "type": kind,
                                        "response": {"status": status, "fromDiskCache": disk}})
    log.on("Network.loadingFinished", {"requestId": rid, "encodedDataLength": nbytes})


def test_websocket_payloads_count_decoded_bytes():
    for size in range(7):  # every base64 padding case
        assert wire.ws_payload_bytes(frame("Received", b"\x00" * size)[1]["response"]) == size
    assert wire.ws_payload_bytes(frame("Sent", "héllo")[1]["response"]) == 6  # UTF-8


KERNEL_WS = "ws://127.0.0.1:8888/api/kernels/4f1c-9a/channels?session_id=1"


def test_websocket_bytes_go_to_the_phase_they_arrive_in():
    log = wire.WireLog(phase="load")
    log.on("Network.webSocketCreated", {"requestId": "ws", "url": KERNEL_WS})
    log.on(*frame("Received", b"x" * 100, t=1.0))
    log.phase = "run"
    log.on(*frame("Sent", '{"msg_type": "execute_request"}'))
    log.on(*frame("Received", b"y" * 5_000_000, t=2.0))
    log.on(*frame("Received", b"z" * 1_000_000, t=6.0))
    run = log.websocket("run")
    assert (run["in_bytes"], run["out_bytes"], run["in_messages"]) == (6_000_000, 31, 2)
    assert run["total_bytes"] == 6_000_031
    assert run["in_rate_mbit_s"] == 12.0  # 6 MB over the 4 s between the first and last
    assert log.websocket("load")["in_bytes"] == 100
    assert log.websocket("load")["in_rate_mbit_s"] is None  # one message: no span


def test_http_splits_static_from_api_and_cached_from_network():
    log = wire.WireLog(phase="visit")
    request(log, "1", "http://127.0.0.1:8888/lab/tree/x.ipynb", "Document", 5_000)
    request(log, "2", "http://127.0.0.1:8888/static/lab/jlab_core.js?v=1", "Script", 2_000_000)
    request(log, "3", "http://127.0.0.1:8888/static/lab/theme.css", "Stylesheet", 0, disk=True)
    request(log, "4", "http://127.0.0.1:8888/static/lab/a.js", "Script", 0, memory=True)
    request(log, "5", "http://127.0.0.1:8888/static/lab/font.woff2", "Font", 300, status=304)
    request(log, "6", "http://127.0.0.1:8888/api/sessions", "Fetch", 700)
    log.on("Network.requestWillBeSent", {"requestId": "7", "type": "XHR",
                                         "request": {"url": "http://127.0.0.1:8888/api/x"}})
    log.on("Network.loadingFailed", {"requestId": "7"})
    log.phase = "later"
    request(log, "8", "http://127.0.0.1:8888/static/lab/late.js", "Script", 123)
    http = log.http("visit")
    assert http["requests"] == 7 and http["bytes"] == 2_006_000
    assert http["static_requests"] == 5 and http["static_bytes"] == 2_005_300
    assert http["static_cached"] == 3 and http["static_from_network"] == 2
    assert http["failed"] == 1
    assert http["largest_static"][0] == ["jlab_core.js", 2_000_000]
    assert log.http("later")["static_bytes"] == 123


def test_a_redirect_keeps_the_first_hops_bytes():
    log = wire.WireLog(phase="visit")
    request(log, "1", "http://127.0.0.1:8888/lab", "Document", 400, status=302)
    request(log, "1", "http://127.0.0.1:8888/lab/tree", "Document", 600)
    assert log.http("visit")["bytes"] == 1000 and log.http("visit")["requests"] == 1


def test_urls_beyond_loopback_are_noted():
    log = wire.WireLog()
    request(log, "1", "http://127.0.0.1:8888/static/a.js", "Script", 1)
    request(log, "2", "https://cdn.jsdelivr.net/npm/plotly.js", "Script", 1)
    log.on("Network.webSocketCreated", {"requestId": "w", "url": "ws://localhost:8888/api/k"})
    log.on("Network.webSocketCreated", {"requestId": "v", "url": "wss://example.org/socket"})
    assert log.outside == ["https://cdn.jsdelivr.net/npm/plotly.js", "wss://example.org/socket"]


def fake_result(ws_in: int, drawn: float, throttled: float, rate: float | None) -> dict:
    ws = {"in_bytes": ws_in, "out_bytes": 1000, "total_bytes": ws_in + 1000,
          "in_rate_mbit_s": rate}
    http = {"static_bytes": 12_000_000, "static_cached": 90, "static_requests": 100}
    return {"run_all": {"drawn_s": drawn, "websocket": ws},
            "run_all_throttled": {"drawn_s": throttled, "websocket": ws},
            "first_visit": {"http": http}, "second_visit": {"http": {**http, "static_bytes": 8000}},
            "ws_kb": (ws_in + 1000) / 1000, "ws_met": ws_in + 1000 <= 300_000,
            "throttled_met": throttled <= 5}


def test_a_websocket_faster_than_the_throttle_was_not_throttled():
    # 5 MB cannot arrive in under 4 s at 10 Mbit/s.
    assert wire.websocket_throttled(fake_result(5_000_000, 3.0, 9.0, 4.0))["consistent"]
    assert not wire.websocket_throttled(fake_result(5_000_000, 3.0, 3.2, 4.0))["consistent"]
    assert not wire.websocket_throttled(fake_result(5_000_000, 3.0, 9.0, 40.0))["consistent"]


def test_table_rows_say_no_when_a_goal_is_missed():
    results = {"ws_goal_kb": 300, "throttled_goal_s": 5.0,
               "lessons": {"03-range.ipynb": fake_result(5_000_000, 3.0, 9.0, 4.0),
                           "00-start-here.ipynb": fake_result(20_000, 1.0, 1.5, None)}}
    rows = {row[0]: row for row in wire.table_rows(results)}
    assert rows["wire 03: kernel websocket during Run All"][3] == "NO"
    assert rows["wire 03: kernel websocket during Run All"][1].startswith("5,001 KB")
    assert rows["wire 00: kernel websocket during Run All"][3] == "yes"
    assert rows["wire 03: Run All to figures drawn, unthrottled / 10 Mbit/s"][3] == "NO"
    assert rows["wire 00: Run All to figures drawn, unthrottled / 10 Mbit/s"][3] == "yes"
    assert rows["wire 00: static HTTP, first / second visit"][1] == "12,000 / 8 KB"


def test_table_rows_report_page_opening_and_the_websocket_probe():
    lesson = fake_result(20_000, 1.0, 1.5, None)
    lesson["first_visit_throttled"] = {"open_s": 15.0, "drawn_s": 2.0}
    lesson["second_visit"]["open_s_throttled"] = 5.0
    probe = {"unthrottled": {"bytes": 2_500_000, "down_s": 0.1, "up_s": 1.0, "floor_s": 2.0},
             "throttled": {"bytes": 2_500_000, "down_s": 3.9, "up_s": 1.5, "floor_s": 2.0}}
    results = {"ws_goal_kb": 300, "throttled_goal_s": 5.0, "lessons": {"00-a.ipynb": lesson},
               "websocket_probe": probe}
    rows = {row[0]: row for row in wire.table_rows(results)}
    assert rows["wire: opening a lesson at 10 Mbit/s, empty / warm cache (median)"][1] \
        == "15.0 / 5.0 s"
    assert rows["wire 00: Run All to figures drawn, unthrottled / 10 Mbit/s"][1] \
        == "1.0 s / 1.5 s (empty cache 2.0)"
    # 2.5 MB up in 1.5 s is faster than 10 Mbit/s: that direction was not throttled.
    assert rows["wire: 2.5 MB down / up the kernel websocket"][3] == "NO"


def test_only_the_kernel_socket_counts_as_kernel_traffic():
    log = wire.WireLog(phase="run")
    log.on("Network.webSocketCreated", {"requestId": "ev",
                                        "url": "ws://127.0.0.1:8888/api/events/subscribe"})
    log.on("Network.webSocketCreated", {"requestId": "ws", "url": KERNEL_WS})
    name, params = frame("Received", "x" * 500)
    log.on(name, {**params, "requestId": "ev"})
    log.on(*frame("Received", b"k" * 40))
    run = log.websocket("run")
    assert run["in_bytes"] == 40 and run["other_sockets_bytes"] == 500
