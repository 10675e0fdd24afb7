# One side of a BaseManager connection, for tests/mp_interop.rs, which pairs gilpy and CPython:
#   peer.py serve        serves a dict and a queue on 127.0.0.1 (a free port, printed), until
#                        a client puts "stop" on the queue
#   peer.py use PORT     connects with the right key (uses both objects) and a wrong one
import multiprocessing
import queue
import sys
from multiprocessing.managers import BaseManager

AUTHKEY = b"interop secret"
shared = {}
messages = queue.Queue()


def get_dict():
    return shared


def get_queue():
    return messages


class Peer(BaseManager):
    pass


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        Peer.register("get_dict", get_dict)
        Peer.register("get_queue", get_queue)
        manager = Peer(address=("127.0.0.1", 0), authkey=AUTHKEY)
        manager.start()
        print(manager.address[1], flush=True)
        served = manager.get_queue()
        while served.get(timeout=30) != "stop":
            pass
        manager.shutdown()
    else:
        Peer.register("get_dict")
        Peer.register("get_queue")
        address = ("127.0.0.1", int(sys.argv[2]))
        try:
            Peer(address=address, authkey=b"wrong").connect()
        except multiprocessing.AuthenticationError as e:
            print("wrong key:", type(e).__name__)
        peer = Peer(address=address, authkey=AUTHKEY)
        peer.connect()
        d = peer.get_dict()
        d.update(answer=42, data=[1, 2.5, "three", (4,), {5: None}, b"six", 2 ** 100])
        print("dict:", d.get("answer"), d.get("data"))
        peer.get_queue().put("stop")
        print("ok")
