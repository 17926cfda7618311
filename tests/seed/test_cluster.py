"""Seeding on a Dask cluster (``--cluster``): the same database as a serial run,
table by table; a worker that dies mid-document loses nothing; what cannot be
used is refused with one line.

One LocalCluster of two worker processes serves the module (started once, a few
seconds); the runs connect to it by its address, as to a real scheduler.  The
scheduler allows one worker death per task (``allowed-failures``), so a
document that kills its worker every time ends up reported after two deaths.
"""
from __future__ import annotations

import importlib.util
import io
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from conftest import query
from seed import cli
from seed.cli import DEFAULT_CORPUS
from seed.cluster.run import LOCAL_CONFIG
from seed.cluster.work import Sent, analyse_sent
from seed.ingest import load
from seed.pipeline import seed
from seed.report import ClusterError, Progress

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("dump_tables", ROOT / "benchmarks" / "dump_tables.py")
dump_tables = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dump_tables)

# Six small articles of their own (a manifest for some, one markdown, one HTML,
# one that is nothing but site chrome), sharing people so actors resolve across them.
PARAGRAPH = ("The regional water board said on {day} that {n} households along the Vessa river had been told "
             "to boil their water. \"We expect the pumps to run again within days,\" board chair Ilse Marken "
             "told reporters. Farmers' union leader Tomas Brede said the board had known about the fault for "
             "weeks, which the board denied.\n\n")
ARTICLES = {
    "vessa-1.txt": "Boil-water notice along the Vessa\n\nBy Nora Lind\n\n" + PARAGRAPH.format(day="Monday", n="1,200") * 3,
    "vessa-2.txt": "Vessa notice widened\n\n" + PARAGRAPH.format(day="Tuesday", n="about 3,000") * 4,
    "vessa-3.md": "# Pumps still down on the Vessa\n\nShare this article\n\n" + PARAGRAPH.format(day="Wednesday", n="as many as 4,500") * 2,
    "vessa-4.html": ("<html><head><title>Board under fire | River Herald</title></head><body><article>"
                     "<h1>Board under fire over Vessa fault</h1>"
                     + "".join(f"<p>{PARAGRAPH.format(day='Thursday', n=f'{k},000').strip()}</p>" for k in (2, 3, 5))
                     + "</article></body></html>"),
    "vessa-5.txt": "Union says board knew\n\nMarch 7, 2025\n\n" + PARAGRAPH.format(day="Friday", n="more than 5,000") * 2,
    "chrome-only.md": "Share this article\n\nDo you like this article?\n",
}
MANIFEST = """\
["vessa-1.txt"]
outlet = "Valley Courier"
published = "2025-03-03"

["vessa-2.txt"]
outlet = "River Herald"
authors = ["Per Olm"]
published = "2025-03-04"
"""


