# __del__ and generator finalization: when objects die (rebinding, del, end of a function,
# list.clear, temporaries, exit), the order CPython releases container items in, exceptions in
# __del__ (reported on stderr, ignored), resurrection, and freeing very deep structures.

class Resource:
    def __init__(self, name):
        self.name = name
        print("open", name)
    def __del__(self):
        print("close", self.name)

r = Resource("a")
r = None
print("after rebind")
b = Resource("b")
del b
print("after del")
def scope():
    c = Resource("c")
    print("in scope")
scope()
print("after scope")
items = [Resource("d"), Resource("e")]
items.clear()
print("after clear")
pair = (Resource("t1"), Resource("t2"))
pair = None
print("after tuple")
Resource("f")
print("after temp")
class Child(Resource):
    pass
x = Child("g")
x = 5
class Loud:
    def __del__(self):
        raise ValueError("in del")
Loud()
print("after loud")
class Revive:
    saved = []
    def __del__(self):
        print("reviving")
        Revive.saved.append(self)
Revive()
print(len(Revive.saved))
Revive.saved.clear()
print("no second __del__")

def gen(name):
    try:
        yield 1
        yield 2
    finally:
        print("gen finally", name)
for v in gen("loop"):
    break
print("after break")
g = gen("rebound")
next(g)
g = None
print("after rebinding a generator")

class Node:
    def __init__(self, nxt):
        self.next = nxt
head = None
for i in range(200000):
    head = Node(head)
head = None
nested = []
for i in range(200000):
    nested = [nested]
nested = None
print("deep structures freed")

keep = Resource("at exit")
print("end of script")
def gen():
    try:
        yield 1
    finally:
        print("gen finally")
class R:
    def __del__(self):
        print("R del")
def f():
    g = gen()
    next(g)
    g = None
    print("after gen")
    r = R()
    r = None
    print("after R")
f()
