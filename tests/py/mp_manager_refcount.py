# Manager proxies count references: the server frees an object when the last proxy to it, in any
# process, is gone (CPython's incref/decref), and keeps objects stored inside other managed objects.
import multiprocessing as mp
import gc


def use(d, q):
    d["child"] = q.get(timeout=10)


def keep(shared):
    return shared


if __name__ == "__main__":
    with mp.Manager() as m:
        print("start:", m._number_of_objects())
        d = m.dict()
        lst = m.list([1, 2])
        q = m.Queue()
        print("three proxies:", m._number_of_objects())
        del lst
        gc.collect()
        print("list dropped:", m._number_of_objects())
        q.put("hello")
        p = mp.Process(target=use, args=(d, q))
        p.start()
        p.join()
        print("child done:", m._number_of_objects(), dict(d))
        del q
        gc.collect()
        print("queue dropped:", m._number_of_objects())
        d2 = d
        del d
        gc.collect()
        print("one of two names dropped:", m._number_of_objects())
        d2["inner"] = m.list(["x"])
        gc.collect()
        print("nested:", m._number_of_objects(), d2["inner"][0])
        del d2
        gc.collect()
        print("all dropped:", m._number_of_objects())
        ns = m.Namespace(a=1)
        ev = m.Event()
        print("more:", m._number_of_objects(), ns.a, ev.is_set())
        del ns, ev
        gc.collect()
        print("end:", m._number_of_objects())
