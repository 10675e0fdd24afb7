# Lesson: two processes playing ping-pong over a multiprocessing.Pipe.
#
# Pipe() returns the two ends of one connection. Each end can send() any picklable object and
# recv() the next one, blocking until it arrives; send_bytes()/recv_bytes() move raw bytes.
# When every copy of one end is closed, recv() on the other end raises EOFError. "Every copy"
# is the catch: the parent closes its copy of the child's end right after starting the child
# (the child has its own), and with the "fork" start method (CPython's default on Linux) the
# child also inherits a copy of the parent's end. That is why the game ends with an explicit
# message rather than by closing: the child could wait for an EOF that never comes.
import multiprocessing as mp


def player(conn):
    while True:
        kind, n = conn.recv()
        if kind == "stop":
            break
        conn.send(("pong", n + 1))
    conn.close()


if __name__ == "__main__":
    mine, theirs = mp.Pipe()  # duplex: both ends send and receive
    child = mp.Process(target=player, args=(theirs,))
    child.start()
    theirs.close()  # the child has its own copy of this end

    n = 0
    for _ in range(4):
        mine.send(("ping", n))
        kind, n = mine.recv()
        print("sent ping, got", kind, n)
        n += 1

    # poll(timeout) says whether something is waiting, without blocking for longer than that.
    print("anything more?", mine.poll(0.1))

    mine.send(("stop", n))
    child.join()
    print("child exit code:", child.exitcode)
    # The child has exited, so no copy of its end is left open anywhere: EOF.
    try:
        mine.recv()
    except EOFError:
        print("recv() after the child ended: EOFError")

    # Raw bytes, framed: the other side gets exactly one message per send_bytes.
    a, b = mp.Pipe(duplex=False)  # a one-way pipe: a receives, b sends
    b.send_bytes(b"hello ")
    b.send_bytes(b"world")
    print(a.recv_bytes(), a.recv_bytes())
