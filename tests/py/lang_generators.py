# Generators: send/throw/close, expressions, yield from, finalization.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            if x is None:
                break
            received.append(x)
    finally:
        print("echo done", received)
    return received

g = echo()
print(next(g), g.send("a"), g.send("b"))
t("send None ends", lambda: g.send(None))
t("next after end", lambda: next(g))
g2 = echo()
t("send to new", lambda: g2.send(1))
print(next(g2))
g2.close()
g2.close()
print("closed twice ok")

def thrower():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield f"handled {e}"
gt = thrower()
print(next(gt), gt.throw(ValueError("v1")), next(gt))
t("throw unhandled", lambda: gt.throw(KeyError("k")))
t("after unhandled", lambda: next(gt))
t("throw class", lambda: thrower().throw(TypeError))

def ignores_exit():
    while True:
        try:
            yield 1
        except GeneratorExit:
            pass
gi = ignores_exit()
next(gi)
t("ignored GeneratorExit", gi.close)

def returns_in_finally():
    try:
        yield 1
    finally:
        return "final"
gr = returns_in_finally()
next(gr)
print("close returned", gr.close())

# yield from delegation of send/throw/close
def inner():
    try:
        x = yield "i1"
        print("inner got", x)
        y = yield "i2"
        return ("inner result", y)
    except KeyError as e:
        print("inner caught", e)
        yield "recovered"
        return "after recovery"
    finally:
        print("inner finally")

def outer():
    r = yield from inner()
    print("outer got", r)
    yield "o-end"

o = outer()
print(next(o), o.send("s1"), o.send("s2"))
o = outer()
print(next(o), o.throw(KeyError("boom")), next(o))
o = outer()
next(o)
o.close()
print("outer closed")

def gen_state():
    yield 1
gs = gen_state()
print(gs.__name__, gs.__qualname__, list(gs), list(gs))

# generator expressions
sq = (x * x for x in range(5))
print(type(sq).__name__, next(sq), list(sq), list(sq))
print(sum(x for x in range(10) if x % 2), any(x > 3 for x in [1, 5]), all(x for x in []))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
t("genexp outer iter eager", lambda: (x for x in 5))
def lazy_err():
    g = (1 / x for x in [1, 0])
    return next(g), next(g)
t("genexp lazy error", lazy_err)

# generator finalization on drop
def resource(name):
    print("open", name)
    try:
        yield from range(3)
    finally:
        print("close", name)
for v in resource("A"):
    if v == 1:
        break
print("after loop A")
def use_and_drop():
    r = resource("B")
    next(r)
    return "returned"
print(use_and_drop())
r = resource("C")
next(r)
del r
print("after del C")

# infinite generator with islice-like consumption
def naturals():
    n = 0
    while True:
        yield n
        n += 1
nat = naturals()
print([next(nat) for _ in range(5)])

# generator raising StopIteration becomes RuntimeError
def bad():
    yield 1
    raise StopIteration("oops")
t("StopIteration inside", lambda: list(bad()))

# running generator cannot be re-entered
def reenter():
    yield next(me)
me = reenter()
t("re-enter", lambda: next(me))

# return value via StopIteration in a for loop is ignored
def with_return():
    yield 1
    return 99
print(list(with_return()))

# generator in class, iterator protocol
class Tree:
    def __init__(self, value, children=()):
        self.value, self.children = value, list(children)
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
tree = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(tree), sum(tree))
