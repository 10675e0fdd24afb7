# Builtin methods called through their class, descriptor errors, misc builtins and numbers.
import sys
def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

print(int.__add__(1, 2), str.upper("x"), list.__len__([1, 2]), dict.fromkeys("ab", 0), str.join(",", "ab"))
l = []
list.append(l, 1)
print(l, getattr(l, "__class__"), type(print).__name__, type(str.upper).__name__, type("".upper).__name__)
t("unbound wrong type", lambda: str.upper(1))
t("list.append no args", lambda: list.append())
print(int.__name__, int.__qualname__, str.upper.__name__, str.upper.__qualname__, repr(str.upper), repr("".upper)[:30])
print(sorted("bca"), sorted([3, 1, 2], key=lambda x: -x), sorted({"b": 1, "a": 2}), sorted([(1, "b"), (1, "a")]))
t("sorted key raises", lambda: sorted([1, 2], key=lambda x: 1 / 0))
t("sorted cmp fail", lambda: sorted([1, None]))
print(list(iter([1, 2, 3, 4].pop, 2)), sum([1, 2], start=10), sum([[1], [2]], []), max("abc", key=ord), min([], default="d"))
class Evens:
    def __iter__(self):
        for i in range(0, 6, 2):
            yield i
print(list(Evens()), [*Evens()], {*Evens()}, dict.fromkeys(Evens()))
for a, *rest in [(1, 2, 3), (4,)]:
    print(a, rest)
f = lambda *a, **k: (a, k)
print(f(1, x=2), (lambda: 1)(), (lambda x=[]: x)())

print(pow(7, 128, 13), 2 ** 200 % 1000007, -7 // 3, divmod(-2 ** 70, 3))
print(f"{sys.maxsize}", sys.maxsize + 1, type(sys.maxsize).__name__)
print("a" * -3, [1] * -1, [[0] * 2] * 2)
class E(Exception):
    def __init__(self):
        raise ValueError("in init")
t("exc init raises", lambda: E())
class BadEnter:
    def __enter__(self):
        raise KeyError("enter")
    def __exit__(self, *a):
        print("exit called?")
t("enter raises", lambda: exec("with B():\n    pass", {"B": BadEnter}))
print(repr(1e100), 1e100 == 10 ** 100, int(1e100) == 10 ** 100, float(10 ** 100) == 1e100)
print(round(123.456, -1), round(-0.5), abs(-0.0), -0.0 + 0.0, 0.0 * -1)
print(str(0.1 + 0.7), 1.1 * 3, 100 * 1.1, 1e-320, 5e-324 / 2, 1.7976931348623157e308 * 1.0000001)
print(list(map(lambda x, y: x + y, [1, 2], [3, 4, 5])), list(zip("ab", range(5))), list(filter(None, [0, 1, "", "a"])))
print(any([]), all([]), any(x > 1 for x in [1, 2]), list(reversed(range(3))), list(enumerate("ab", 1)))
print(isinstance(range(3), range), range(0, 10, 3)[-1], range(10)[2:8:3], len(range(-5, 5, 2)), 3 in range(0, 10, 3), range(3) == range(0, 3))
print(bytes([65, 66]), bytearray(b"ab") + b"c", b"abc"[1], b"abc"[1:], list(b"ab"), b"%d" % 5, bytes(3))
print(hash("a") == hash("a"), id(l) == id(l), type(id(l)).__name__)
print(chr(65), ord("A"), hex(ord("é")), "\N{LATIN SMALL LETTER E WITH ACUTE}", "\u00e9" == "é", len("\U0001F600"))
print(divmod(10, 3), divmod(-10, 3), divmod(10.5, 3), 10 % 3.5, -10 % 3.5, 2 ** 0.5 * 2 ** 0.5 == 2.0)
print(str(True), repr(None), bool("False"), bool([[]]), int(" 7\n"), float(" -3.5e2 "), complex("1+2j"), complex(1, -0.0))
print(*range(3), sep="|", end="!\n")
print("x", file=sys.stdout)
sys.stdout.write("written\n")
print(len(sys.argv), sys.argv[0].endswith("probe2.py"), sys.version_info[0], sys.version_info >= (3, 8), sys.platform.startswith("linux"))
