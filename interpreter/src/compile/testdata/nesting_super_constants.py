# Differential test of the compiler: `python3 nesting_super_constants.py` and `gilpy nesting_super_constants.py` must print the same (nesting_super_constants.out).
def f1():
    out = []
    for i in range(4):
        try:
            out.append("t%d" % i)
        finally:
            try:
                if i % 2:
                    raise ValueError(i)
            except ValueError:
                out.append("h%d" % i)
                continue
            out.append("f%d" % i)
    return out
print(f1())
def g1():
    for i in range(3):
        try:
            try:
                yield i
                if i == 1:
                    return
            finally:
                yield "fin%d" % i
        except GeneratorExit:
            raise
print(list(g1()))
class CM:
    def __enter__(self): print("enter"); return self
    def __exit__(self, *a): print("exit", a[0] is None); return False
def f2():
    try:
        raise KeyError
    except KeyError:
        with CM():
            return "from handler"
print(f2())
def f3():
    while True:
        try:
            with CM():
                break
        finally:
            print("finally")
    return "out"
print(f3())
def f4():
    x = 1
    class C:
        x = 2
        def m(self):
            return x
        def n(self):
            return __class__.x
    return C().m(), C().n()
print(f4())
class A:
    def who(self): return "A"
    @classmethod
    def cm(cls): return "A.cm " + cls.__name__
class B(A):
    def who(self):
        class Inner(A):
            def who(self):
                return "Inner>" + super().who()
        return "B>" + super().who() + " " + Inner().who()
    @classmethod
    def cm(cls): return "B>" + super().cm()
    def star(*args):
        return super().who()
print(B().who(), B.cm())
print(f"{'x'!r:>{3+2}}|{3.5:{'>'}{8}.{2}f}|{'%'}")
print(-123456789012345678901234567890, 123456789012345678901234567890 + 1, 1j, -2j, 3 + 4j, (1+2j) * 1j)
print(-9223372036854775808, 9223372036854775807, -(9223372036854775808), 2**63)
g = 5
def delg():
    global g
    del g
delg()
print("g" in globals())
class GC:
    global gc_var
    gc_var = "set in class"
print(gc_var)
def nl():
    v = 1
    class C:
        nonlocal v
        v = 2
    return v
print(nl())
def walrus_global():
    global wg
    [wg := i for i in range(3)]
    return wg
print(walrus_global(), wg)
for a, *b in [(1, 2, 3), (4,)]:
    print(a, b)
lst = [1, 2, 3]
lst[1:2] += [5]
print(lst)
a = b, c = 1, 2
print(a, b, c)
x = [0] * 3
x[0], x[1] = x[1] + 1, x[0] + 2
print(x)
def kwonly_defaults(*, a=[], b):
    a.append(b); return a
print(kwonly_defaults(b=1), kwonly_defaults(b=2))
def ann(x: int, *y: str, z: "q" = 1, **w: float) -> None:
    v: int = 5
    u: list
    return v
print(ann(1), ann.__name__)
class AnnC:
    a: int = 3
    b: str
print(AnnC.a, hasattr(AnnC, "b"))
print((yield_ := 3))
def outer():
    def mid():
        def inner():
            return free_var
        return inner
    free_var = "deep"
    return mid()()
print(outer())
print([[y for y in range(x)] for x in range(3)])
print({x: [y for y in range(x)] for x in range(2)})
def genexp_scope():
    n = 2
    return list(x * n for x in range(3))
print(genexp_scope())
print(any(c.isdigit() for c in "ab1"), all(x > 0 for x in [1, 2]))
print("%(a)s" % {"a": 1})
print(str(1) + str(2.0) + repr("q") + str(None))
s = 0
for i in range(10):
    if i == 2: continue
    elif i == 8: break
    s += i
else:
    s = -1
print(s)
