# Connection messages over duplex pipes (socket pairs) and simplex pipes, within a process and
# between processes: sizes that fit one read and sizes that arrive in many pieces, messages
# queued back to back, EOF after the last message, and recv_bytes' maxlength.
import multiprocessing as mp

SIZES = [0, 1, 3, 4, 5, 100, 65535, 65536, 65537, 1 << 20, 3 * (1 << 20) + 7]


def payload(n):
    return bytes((i * 7 + n) % 251 for i in range(n)) if n < 70000 else (b"%08d" % n) * (n // 8) + b"x" * (n % 8)


def echo(conn):
    while True:
        data = conn.recv_bytes()
        if data == b"STOP":
            break
        conn.send_bytes(data)
        conn.send(len(data))
    conn.close()


def producer(w, sizes):
    for n in sizes:
        w.send_bytes(payload(n))
    w.send(("done", len(sizes)))
    w.close()


def check_same_process(duplex):
    r, w = mp.Pipe(duplex=duplex)
    for n in [0, 1, 4, 5, 1000]:
        w.send_bytes(payload(n))
    w.send({"k": [1, 2.5, "three"]})
    got = [len(r.recv_bytes()) for _ in range(5)]
    print("back to back", duplex, got, r.recv())
    w.send_bytes(b"x" * 50)
    try:
        r.recv_bytes(10)
    except OSError as e:
        print("maxlength", type(e).__name__)
    try:
        r.recv()
    except OSError as e:
        print("after a bad length", e)
    print("still writable", r.writable, r.readable, r.closed)
    r2, w2 = mp.Pipe(duplex=duplex)
    w2.send("last")
    w2.close()
    print(r2.recv())
    try:
        r2.recv()
    except EOFError:
        print("EOF after close", duplex)


def check_echo_process():
    parent, child = mp.Pipe()
    p = mp.Process(target=echo, args=(child,))
    p.start()
    child.close()
    for n in SIZES:
        data = payload(n)
        parent.send_bytes(data)
        back = parent.recv_bytes()
        size = parent.recv()
        print("echo", n, back == data, size)
    parent.send_bytes(b"STOP")
    parent.close()
    p.join()
    print("echo exit", p.exitcode)


def check_simplex_process():
    r, w = mp.Pipe(duplex=False)
    p = mp.Process(target=producer, args=(w, SIZES))
    p.start()
    w.close()
    ok = [r.recv_bytes() == payload(n) for n in SIZES]
    print("simplex", all(ok), len(ok), r.recv())
    p.join()
    print("simplex exit", p.exitcode)


if __name__ == "__main__":
    check_same_process(True)
    check_same_process(False)
    check_echo_process()
    check_simplex_process()


def check_os_read_after_recv():
    # A Connection's socket keeps blocking for os.read after recv used it.
    import os, threading, time
    a, b = mp.Pipe()
    b.send(1)
    a.recv()
    def late():
        time.sleep(0.1)
        b.send_bytes(b"late")
    t = threading.Thread(target=late)
    t.start()
    print("os.read", os.read(a.fileno(), 8))
    t.join()


if __name__ == "__main__":
    check_os_read_after_recv()
