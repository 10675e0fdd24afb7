# Connection's errors on closed, read-only and write-only ends, and send_bytes' argument forms.
import multiprocessing as mp


def show_errors(calls):
    for f, args in calls:
        try:
            f(*args)
        except OSError as e:
            print(f.__name__, type(e).__name__, e)


r, w = mp.Pipe(duplex=False)
show_errors([(r.send, (1,)), (r.send_bytes, (b"x",)), (w.recv, ()), (w.recv_bytes, ()), (w.poll, ())])
a, b = mp.Pipe()
a.close()
show_errors([(a.send, (1,)), (a.send_bytes, (b"x",)), (a.recv, ()), (a.recv_bytes, ()), (a.poll, ())])
c, d = mp.Pipe()
c.send_bytes(bytearray(b"abc"))
c.send_bytes(b"abcdef", 2, 3)
c.send_bytes(b"xyz")
print([d.recv_bytes() for _ in range(3)])
q = mp.SimpleQueue(); q.put([1, 2]); print(q.get(), q.empty())
q = mp.Queue(); q.put("a"); print(q.get(), q.empty())
