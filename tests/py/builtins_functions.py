# Builtin functions: results and CPython's error messages.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

# print
print("a", "b", "c")
print("a", "b", sep="-", end="!\n")
print("x", "y", sep=None, end=None)
print(sep="x")
print()
print(*[1, 2, 3], sep=", ")
print("no newline", end="")
print(" <- joined")
t("print sep=1", lambda: print(1, sep=1))
t("print end=1", lambda: print(1, end=1))
t("print foo=1", lambda: print(1, foo=1))
t("print file=1", lambda: print(1, file=1))

class Collect:
    def __init__(self):
        self.parts = []
        self.flushed = 0
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.flushed += 1

c = Collect()
print("p", 1, None, sep="|", end=".\n", file=c, flush=True)
print(c.parts, c.flushed)

class BadStr:
    def __str__(self):
        raise ValueError("no str")
t("print bad", lambda: print("before", BadStr()))

# len
t("len str", lambda: len("héllo"))
t("len range", lambda: len(range(0, 10, 3)))
t("len dict items", lambda: len({1: 2}.items()))
t("len bytes", lambda: len(b"ab"))
t("len set", lambda: len({1, 2, 3}))
t("len int", lambda: len(1))
t("len ()", lambda: len())
t("len 2 args", lambda: len([], []))

class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
t("len custom", lambda: len(L(4)))
t("len negative", lambda: len(L(-1)))
t("len str result", lambda: len(L("x")))

class MyList(list):
    pass
t("len subclass", lambda: len(MyList([1, 2])))

# abs / round / divmod / pow
t("abs", lambda: (abs(-5), abs(3.5), abs(-0.0), abs(True), abs(-2**63), abs(-2**70)))
t("abs str", lambda: abs("a"))
class A:
    def __abs__(self):
        return "absolute"
t("abs custom", lambda: abs(A()))
t("round", lambda: (round(2.5), round(3.5), round(-2.5), round(-1.5), round(7.5), round(0.5)))
t("round nd", lambda: (round(2.567, 1), round(2.675, 2), round(0.125, 2), round(-0.4, 0), round(1234.5678, -2)))
t("round big", lambda: (round(1e300, -300), round(1.5, -400), round(1.5, 400), round(float("inf"), 2)))
t("round int", lambda: (round(25, -1), round(15, -1), round(-155, -1), round(12345, -10), round(5, None), round(True), round(2**70, -5)))
t("round kw", lambda: (round(number=2.5), round(1.5, ndigits=None)))
t("round str", lambda: round("a"))
t("round inf", lambda: round(float("inf")))
t("round nan", lambda: round(float("nan")))
t("round ()", lambda: round())
t("round foo", lambda: round(1, foo=2))
t("round 3 args", lambda: round(1, 2, 3))
t("round nd str", lambda: round(1.5, "a"))
class R:
    def __round__(self, n=None):
        return ("rounded", n)
t("round custom", lambda: (round(R()), round(R(), 2)))
t("divmod", lambda: (divmod(20, 6), divmod(-20, 6), divmod(7.5, 2), divmod(-7.5, 2), divmod(5, 2.5), divmod(True, 2)))
t("divmod big", lambda: (divmod(2**64, 3), divmod(-2**64, 7)))
t("divmod 0", lambda: divmod(1, 0))
t("divmod 0.0", lambda: divmod(1.0, 0))
t("divmod -0.0", lambda: divmod(7, -0.0))
t("divmod str", lambda: divmod("a", 1))
t("divmod 1 arg", lambda: divmod(1))
class D:
    def __divmod__(self, other):
        return ("dm", other)
    def __rdivmod__(self, other):
        return ("rdm", other)
t("divmod custom", lambda: (divmod(D(), 3), divmod(3, D())))
t("pow", lambda: (pow(2, 10), pow(2, 10, 1000), pow(2.0, -1), pow(2, -1), pow(base=2, exp=3)))
t("pow mod", lambda: (pow(3, -1, 7), pow(2, 100, 10**30 + 7), pow(-2, 3, 5), pow(2, 3, -5), pow(2, 3, 1), pow(2, -1, 1)))
t("pow 0 mod", lambda: pow(2, 3, 0))
t("pow not invertible", lambda: pow(2, -1, 4))
t("pow float mod", lambda: pow(2.0, 3, 5))
t("pow float exp mod", lambda: pow(2, 1.5, 3))
t("pow str", lambda: pow("a", 2))
t("pow str mod", lambda: pow(2, 3, "a"))
t("pow str base mod", lambda: pow("a", 2, 3))
t("pow z", lambda: pow(base=2, exp=3, z=4))

