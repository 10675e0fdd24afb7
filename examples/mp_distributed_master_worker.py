# Lesson: a master hands out work to workers on other machines, over BaseManager.
#
# A BaseManager server owns objects (here two queue.Queue: tasks and results) and serves them
# over TCP to any process that knows its address and authkey. The master registers the queues
# under names and serves them with get_server().serve_forever(); a worker registers the same
# names without callables, connect()s, and gets proxies: tasks.get() and results.put() on a
# worker run on the master's queues. Every connection first proves it knows the authkey (an
# HMAC challenge both ways) before anything is unpickled; a wrong key raises AuthenticationError.
#
# On one machine (what the test suite runs): `gilpy mp_distributed_master_worker.py` starts the
# server process and two workers on 127.0.0.1 and submits the work itself.
# On two machines, with AUTHKEY changed to a secret of your own:
#   machine A:  gilpy mp_distributed_master_worker.py master          (serves on port 50000 of
#               every interface, submits the tasks and prints the results)
#   machine B:  gilpy mp_distributed_master_worker.py worker HOST-A   (as many as you like)
# Either side may be CPython 3.11+ instead of gilpy: the handshake and the pickles are the same.
# Only expose the port on a network you trust: pickles from a client that passed the authkey
# check are trusted, and unpickling can run code (see mp_pickling_hooks.py).
import multiprocessing as mp
import queue
import sys
from multiprocessing.managers import BaseManager

AUTHKEY = b"change me: a shared secret"
PORT = 50000
TASKS = 10

task_queue = queue.Queue()
result_queue = queue.Queue()


# The server calls these to find the objects; module-level functions, so they can be pickled
# by name for the server process.
def get_task_queue():
    return task_queue


def get_result_queue():
    return result_queue


class QueueManager(BaseManager):
    pass


def serve(address, ready):
    """The master's server process: owns the queues until it is stopped."""
    QueueManager.register("get_task_queue", callable=get_task_queue)
    QueueManager.register("get_result_queue", callable=get_result_queue)
    server = QueueManager(address=address, authkey=AUTHKEY).get_server()
    ready.send(server.address)  # the port, if the OS chose one
    server.serve_forever()


def connect(address):
    """A client's view of the master: the registered names become methods returning proxies."""
    QueueManager.register("get_task_queue")
    QueueManager.register("get_result_queue")
    manager = QueueManager(address=address, authkey=AUTHKEY)
    manager.connect()
    return manager.get_task_queue(), manager.get_result_queue()


def worker(address):
    tasks, results = connect(address)
    while True:
        n = tasks.get(timeout=30)
        if n is None:  # the master's "no more work"
            break
        results.put("%d * %d = %d" % (n, n, n * n))


def start_master(address):
    """Starts the server process; returns it and the address it listens on."""
    here, there = mp.Pipe()
    server = mp.Process(target=serve, args=(address, there), daemon=True)
    server.start()
    there.close()  # so that recv() raises EOFError if the server dies before it answers
    return server, here.recv()


def submit(address, workers):
    tasks, results = connect(address)
    for n in range(1, TASKS + 1):
        tasks.put(n)
    for _ in range(workers):
        tasks.put(None)
    done = sorted((results.get(timeout=30) for _ in range(TASKS)), key=lambda s: int(s.split()[0]))
    for line in done:
        print(line)


def wrong_key(address):
    QueueManager.register("get_task_queue")
    intruder = QueueManager(address=address, authkey=b"a guess")
    try:
        intruder.connect()
    except mp.AuthenticationError as e:
        print("a client with the wrong authkey:", type(e).__name__, "-", e)


if __name__ == "__main__":
    role = sys.argv[1] if len(sys.argv) > 1 else "demo"
    if role == "master":
        server, address = start_master(("", PORT))
        print("serving on port", address[1], "- now start workers on other machines")
        submit(address, workers=int(sys.argv[2]) if len(sys.argv) > 2 else 1)
        server.terminate()
    elif role == "worker":
        worker((sys.argv[2], PORT))
    else:
        # Port 0: the OS picks a free one (so several runs can't collide).
        server, address = start_master(("127.0.0.1", 0))
        wrong_key(address)
        workers = [mp.Process(target=worker, args=(address,)) for _ in range(2)]
        for w in workers:
            w.start()
        submit(address, workers=len(workers))
        for w in workers:
            w.join()
        print("workers exited with", [w.exitcode for w in workers])
        server.terminate()  # serve_forever() runs until the server process is stopped
        server.join()
