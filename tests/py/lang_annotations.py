# Annotations: modules, classes, functions; GenericAlias; __future__ annotations in a separate exec.
def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

class A:
    x: int = 5
    y: "str"
    z: list[int] = []
    __private: dict[str, tuple[int, ...]]
    def method(self, a: "A", b: float = 1.0) -> bool:
        inner: int = 3
        return True
print(A.__annotations__, A.x, A.z, hasattr(A, "y"))
print(A.method.__annotations__)
def f(a: int, b: str = "x", *args: float, c: bool = True, **kw: dict) -> None:
    pass
print(f.__annotations__)
def g(x=0, y=1):
    local: int = 1
    return local
print(g(), g.__annotations__, (lambda q: q).__annotations__)
v: int = 3
w: float
print(__annotations__, v)
t("w unbound", lambda: w)
ga = list[int]
print(ga, dict[str, list[int]], tuple[int, ...], type[A], set[A], frozenset[bytes])
print(ga.__origin__, ga.__args__, ga == list[int], ga != list[str], ga([1, 2]), hash(ga) == hash(list[int]))
t("isinstance generic", lambda: isinstance([], list[int]))
class MyList(list[int]):
    pass
print(MyList.__bases__, MyList.__orig_bases__, MyList([1]).__class__.__name__)
ns = {}
exec("from __future__ import annotations\nclass B:\n    x: List[int]\n    y: 'q'\ndef h(a: Foo) -> Bar: pass\n", ns)
print(ns["B"].__annotations__, ns["h"].__annotations__)
if True:
    cond: int = 1
for _i in range(1):
    loop_ann: str = "s"
print(sorted(__annotations__))
class WithInheritance(A):
    extra: bool = False
print(WithInheritance.__annotations__)
