# RecursionError: default limit, sys.setrecursionlimit, recovery after the error.
import sys

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

print(sys.getrecursionlimit())
def down(n):
    return down(n + 1)
t("infinite", lambda: down(0))

depth = 0
def measure():
    global depth
    depth += 1
    measure()
try:
    measure()
except RecursionError:
    print("max depth near limit:", 900 < depth <= 1000)

def count(n):
    return 0 if n == 0 else 1 + count(n - 1)
print(count(900))
t("2000 deep at default", lambda: count(2000))
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit(), count(4000))
sys.setrecursionlimit(1000)
t("bad limit", lambda: sys.setrecursionlimit(0))
t("bad limit type", lambda: sys.setrecursionlimit("x"))

# recursion through __repr__, methods and mutual recursion
class Node:
    def __init__(self):
        self.me = self
    def __repr__(self):
        return "Node(" + repr(self.me) + ")"
t("repr recursion", lambda: len(repr(Node())))
def ping(n):
    return pong(n)
def pong(n):
    return ping(n)
t("mutual", lambda: ping(0))
lst = []
lst.append(lst)
print(lst, repr(lst))
d = {}
d["self"] = d
print(d)

class Deep:
    def __getattr__(self, name):
        return getattr(self, "x" + name)
t("getattr recursion", lambda: Deep().a)

# the interpreter is usable after a RecursionError
print(count(500))
def gen_recurse(n):
    yield from gen_recurse(n + 1)
t("generator recursion", lambda: next(gen_recurse(0)))