# bin / oct / hex / chr / ord
t("bin", lambda: (bin(5), bin(-5), bin(0), bin(True), bin(2**70)))
t("oct hex", lambda: (oct(64), oct(-8), oct(2**64), hex(255), hex(-255), hex(True)))
t("bin float", lambda: bin(1.5))
t("hex str", lambda: hex("a"))
class I:
    def __index__(self):
        return 10
t("hex index", lambda: (hex(I()), bin(I()), oct(I())))
t("chr", lambda: (chr(65), chr(97), chr(0x1F600), chr(0x10FFFF) == "\U0010ffff"))
t("chr -1", lambda: chr(-1))
t("chr big", lambda: chr(0x110000))
t("chr huge", lambda: chr(2**70))
t("chr str", lambda: chr("a"))
t("chr float", lambda: chr(1.5))
t("ord", lambda: (ord("A"), ord("é"), ord("\U0001F600"), ord(b"A"), ord(bytearray(b"z"))))
t("ord 2", lambda: ord("ab"))
t("ord empty", lambda: ord(""))
t("ord int", lambda: ord(1))
t("ord bytes 2", lambda: ord(b"ab"))

# min / max / sum / sorted
t("min max", lambda: (min([4, 2, 8]), max("hello"), min(3, 1, 2), max([("a", 2), ("b", 1)], key=lambda p: p[1])))
t("min key", lambda: (min(["ccc", "a", "bb"], key=len), max([], default="empty"), max(1, 2, key=lambda v: -v)))
t("max ties", lambda: (max([1, 3, 3.0]), max(3.0, 3), min([2, 2.0]), max([[1], [1]], key=len)))
t("min default key", lambda: (min((), default=5, key=len), max(1, 2, key=None)))
t("max ()", lambda: max())
t("max 1", lambda: max(1))
t("max []", lambda: max([]))
t("min []", lambda: min([]))
t("max default multi", lambda: max(1, 2, default=3))
t("max foo", lambda: max([1], foo=2))
t("min key int", lambda: min(1, 2, key=1))
t("max mixed", lambda: max(1, "a"))
t("min gen", lambda: min(x * x for x in [3, -1, 2]))
t("sum", lambda: (sum([1, 2, 3]), sum([0.5, 0.25]), sum(range(101)), sum([1, 2], 10), sum([0.1] * 10)))
t("sum mixed", lambda: (sum([1, 2.5, 3]), sum([True, True]), sum(range(10), start=-5), sum([[1], [2]], []), sum([], start=5)))
t("sum big", lambda: sum([2**62, 2**62, 2**62]))
t("sum str", lambda: sum(["a"], ""))
t("sum bytes", lambda: sum([b"a"], b""))
t("sum bytearray", lambda: sum([1], bytearray()))
t("sum ()", lambda: sum())
t("sum 1", lambda: sum(1))
t("sum 3", lambda: sum([1], 2, 3))
t("sum foo", lambda: sum([1], foo=2))
t("sum bad", lambda: sum([1, "a"]))
t("sorted", lambda: (sorted([3, 1, 2]), sorted("bca"), sorted([3, 1, 2], reverse=True), sorted({3: 1, 1: 2})))
t("sorted key", lambda: (sorted(["banana", "Apple", "cherry"], key=str.lower), sorted([-3, 2, -1], key=abs)))
data = [("bob", 3), ("amy", 3), ("cat", 1)]
t("sorted stable", lambda: sorted(data, key=lambda p: p[1]))
t("sorted ()", lambda: sorted())
t("sorted 2", lambda: sorted([3, 1, 2], None))
t("sorted iterable=", lambda: sorted(iterable=[1]))
t("sorted mixed", lambda: sorted([1, "a"]))

# all / any / iter / next / callable
t("any all", lambda: (any([0, "", None]), any([0, 1]), all([1, "x"]), all([1, 0]), any([]), all([])))
t("any gen", lambda: any(x > 2 for x in [1, 2, 3]))
t("any int", lambda: any(1))
t("all ()", lambda: all())
it = iter([1, 2])
t("next", lambda: (next(it), next(it), next(it, "done")))
t("next exhausted", lambda: next(it))
t("next list", lambda: next([]))
t("next int", lambda: next(1))
t("next ()", lambda: next())
t("next kw", lambda: next(iter([]), default=1))
def gen():
    yield 1
    return "ret"
