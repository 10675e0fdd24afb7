# Lesson: buyers race for the last tickets kept in a JSON file; a Lock fixes the race.
#
# Each buyer process reads the file, decides, and writes the file back. If two buyers read
# before either writes, both see the same count and both sell the same ticket: the race
# oversells. Real races happen only sometimes; here a Barrier holds every buyer between its
# read and its write, so the bad interleaving happens every time and the output is the same
# on every run. The fix makes read-decide-write one step: only the holder of a
# multiprocessing.Lock may touch the file, so each buyer sees the previous buyer's write.
import json
import multiprocessing as mp
import os

BUYERS = 5
TICKETS = 3


def read_count(path):
    with open(path) as f:
        return json.load(f)["count"]


def buy(path, barrier):
    count = read_count(path)
    if barrier is not None:
        barrier.wait(timeout=30)  # everyone has read: now all of them write
    if count > 0:
        with open(path, "w") as f:
            json.dump({"count": count - 1}, f)
        return "bought ticket #%d" % count
    return "sold out"


def racy_buyer(path, barrier, outcomes):
    outcomes.put(buy(path, barrier))


def careful_buyer(path, lock, outcomes):
    with lock:  # read, decide and write while no one else may
        outcomes.put(buy(path, None))


def sell(path, target, shared):
    with open(path, "w") as f:
        json.dump({"count": TICKETS}, f)
    outcomes = mp.Queue()
    buyers = [mp.Process(target=target, args=(path, shared, outcomes)) for _ in range(BUYERS)]
    for b in buyers:
        b.start()
    sold = sorted(outcomes.get(timeout=30) for _ in buyers)
    for b in buyers:
        b.join()
    for line in sold:
        print("  " + line)
    print("  %d sales for %d tickets; the file says %d left" % (
        sum(s.startswith("bought") for s in sold), TICKETS, read_count(path)))


if __name__ == "__main__":
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "tickets-%d.json" % os.getpid())
    try:
        print("without a lock:")
        sell(path, racy_buyer, mp.Barrier(BUYERS))
        print("with a lock:")
        sell(path, careful_buyer, mp.Lock())
    finally:
        os.remove(path)
