# Differential test of the compiler: `python3 expressions_assignment.py` and `gilpy expressions_assignment.py` must print the same (expressions_assignment.out).
# expressions, assignment forms
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
*h, t = "abc"; print(h, t)
[p, q] = [q0, p0] = 7, 8; print(p, q, q0, p0)
x = y = z = [0]; x.append(1); print(y, z is x)
m, n = 1, 2; m, n = n, m; print(m, n)
i, j, k = 1, 2, 3; i, j, k = k, i, j; print(i, j, k)
lst = [1, 2, 3, 4, 5]
lst[1:3] = ["a"]; print(lst)
lst[::2] = [0, 0]; print(lst)
del lst[0], lst[-1]; print(lst)
dd = {"k": 1}; dd["k"] += 5; dd.setdefault("z", []).append(1); print(dd)
class O: pass
o = O(); o.v = 1; o.v += 2; o.w = o.v * 2; del o.v; print(vars(o))
s = "x"; s *= 3; print(s)
n = 10; n //= 3; n **= 2; n <<= 1; n |= 1; n ^= 3; n &= 0xff; n >>= 1; n %= 7; n -= 1; print(n)
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1 != 2, (1 < 2) < 3, 2 > 1 >= 1 > 0)
def side(v, log=[]):
    log.append(v); return v
print(side(1) < side(0) < side(5), side.__defaults__)
print(0 or "" or "x", 1 and 2 and 0, not 1, not None, None or 3 and 4)
print(3 if 0 else 4, "a" if [1] else "b")
v = 1
print(1 in [1, 2], 3 not in [1], None is None, v is not None)
print(-1, +2, ~3, -(-4), - 2 ** 2, (-2) ** 2, 2 ** -1, -9223372036854775808, 10 ** 20, -10**20)
print(7 // 2, -7 // 2, 7 % -3, 7 / 2, 2 ** 10, 1_000, 0x1f, 0o17, 0b101, 1e3, 1.5j * 2j)
print([*range(3), *"ab"], (*[1, 2], 3), {*[1, 1], 2}, {**{"a": 1}, "b": 2, **{"a": 3}})
print(f"{1+1} {'s'!r} {3.14159:.2f} {'x':>5}|{42:{'0'}{5}}|{'nested'!s:^10}")
w = 12.5
print(f"{w=}", f"{w!r:>8}", f"{{literal}}", f"{'a' 'b'}")
print("%s-%d" % ("a", 3), "{} {}".format(1, 2))
print(lst[-1], "abc"[1:], "abcdef"[::-2], (1, 2, 3)[:2], [1,2,3,4][1:-1])
def kw(**k): return sorted(k.items())
print(kw(a=1, **{"b": 2}, c=3, **{"d": 4}))
def pos(*a): return a
print(pos(1, *[2, 3], 4, *(5,)), pos(*[]), pos(*"ab", **{}))
print(max(1, 2, key=lambda v: -v), sorted([3, 1, 2], reverse=True))
print((lambda *a, **k: (a, k))(1, *[2], x=1, **{"y": 2}))
t = 1,
print(t, (), (1,), type(()).__name__)
big = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, a]
print(len(big), big[-1])
bigd = {i: i for i in range(3)}; bigd2 = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, "a": 99}
print(bigd, len(bigd2), bigd2["a"])
if (nn := 5) > 3: print("walrus", nn)
print(__debug__, __name__)
import sys as system
print(system.__name__)
from sys import version_info as vi
print(type(vi).__name__ != "", True)
print(sum(i for i in range(5)), [j for j in range(3)][-1])
print(isinstance(1, (int, str)), [] == [], {} != {1: 2})
xs = [3, 1, 2]; xs.sort(); print(xs)
e = None
try:
    raise ValueError("v") from KeyError("k")
except ValueError as e:
    print(repr(e), repr(e.__cause__))
print("e" in dir())
global_var = 1
def rg():
    return global_var + 1
print(rg())
print(("a" "b"), b"bytes", 'single', """triple""", r"\n")
print(..., None, True, False)
i = 0
while i < 3: i += 1
print(i)
for q, (r, s) in [(1, (2, 3))]: print(q, r, s)
print([1, 2][True], {1: "a"}.get(1), "%.1f" % 2.25)
print(list(map(lambda v: v * 2, [1, 2])) if False else "skip")
