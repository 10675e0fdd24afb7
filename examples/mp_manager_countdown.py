# Lesson: 100 processes count down one number kept by a Manager, under a Lock.
#
# Processes share no memory: a plain dict passed to a child is a copy. A Manager is a server
# process that owns real objects (here a dict) and hands out proxies; every operation on a
# proxy (d["count"], d["count"] = ...) is a request to the server. Each request is atomic, but
# `d["count"] -= 1` is two requests, a read then a write, and another process can slip in
# between them: without the lock some decrements are lost (try it: comment out `with lock:`).
# The lock makes the read-modify-write one step; it's a Manager Lock, a proxy too, so all 100
# children use the same lock in the server.
import multiprocessing as mp

CHILDREN = 100


def take_one(d, lock):
    with lock:
        d["count"] -= 1
        d["served"] += 1


if __name__ == "__main__":
    with mp.Manager() as manager:  # starts the server process; the with block shuts it down
        d = manager.dict(count=CHILDREN, served=0)
        lock = manager.Lock()
        children = [mp.Process(target=take_one, args=(d, lock)) for _ in range(CHILDREN)]
        for p in children:  # start them all, then wait for them all: they run side by side
            p.start()
        for p in children:
            p.join()
        print("count:", d["count"], "served:", d["served"])
        print("all exited cleanly:", all(p.exitcode == 0 for p in children))
        print("a copy, not a proxy:", d.copy())