g = gen()
t("next gen", lambda: next(g))
t("next gen stop", lambda: next(g))
g2 = gen(); next(g2)
t("next gen default", lambda: next(g2, "dflt"))
def stop_value():
    try:
        next(gen2)
        next(gen2)
    except StopIteration as e:
        return e.value
gen2 = gen()
t("stop value", stop_value)
class Counter:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
t("iter custom", lambda: list(iter(Counter())))
cn = Counter()
t("next custom", lambda: (next(cn), next(cn), next(cn), next(cn, "end")))
t("iter int", lambda: iter(1))
t("iter ()", lambda: iter())
t("iter v w", lambda: iter(1, 2))
t("iter kw", lambda: iter([], x=1))
stack = [1, 2, 3, 4, 5]
t("iter sentinel", lambda: list(iter(stack.pop, 2)))
vals = [None, 7, 8]
ci = iter(vals.pop, None)
t("callable_iterator", lambda: (type(ci).__name__, iter(ci) is ci, next(ci), next(ci), next(ci, "x"), next(ci, "y"), vals))
def raise_stop():
    raise StopIteration
t("callable_iterator stop", lambda: list(iter(raise_stop, 1)))
t("callable", lambda: (callable(print), callable(5), callable(int), callable(lambda: 1), callable([].append), callable(Counter), callable(Counter())))
class WithCall:
    def __call__(self):
        return 1
t("callable instance", lambda: callable(WithCall()))
t("callable ()", lambda: callable())

# isinstance / issubclass
class Base: pass
class Derived(Base): pass
t("isinstance", lambda: (isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance("s", (int, str))))
t("isinstance nested", lambda: (isinstance(1, (str, (bytes, int))), isinstance(Derived(), Base), isinstance(Base(), Derived)))
t("isinstance partial tuple", lambda: isinstance(1, (int, 1)))
t("isinstance bad tuple", lambda: isinstance(1, (str, 1)))
t("isinstance 1", lambda: isinstance(1, 1))
t("isinstance 1 arg", lambda: isinstance(1))
t("isinstance kw", lambda: isinstance(x=1))
t("issubclass", lambda: (issubclass(bool, int), issubclass(Derived, Base), issubclass(Base, Derived), issubclass(bool, (str, int)), issubclass(int, object)))
t("issubclass arg1", lambda: issubclass(1, int))
t("issubclass arg2", lambda: issubclass(int, 1))
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"
    def __subclasscheck__(cls, sub):
        return sub is int
class Magic(metaclass=Meta): pass
t("instancecheck", lambda: (isinstance("magic", Magic), isinstance(1, Magic), issubclass(int, Magic), issubclass(str, Magic)))

# attributes
class P:
    cls_attr = 1
    def __init__(self):
        self.x = 10
p = P()
t("getattr", lambda: (getattr(p, "x"), getattr(p, "cls_attr"), getattr(p, "nope", None), getattr([], "nope", 5)))
t("getattr missing", lambda: getattr(p, "nope"))
t("getattr int name", lambda: getattr(1, 2))
t("getattr 1 arg", lambda: getattr(1))
t("getattr kw", lambda: getattr(1, "real", default=1))
class Raiser:
    @property
    def bad(self):
        raise KeyError("inside")
t("getattr default no swallow", lambda: getattr(Raiser(), "bad", None))
t("hasattr", lambda: (hasattr(p, "x"), hasattr(p, "y"), hasattr("", "upper"), hasattr([], "nope")))
t("hasattr no swallow", lambda: hasattr(Raiser(), "bad"))
t("hasattr int name", lambda: hasattr(1, 2))
setattr(p, "y", 20)
t("setattr", lambda: p.y)
t("setattr int name", lambda: setattr(1, 2, 3))
t("setattr builtin", lambda: setattr(1, "x", 3))
delattr(p, "y")
t("delattr", lambda: hasattr(p, "y"))
t("delattr missing", lambda: delattr(p, "y"))
t("delattr int name", lambda: delattr(1, 2))
t("vars", lambda: vars(p))
t("vars int", lambda: vars(1))
t("vars 2", lambda: vars(1, 2))
t("vars kw", lambda: vars(x=1))
t("dir instance", lambda: [n for n in dir(p) if not n.startswith("__")])
t("dir class", lambda: [n for n in dir(Derived) if not n.startswith("__")])
t("dir sorted", lambda: dir(object) == sorted(dir(object)))
class CustomDir:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]
t("dir custom", lambda: dir(CustomDir()))
t("dir 2", lambda: dir(1, 2))
t("dir kw", lambda: dir(x=1))
def local_dir():
    a = 1
    b = 2
    return dir()