def write_articles(folder: Path, names=ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    (folder / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    return folder


def tables(db: Path) -> list[str]:
    """Every table's rows (benchmarks/dump_tables.py), less the run's clock time
    and its commit token."""
    out = io.StringIO()
    dump_tables.dump(str(db), out)
    return [line for line in out.getvalue().splitlines() if not line.startswith("  ('generation', ")]


def reported(report) -> tuple:
    return (sorted(report.seeded), sorted(report.unchanged), sorted((s.path, s.reason) for s in report.skipped))


@pytest.fixture(scope="module")
def cluster():
    with dask.config.set({**LOCAL_CONFIG, "distributed.scheduler.allowed-failures": 1}):
        local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(local)
    yield local.scheduler_address, client
    client.close()
    local.close()


def test_the_default_corpus_on_a_cluster_is_the_serial_database(cluster, default_db, tmp_path):
    db = tmp_path / "cluster.db"
    report = seed([DEFAULT_CORPUS], db, cluster=cluster[0])
    assert len(report.seeded) == 5
    assert report.stages["wait"] >= 0 and report.stages["parse"] > 0  # the workers' seconds came back
    assert tables(db) == tables(default_db)


def test_an_invented_corpus_and_its_changes_on_a_cluster_equal_serial_runs(cluster, tmp_path):
    first = ["vessa-1.txt", "vessa-2.txt", "vessa-3.md", "chrome-only.md"]
    runs = {}
    for how in ("s", "c"):  # folders of one length: the stored paths differ only there
        folder = write_articles(tmp_path / how / "corpus", first)
        db = tmp_path / how / "a.db"
        options = {"cluster": cluster[0]} if how == "c" else {}
        one = seed([folder], db, **options)
        # Then incrementally: two new files and one changed (it keeps its id).
        write_articles(folder)
        (folder / "vessa-2.txt").write_text(ARTICLES["vessa-2.txt"].replace("notice widened", "notice widened again"))
        two = seed([folder], db, **options)
        runs[how] = db, [reported(r) for r in (one, two)]
    (serial_db, serial_reports), (cluster_db, cluster_reports) = runs["s"], runs["c"]
    assert str(cluster_reports).replace(str(tmp_path / "c"), "") == str(serial_reports).replace(str(tmp_path / "s"), "")
    assert [Path(p).name for p in cluster_reports[1][0]] == ["vessa-2.txt", "vessa-4.html", "vessa-5.txt"]
    assert any("chrome-only.md" in str(s) and "no article text left" in str(s) for s in cluster_reports[0][2])
    serial_rows = [line.replace(str(tmp_path / "s"), "") for line in tables(serial_db)]
    assert [line.replace(str(tmp_path / "c"), "") for line in tables(cluster_db)] == serial_rows
    assert query(cluster_db, "select count(*) from documents") == [(5,)]


def test_cluster_local_2_from_the_command_line_gives_the_serial_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # leave this process's handlers alone
    folder = write_articles(tmp_path / "corpus")
    serial, clustered = tmp_path / "serial.db", tmp_path / "cluster.db"
    assert cli.main([str(folder), "--db", str(serial), "--quiet"]) == 3  # chrome-only.md is skipped
    assert cli.main([str(folder), "--db", str(clustered), "--quiet", "--cluster", "local:2", "--timings"]) == 3
    out = capsys.readouterr().out
    assert "5 seeded" in out and "cluster start" in out and "wait" in out
    assert tables(clustered) == tables(serial)


def write_longer_articles(folder: Path, n: int = 6) -> Path:
    """Articles long enough (some 1,500 words) that the workers are still busy
    when the writer commits the first."""
    folder.mkdir(parents=True)
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    for i in range(n):
        body = "".join(PARAGRAPH.format(day=days[(i + k) % 5], n=f"{100 * (i + 1) + k:,}") for k in range(20))
        (folder / f"long-{i:02d}.txt").write_text(f"Vessa report {i}\n\n{body}", encoding="utf-8")
    return folder


class KillMidRun(Progress):
    """SIGKILLs a worker process that is analysing a document of the run, once,
    while the writer commits a document (the rest of the window in flight)."""

    def __init__(self, client: Client):
        self.client, self.killed, self.busy = client, None, []

    def advance(self, path: Path) -> None:
        if self.killed is not None:
            return
        pids = self.client.run(os.getpid)
        for worker, keys in self.client.processing().items():
            busy = [k for k in keys if str(k).startswith("claimscope-")]
            if busy and worker in pids:
                self.killed, self.busy = pids[worker], busy
                os.kill(self.killed, signal.SIGKILL)
                return


def test_a_worker_killed_mid_run_loses_nothing(cluster, tmp_path):
    address, client = cluster
    folder = write_longer_articles(tmp_path / "corpus")
    serial = seed([folder], tmp_path / "serial.db")
    progress = KillMidRun(client)
    report = seed([folder], tmp_path / "cluster.db", cluster=address, progress=progress)
    assert progress.killed and progress.busy  # it was working on documents of the run
    with pytest.raises(ProcessLookupError):
        os.kill(progress.killed, 0)
    assert len(report.seeded) == 6 and report.skipped == []
    assert reported(report) == reported(serial)
    assert tables(tmp_path / "cluster.db") == tables(tmp_path / "serial.db")
    client.wait_for_workers(2, timeout=60)  # the nanny restarted it, for the tests after


def test_a_document_that_kills_every_worker_it_meets_is_reported_and_the_rest_seeds(cluster, tmp_path):
    address, client = cluster
    folder = write_articles(tmp_path / "corpus")
    marked = load([folder / "vessa-3.md"])
    sha = next(s for s in marked if hasattr(s, "sha256")).sha256[:12]

    class DieOnMarked(WorkerPlugin):  # local, so it travels by value (cloudpickle)
        name = "die-on-marked"

        def transition(self, key, start, finish, **kwargs):
            if finish == "executing" and str(key).endswith(sha):
                os._exit(1)

    client.register_plugin(DieOnMarked())
    try:
        report = seed([folder], tmp_path / "cluster.db", cluster=address)
    finally:
        client.unregister_worker_plugin("die-on-marked")
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert "the cluster's workers died each time they analysed it" in reasons.pop("vessa-3.md")
    assert list(reasons) == ["chrome-only.md"]
    assert sorted(Path(p).name for p in report.seeded) == ["vessa-1.txt", "vessa-2.txt", "vessa-4.html",
                                                            "vessa-5.txt"]
    client.wait_for_workers(2, timeout=60)


def test_a_record_holds_no_spacy_object_and_a_document_travels_without_its_path(tmp_path):
    folder = write_articles(tmp_path / "private-folder")
    source = next(s for s in load([folder / "vessa-1.txt"]) if hasattr(s, "sha256"))
    sent = Sent(source.text, source.format, source.meta)
    assert b"private-folder" not in pickle.dumps(sent)
    record, seconds = analyse_sent(sent)
    wire = pickle.dumps(record)
    assert b"spacy" not in wire and b"thinc" not in wire
    assert pickle.loads(wire) == record and record.words > 50 and record.extraction.quotes
    assert set(seconds) == {"parse", "extract"}


def test_an_unreachable_scheduler_is_one_line_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    from seed.cluster import run

    monkeypatch.setattr(run, "CONNECT_SECONDS", 1)
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    folder = write_articles(tmp_path / "corpus", ["vessa-1.txt"])
    db = tmp_path / "a.db"
    code = cli.main([str(folder), "--db", str(db), "--quiet", "--cluster", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "cannot use the Dask cluster at tcp://127.0.0.1:9" in err[0]
    assert not db.exists() and not list(tmp_path.glob(".a.db.building-*"))
    with pytest.raises(ClusterError):
        seed([folder], db, cluster="tcp://127.0.0.1:9")


@pytest.mark.parametrize("args, message", [
    (["--cluster", "local:0"], "expected local or local:N with N at least 1"),
    (["--cluster", "local:two"], "expected local or local:N with N at least 1"),
    (["--cluster", "local:2", "--workers", "2"], "--workers and --cluster do not combine"),
])
def test_a_bad_cluster_option_is_refused(args, message, tmp_path, capsys):
    assert cli.main([str(DEFAULT_CORPUS), "--db", str(tmp_path / "a.db"), *args]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "a.db").exists()


def test_without_dask_the_flag_says_how_to_install_it(tmp_path):
    # A real process where the distributed package cannot be imported.
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from seed.cli import main\n"
            f"sys.exit(main([{str(DEFAULT_CORPUS)!r}, '--db', {str(tmp_path / 'a.db')!r}, '--cluster', 'local:2']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == ("claimscope seed: --cluster needs Dask, an optional extra: "
                                   "pip install 'claimscope[cluster]'")
    assert not (tmp_path / "a.db").exists()


class CloseAfter(Progress):
    """Shuts the whole cluster down once the writer has committed ``n`` documents."""

    def __init__(self, local: LocalCluster, n: int):
        self.local, self.n, self.done = local, n, 0

    def advance(self, path: Path) -> None:
        self.done += 1
        if self.done == self.n:
            self.local.close()


def test_a_scheduler_lost_mid_run_stops_it_and_keeps_what_was_committed(tmp_path, monkeypatch, capsys):
    folder = write_longer_articles(tmp_path / "corpus")
    db = tmp_path / "a.db"
    seed([folder / "long-00.txt"], db)
    # Threads in this process: quick to start, and the model is already loaded here.
    local = LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0")
    progress = CloseAfter(local, 2)
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    monkeypatch.setattr(cli, "LineProgress", lambda quiet: progress)
    code = cli.main([str(folder), "--db", str(db), "--cluster", local.scheduler_address])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1].startswith(f"claimscope seed: lost the Dask scheduler at {local.scheduler_address}")
    assert err[-1].endswith("stopped (the database keeps every document committed before)")
    assert query(db, "select count(*) from documents") == [(3,)]  # the first, then the two committed
    assert query(db, "pragma integrity_check") == [("ok",)]


def test_workers_running_other_seeding_code_are_refused_by_name():
    from seed.cluster import run

    class Workers:
        def run(self, function):
            return {"tcp://10.0.0.5:4000": function(), "tcp://10.0.0.6:4000": "0123456789abcdef"}

    with pytest.raises(ClusterError, match=r"Dask workers tcp://10\.0\.0\.6:4000 run other Claimscope seeding code"):
        run._check_workers(Workers())
