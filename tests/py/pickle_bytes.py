# pickle.dumps must write CPython's exact bytes: every value below is dumped with protocols 2-5
# and printed as hex (the .out file is CPython 3.11's output).
import pickle


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Empty:
    pass


class Slotted:
    def __init__(self):
        self.a = 1
        self.b = [1, 2]


class WithState:
    def __init__(self, v):
        self.v = v
        self.cache = "drop me"

    def __getstate__(self):
        return {"v": self.v}

    def __setstate__(self, state):
        self.v = state["v"]


class Reduced:
    def __init__(self, a, b):
        self.a, self.b = a, b

    def __reduce__(self):
        return (Reduced, (self.a, self.b))


class ReducedEx:
    def __reduce_ex__(self, proto):
        return (ReducedEx, (), {"proto_seen": proto})


class Outer:
    class Inner:
        pass


class MyList(list):
    pass


class MyDict(dict):
    pass


class MyInt(int):
    pass


class MyStr(str):
    pass


class MyTuple(tuple):
    pass


class MyError(Exception):
    pass


class NewArgs:
    def __new__(cls, n):
        obj = object.__new__(cls)
        obj.n = n
        return obj

    def __getnewargs__(self):
        return (self.n,)


def function():
    pass


shared = [1, 2]
recursive = [1]
recursive.append(recursive)
rec_dict = {}
rec_dict["self"] = rec_dict
e = MyError("bad", 3)
e.note = "extra"
ml = MyList([1, 2, 3])
ml.tag = "t"

values = [
    None, True, False,
    0, 1, 255, 256, 65535, 65536, -1, -255, -256, 2 ** 31 - 1, 2 ** 31, -2 ** 31, -2 ** 31 - 1,
    2 ** 63 - 1, -2 ** 63, 2 ** 64, -2 ** 64, 2 ** 100, -(2 ** 100), 2 ** 2100, -(2 ** 2100), 127, 128, -128, -129,
    0.0, -0.0, 1.5, -2.25, 1e300, float("inf"), float("-inf"), 3.141592653589793,
    "", "a", "hello", "héllo wörld", "日本語", "emoji 🐍", "x" * 255, "y" * 256, "with space",
    b"", b"\x00", b"bytes\x00\xff", b"z" * 300,
    bytearray(), bytearray(b"abc"),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((1, 2), (3, (4,))),
    [], [1], [1, 2], list(range(20)), [[], [[]]],
    {}, {"a": 1}, {"a": 1, "b": [1, 2], 3: None}, {1: {2: {3: {}}}},
    set(), {1}, {1, 2, 3}, frozenset(), frozenset({1, 2}), {(1, 2), (3, 4)},
    [shared, shared], (shared, shared), {"k1": shared, "k2": shared},
    recursive, rec_dict,
    ["same", "same", "other"], [b"ab", b"ab"],
    Point(1, 2), [Point(1, 2), Point(3, 4)], Empty(), Slotted(),
    WithState(5), Reduced(1, "two"), ReducedEx(),
    Point, Outer, Outer.Inner, Outer.Inner(), function, len, print, Exception, ValueError,
    ValueError("boom"), KeyError("k"), e, MyError(),
    ml, MyDict(a=1, b=2), MyInt(7), MyStr("s"), MyTuple((1, 2)), NewArgs(9),
    range(1, 10, 2), slice(1, 5), slice(None), 1j, complex(1.5, -2),
    ..., NotImplemented, [..., ...], type(None), type(...), int, object,
    {"ints": [0, -1, 2 ** 100], "nested": {"k": [{"deep": [1]}]}, "t": (1, (2, 3))},
]

for i, value in enumerate(values):
    for protocol in range(0, 6):
        print(i, protocol, pickle.dumps(value, protocol).hex())
print(pickle.dumps([1, 2]).hex())
print(pickle.dumps([1, 2], -1).hex())
