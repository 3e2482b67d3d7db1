"""Every page of every role over HTTP at a million cases, and the raw SQL under each.

Served the way production serves it: gunicorn, DEBUG=false, PostgreSQL. On an empty
throwaway database (the loader of bench_search.py fills it; loading is skipped when
cases are there already):

    createdb raovat_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/raovat_bench \\
        python bench/bench_http.py --cases 1000000

For each page: p50/p95 of --requests requests by one user after a warm-up, the number of
queries, the page size, and the raw-SQL floor (the page's own SQL statements, captured
in this process and run again on one connection, without Django). Then a mixed officer
load at 1, 4 and 16 concurrent users for --seconds each: throughput, p95, errors and the
memory of the workers. The database settings of docs/performance.md are applied first.
Results are printed as Markdown for bench/RESULTS.md.
"""

import argparse
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="raovat-bench-"))
SERVER_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_ROOT": str(TMP / "static"),
    "VAR_DIR": str(TMP / "var"),
}
os.environ.update(SERVER_ENV)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_search  # noqa: E402  (sets Django up)
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from raovat.cases.models import Case, Dispatch  # noqa: E402
from raovat.cases.workflow import State  # noqa: E402
from raovat.units.models import User  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# What docs/performance.md asks of the database for these queries.
DATABASE_SETTINGS = {"jit": "off", "random_page_cost": "1.1", "work_mem": "16MB"}


def apply_database_settings() -> None:
    with connection.cursor() as c:
        name = connection.settings_dict["NAME"]
        for key, value in DATABASE_SETTINGS.items():
            c.execute(f'ALTER DATABASE "{name}" SET {key} = %s', [value])
    connection.close()


def first(qs):
    obj = qs.order_by("state_since", "id").first()
    return obj.number if obj else "khong-co"


def pages() -> list[tuple[str, str, str]]:
    """(user, label, url) for every page measured."""
    district = User.objects.get(username="vhtt.quan1")
    telecom = User.objects.get(username="sotttt")
    waiting = Case.objects.filter(current_unit_id=district.unit_id)
    at_telecom = Case.objects.filter(current_unit_id=telecom.unit_id, state=State.AT_TELECOM)
    dispatch = (
        Dispatch.objects.filter(to_unit_id=telecom.unit_id, items__case__in=at_telecom.values("pk"))
        .order_by("-sent_at")
        .first()
    )
    detail = first(waiting.filter(state=State.AWAITING_SUBSCRIBER))
    ward = district.unit.reporting_units.order_by("pk").first()
    visible = Case.objects.visible_to(district)
    p1000 = bench_search.cursor_of_page(visible, min(999, visible.count() // 50 - 1))
    d = [
        ("home (Nhắc việc)", "/"),
        ("work list: Xác nhận vi phạm từ Phường", "/xu-ly/xac-nhan/"),
        ("work list: Chuyển Sở TTTT", "/xu-ly/chuyen-so/"),
        ("work list: Liên hệ chủ thuê bao", "/xu-ly/lien-he/"),
        ("work list: Xử lý vi phạm", "/xu-ly/xu-ly-vi-pham/"),
        ("work list: Hồ sơ trả về từ Sở TTTT", "/xu-ly/tra-ve-tu-so/"),
        ("work list: confirm, filtered by ward", f"/xu-ly/xac-nhan/?reporting_unit={ward.pk}"),
        ("case detail, tab chung", f"/ho-so/{detail}/"),
        ("case detail, tab quá trình", f"/ho-so/{detail}/?tab=qua-trinh"),
        ("search, no criteria, page 1", "/tra-cuu/?phone="),
        ("search, no criteria, page 1,000", f"/tra-cuu/?phone=&sau={p1000}"),
        ("search, phone fragment", "/tra-cuu/?phone=345.678"),
        ("search, name without accents", "/tra-cuu/?subscriber_name=nguyen+van+an+12"),
        ("search, a place on every case", "/tra-cuu/?address=le+thanh+ton"),
        ("search, a place on 1 case in 300", "/tra-cuu/?address=so+17+le+thanh"),
        (
            "search, state + dates + ward",
            f"/tra-cuu/?state=awaiting_subscriber&found_from=01/01/2026&found_to=30/06/2026"
            f"&reporting_unit={ward.pk}",
        ),
        (
            "search, dates + place + carrier",
            "/tra-cuu/?found_from=01/01/2026&found_to=30/06/2026&address=le+thanh+ton"
            "&carrier=viettel",
        ),
        ("search, officer + state", f"/tra-cuu/?officer={district.pk}&state=closed"),
    ]
    t = [
        ("Sở TTTT: home", "/"),
        ("Sở TTTT: incoming dispatches", "/vien-thong/phieu-den/"),
        ("Sở TTTT: dispatch detail", f"/vien-thong/phieu-den/{dispatch.pk if dispatch else 0}/"),
        ("Sở TTTT: identity form", f"/vien-thong/thong-tin/{first(at_telecom)}/"),
        ("Sở TTTT: suspension requests", "/vien-thong/ngung/"),
        ("Sở TTTT: suspended", "/vien-thong/dang-ngung/"),
        ("Sở TTTT: search, no criteria", "/tra-cuu/?phone="),
    ]
    c = [("Sở VHTT-DL: home", "/"), ("Sở VHTT-DL: incoming cases", "/van-hoa/ho-so-den/")]
    w = [
        ("ward: home", "/"),
        ("ward: drafts", "/phat-hien/dang-lap/"),
        ("ward: returned", "/phat-hien/tra-ve/"),
    ]
    return (
        [("vhtt.quan1", *p) for p in d]
        + [("sotttt", *p) for p in t]
        + [("sovhttdl", *p) for p in c]
        + [("phuong.bennghe", *p) for p in w]
    )


def sessions(usernames) -> dict[str, str]:
    cookies = {}
    for name in usernames:
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(User.objects.get(username=name))
        cookies[name] = client.cookies["sessionid"].value
    return cookies


def floor(username: str, url: str, repeat: int) -> tuple[float, int, int]:
    """The page's SQL, run again raw: (p50 ms, number of queries, page bytes)."""
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    statements = []
    for q in queries.captured_queries:
        sql = q["sql"]
        if sql.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "FETCH", "CLOSE")):
            continue
        declared = re.match(r"DECLARE .*? CURSOR .*?FOR (.*)$", sql, re.DOTALL)
        statements.append(declared.group(1) if declared else sql)
    samples = []
    with transaction.atomic():
        with connection.cursor() as cur:
            for _ in range(repeat):
                t0 = time.perf_counter()
                for sql in statements:
                    cur.execute(sql)
                    if cur.description:
                        cur.fetchall()
                samples.append((time.perf_counter() - t0) * 1000)
        transaction.set_rollback(True)
    return statistics.median(samples), len(statements), len(response.content)