t("dir locals", local_dir)

# repr / ascii / format / hash / id
t("repr", lambda: (repr("x"), repr(1.5), repr([1, "a", None]), repr((1,)), repr({"k": (1, 2)})))
t("ascii", lambda: (ascii("héllo\U0001F600"), ascii([1, "é"]), ascii("plain")))
t("format", lambda: (format(3.14159, ".2f"), format(42, "08b"), format("x", ">3"), format(1), format(1, "x"), format(None)))
t("format int spec", lambda: format(1, 2))
t("format kw", lambda: format(1, format_spec="x"))
t("format ()", lambda: format())
class F:
    def __format__(self, spec):
        return "F(" + spec + ")"
t("format custom", lambda: (format(F(), "abc"), f"{F():xy}"))
t("hash", lambda: (hash(1) == hash(1.0), hash("a") == hash("a"), hash((1, 2)) == hash((1, 2)), hash(True)))
t("hash list", lambda: hash([]))
t("hash dict", lambda: hash({}))
t("hash set", lambda: hash(set()))
t("id", lambda: (id(print) == id(print), id(p) == id(p), id(p) != id(P()), id(1) == id(1), id(None) == id(None)))
t("id ()", lambda: id())
t("repr ()", lambda: repr())

# globals / locals / exec / eval / compile
GLOBAL_X = 5
t("globals", lambda: globals()["GLOBAL_X"])
def loc(a, b=2):
    c = 3
    return sorted(locals().items())
t("locals", lambda: loc(1))
t("eval", lambda: (eval("1 + 2"), eval(" 1+1"), eval("\t1+1\n"), eval("GLOBAL_X * 2"), eval("x + y", {"x": 1}, {"y": 2})))
t("eval globals", lambda: eval("z", {"z": 7}))
t("eval 1", lambda: eval(1))
t("eval syntax", lambda: eval("1+"))
t("eval globals list", lambda: eval("1", []))
t("eval globals int", lambda: eval("1", 1))
t("eval locals int", lambda: eval("x", {}, 1))
t("eval kw", lambda: eval("1", globals={}))
t("eval name error", lambda: eval("undefined_name_q"))
ns = {}
exec("a = 1\nb = a + 1\ndef f():\n    return a + b\nc = f()", ns)
t("exec ns", lambda: (ns["a"], ns["b"], ns["c"], "__builtins__" in ns))
exec("EXEC_G = 42")
t("exec global", lambda: EXEC_G)
loc_ns = {}
exec("q = 1", {}, loc_ns)
t("exec locals", lambda: loc_ns)
t("exec returns", lambda: exec("1"))
t("exec 1", lambda: exec(1))
t("exec globals list", lambda: exec("x", []))
t("exec locals int", lambda: exec("x", {}, 1))
t("exec locals list", lambda: exec("1", {}, []))
t("exec ()", lambda: exec())
t("exec kw", lambda: exec("1", globals=None, locals=None))
t("exec indent", lambda: exec(" x=1"))
t("exec bytes", lambda: exec(b"BYTES_RAN = 1", ns) or ns["BYTES_RAN"])
code = compile("40 + 2", "<test>", "eval")
t("compile eval", lambda: (type(code).__name__, eval(code)))
code2 = compile("r = 'ran'", "<test>", "exec")
ns2 = {}
exec(code2, ns2)
t("compile exec", lambda: ns2["r"])
t("compile kw", lambda: eval(compile(source="1", filename="f", mode="eval")))
t("compile mode", lambda: compile("x", "f", "bad"))
t("compile no mode", lambda: compile("1", "f"))
t("compile syntax", lambda: compile("1+", "f.py", "exec"))
try:
    compile("x = (1,\n", "f.py", "exec")
except SyntaxError as e:
    print("syntax attrs", type(e).__name__, e.filename, e.lineno)
try:
    compile("1+", "f.py", "exec")
except SyntaxError as e:
    print("syntax attrs", e.msg, e.filename, e.lineno, e.offset)

# __import__
import sys as sys_module
m = __import__("sys")
t("__import__", lambda: (m.__name__, m is sys_module))
t("__import__ missing", lambda: __import__("nonexistent_module_xyz"))
t("__import__ ()", lambda: __import__())
t("__import__ kw", lambda: __import__("os", foo=1))

# input() with stdin at EOF (the runner gives /dev/null)
t("input eof", lambda: input())
t("input 2 args", lambda: input(1, 2))
t("input kw", lambda: input(prompt="x"))
