# Connection's errors on closed, read-only and write-only ends, and send_bytes' argument forms.
import multiprocessing as mp
r, w = mp.Pipe(duplex=False)
for f, args in [(r.send, (1,)), (r.send_bytes, (b"x",)), (w.recv, ()), (w.recv_bytes, ()), (w.poll, ())]:
    try:
        f(*args)
    except OSError as e:
        print(f.__name__, type(e).__name__, e)
a, b = mp.Pipe()
a.close()
for f, args in [(a.send, (1,)), (a.send_bytes, (b"x",)), (a.recv, ()), (a.recv_bytes, ()), (a.poll, ())]:
    try:
        f(*args)
    except OSError as e:
        print(f.__name__, type(e).__name__, e)
c, d = mp.Pipe()
c.send_bytes(bytearray(b"abc"))
c.send_bytes(b"abcdef", 2, 3)
c.send_bytes(b"xyz")
print([d.recv_bytes() for _ in range(3)])
q = mp.SimpleQueue(); q.put([1, 2]); print(q.get(), q.empty())
q = mp.Queue(); q.put("a"); print(q.get(), q.empty())