def start_server(port: int, workers: int) -> subprocess.Popen:
    call_command("collectstatic", "--noinput", verbosity=0)
    env = {**os.environ, **SERVER_ENV}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "raovat.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--control-socket",
            str(TMP / "gunicorn.ctl"),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/dang-nhap/")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def get(conn: http.client.HTTPConnection, url: str, cookie: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    conn.request("GET", url, headers={"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    return (time.perf_counter() - t0) * 1000, response.status


def percentile(samples, p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def worker_memory(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) // 1024)
    return sizes


def mixed(port: int, plan, cookies, users: int, seconds: float):
    """Officers (district and telecom) clicking through their pages without pause."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def officer(seed: int):
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        while time.perf_counter() < stop:
            username, _, url = rnd.choice(plan)
            try:
                ms, status = get(conn, url, cookies[username])
            except (OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                ms, status = 0.0, 0
            mine.append(ms)
            if status != 200:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=officer, args=(i,)) for i in range(users)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t0
    return len(latencies) / elapsed, percentile(latencies, 0.95), errors[0], len(latencies)


def reads_while(port, cookie, url, work) -> tuple[float, float, float]:
    """(seconds `work()` took, read p50 before it, read p50 while it ran): one officer
    reading `url` over HTTP without pause, first idle for 3 s, then during the write."""
    samples, stop = [], threading.Event()

    def reader():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while not stop.is_set():
            t = time.perf_counter()
            ms, _ = get(conn, url, cookie)
            samples.append((t, ms))

    thread = threading.Thread(target=reader)
    thread.start()
    time.sleep(3)
    t0 = time.perf_counter()
    work()
    t1 = time.perf_counter()
    stop.set()
    thread.join()
    idle = [ms for t, ms in samples if t < t0]
    during = [ms for t, ms in samples if t0 <= t < t1] or [samples[-1][1]]
    return t1 - t0, statistics.median(idle), statistics.median(during)


def writes(port, cookies) -> None:
    """Confirming 50 cases, and creating and sending a dispatch of 750 cases to the
    telecom authority, through the workflow service, while an officer reads."""
    from raovat.cases.services.dispatches import dispatch_create
    from raovat.cases.services.transitions import case_transition

    district = User.objects.get(username="vhtt.quan1")
    waiting = Case.objects.filter(current_unit_id=district.unit_id)
    confirm = list(
        waiting.filter(state=State.AWAITING_CONFIRMATION)
        .order_by("state_since", "id")
        .values_list("pk", flat=True)[:50]
    )
    send = list(
        waiting.filter(state=State.CONFIRMED)
        .order_by("state_since", "id")
        .values_list("pk", flat=True)[:750]
    )
    made = {}

    def create():
        made["d"] = dispatch_create(actor=district, action="send_to_telecom", cases=send)

    def sent():
        d = made["d"]
        # The signed scan of the printed version, as the officer uploads it before sending.
        Dispatch.objects.filter(pk=d.pk).update(
            signed_scan="bench/phieu.pdf", printed_version=d.version, scan_version=d.version
        )
        d.refresh_from_db()
        case_transition(
            actor=district, action="send_to_telecom", cases=send, dispatch=d, note=d.note
        )

    print(
        "\nWrites through the workflow service while one officer reads the confirm list "
        "over HTTP:\n"
    )
    print("| write | time | reads p50 idle | reads p50 during |")
    print("|---|---|---|---|")
    url, cookie = "/xu-ly/xac-nhan/", cookies["vhtt.quan1"]
    for label, work in (
        (
            f"confirm {len(confirm)} cases",
            lambda: case_transition(actor=district, action="confirm", cases=confirm),
        ),
        (f"dispatch of {len(send)} cases: create", create),
        (f"dispatch of {len(send)} cases: send", sent),
    ):
        seconds, idle, during = reads_while(port, cookie, url, work)
        print(
            f"| {label} | {seconds * 1000:.0f} ms | {idle:.1f} ms | {during:.1f} ms |", flush=True
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--users", default="1,4,16")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--writes",
        action="store_true",
        help="also time the writes (they change the data: 50 + 750 cases)",
    )
    parser.add_argument(
        "--only", default="", help="measure only pages whose label has one of these ('a|b')"
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not Case.objects.exists():
        t0 = time.perf_counter()
        bench_search.load(args.cases)
        print(f"loaded {args.cases:,} cases in {time.perf_counter() - t0:.0f} s")
    apply_database_settings()
    plan = [p for p in pages() if any(o in p[1] for o in args.only.split("|"))]
    cookies = sessions({p[0] for p in plan})
    print(
        f"cases: {Case.objects.count():,}; gunicorn {args.workers} workers, DEBUG=false; "
        f"{', '.join(f'{k}={v}' for k, v in DATABASE_SETTINGS.items())}\n"
    )
    server = start_server(args.port, args.workers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))  # stop gunicorn too
    try:
        print(
            "| user | page | HTTP p50 | p95 | raw-SQL floor p50 | ×floor (p50) | queries | size |"
        )
        print("|---|---|---|---|---|---|---|---|")
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
        for username, label, url in plan:
            for _ in range(args.warmup):
                get(conn, url, cookies[username])
            samples, statuses = [], set()
            for _ in range(args.requests):
                ms, status = get(conn, url, cookies[username])
                samples.append(ms)
                statuses.add(status)
            sql, count, size = floor(username, url, repeat=max(20, args.requests // 10))
            p50 = statistics.median(samples)
            bad = "" if statuses == {200} else f" **HTTP {sorted(statuses)}**"
            print(
                f"| {username} | {label}{bad} | {p50:.1f} ms | {percentile(samples, 0.95):.1f} ms "
                f"| {sql:.1f} ms | {p50 / sql:.1f} | {count} | {size / 1024:.0f} KiB |",
                flush=True,
            )
        officers = [p for p in plan if p[0] in ("vhtt.quan1", "sotttt")]
        print(
            f"\nMixed officer load ({len(officers)} pages of the district and the telecom "
            f"authority, at random, no think time), {args.seconds:.0f} s each:\n"
        )
        print("| users | requests | req/s | p95 | errors | worker memory (MB) |")
        print("|---|---|---|---|---|---|")
        for users in [int(u) for u in args.users.split(",")]:
            rate, p95, errors, n = mixed(args.port, officers, cookies, users, args.seconds)
            print(
                f"| {users} | {n:,} | {rate:.0f} | {p95:.1f} ms | {errors} | "
                f"{', '.join(str(m) for m in worker_memory(server))} |",
                flush=True,
            )
        if args.writes:
            writes(args.port, cookies)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
