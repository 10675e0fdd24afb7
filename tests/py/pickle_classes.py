# pickle.Pickler / pickle.Unpickler: several dumps into one file (sharing the memo), hooks
# (persistent_id/persistent_load, reducer_override, dispatch_table, find_class), copyreg.
import copyreg
import pickle

FNAME = "tmp_pickle_classes.pkl"


class Sink:
    """A minimal binary 'file' that records what is written."""

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def getvalue(self):
        return b"".join(self.chunks)


class Source:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def read(self, n=-1):
        if n < 0:
            n = len(self.data) - self.pos
        chunk = self.data[self.pos:self.pos + n]
        self.pos += len(chunk)
        return chunk

    def readline(self):
        end = self.data.find(b"\n", self.pos)
        end = len(self.data) if end < 0 else end + 1
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk


class Record:
    def __init__(self, key):
        self.key = key

    def __repr__(self):
        return "Record(%r)" % self.key


shared = ["shared", "list"]
sink = Sink()
p = pickle.Pickler(sink, 4)
p.dump(shared)
p.dump([shared, shared])
p.dump({"again": shared})
data = sink.getvalue()
print(data.hex())
u = pickle.Unpickler(Source(data))
first = u.load()
second = u.load()
third = u.load()
print(first, second, third, second[0] is first, third["again"] is first)
try:
    u.load()
except EOFError as e:
    print("EOFError", e)

p.clear_memo()
sink.chunks.clear()
p.dump(shared)
print(sink.getvalue().hex())


class DBPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Record):
            return "Record:" + obj.key
        return None


class DBUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        kind, key = pid.split(":")
        return Record(key.upper())


for protocol in (0, 1, 2, 3, 4, 5):
    sink = Sink()
    DBPickler(sink, protocol).dump([Record("a"), {"b": Record("b")}, 3])
    print(protocol, sink.getvalue().hex())
    print(DBUnpickler(Source(sink.getvalue())).load())


class Override(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, Record):
            return (str, ("record " + obj.key,))
        return NotImplemented


sink = Sink()
Override(sink, 4).dump([Record("x"), 5])
print(sink.getvalue().hex(), pickle.loads(sink.getvalue()))


class Table(pickle.Pickler):
    dispatch_table = {Record: lambda r: (Record, (r.key * 2,))}


sink = Sink()
Table(sink, 3).dump(Record("ab"))
print(sink.getvalue().hex(), pickle.loads(sink.getvalue()))


class Restricted(pickle.Unpickler):
    def find_class(self, module, name):
        if module in ("builtins", "__builtin__") and name in ("set", "frozenset"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError("global '%s.%s' is forbidden" % (module, name))


print(Restricted(Source(pickle.dumps({1, 2}, 2))).load(), Restricted(Source(pickle.dumps({3}, 4))).load())
try:
    Restricted(Source(pickle.dumps(Record("no")))).load()
except pickle.UnpicklingError as e:
    print("UnpicklingError", e)


def reduce_record(r):
    return (Record, ("via copyreg " + r.key,))


copyreg.pickle(Record, reduce_record)
print(pickle.loads(pickle.dumps(Record("k"))))
del copyreg.dispatch_table[Record]
print(pickle.loads(pickle.dumps(Record("k"))))

with open(FNAME, "wb") as f:
    pickler = pickle.Pickler(f, 2)
    pickler.dump(("first", 1))
    pickler.dump(("second", 2))
    pickle.dump({"third": [3]}, f, protocol=0 + 5)
with open(FNAME, "rb") as f:
    unpickler = pickle.Unpickler(f)
    print(unpickler.load(), unpickler.load())
    print(pickle.load(f))
    try:
        pickle.load(f)
    except EOFError as e:
        print("EOFError", e)
with open(FNAME, "wb") as f:
    f.write(b"(lp0\nI1\naS'two'\np1\na(dp2\nVkey\np3\nF1.5\nsa.")
    f.write(pickle.dumps(list(range(5)), 4))
with open(FNAME, "rb") as f:
    print(pickle.load(f), pickle.load(f))
open(FNAME, "wb").close()
print(pickle.Pickler.__module__, pickle.Unpickler.__name__)
