# A process that started a Manager and a Pool is SIGKILLed: nothing shuts them down, yet its
# manager's server (which watches its parent) and its pool workers (whose task pipe reaches EOF)
# exit by themselves within seconds instead of running for ever as orphans.
import multiprocessing as mp
import os
import signal
import time


def doomed_owner(report):
    manager = mp.Manager()
    pool = mp.Pool(2)
    pool.map(abs, [-1, -2])
    shared = manager.dict()
    pids = [manager._process.pid] + [w.process.pid for w in pool._workers]
    report.put(pids)
    time.sleep(60)


def running(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


if __name__ == "__main__":
    report = mp.Queue()
    owner = mp.Process(target=doomed_owner, args=(report,))
    owner.start()
    orphans = report.get(timeout=30)
    print("manager and pool workers started:", len(orphans))
    assert all(running(pid) for pid in orphans)
    os.kill(owner.pid, signal.SIGKILL)
    owner.join(10)
    print("owner exitcode:", owner.exitcode)
    deadline = time.monotonic() + 10
    while any(running(pid) for pid in orphans) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in orphans if running(pid)]
    assert not left, "still running: %r" % left
    print("all exited by themselves")
    print("ok")
