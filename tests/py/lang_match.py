# The match statement: literal, capture, wildcard, value, sequence, mapping, class, or and as patterns; guards; soft keywords.
def classify(v):
    match v:
        case 0:
            return "zero"
        case int(n) if n < 0:
            return f"negative {n}"
        case [x, y]:
            return f"pair {x},{y}"
        case [first, *rest]:
            return f"seq {first} rest={rest}"
        case {"k": val, **others}:
            return f"dict {val} others={others}"
        case {"type": "point", "x": x}:
            return f"point {x}"
        case str() | bytes():
            return "text"
        case None:
            return "none"
        case True:
            return "true"
        case float(f) if f > 1:
            return f"big float {f}"
        case (1 | 2 | 3) as small:
            return f"small {small}"
        case _:
            return "other"
print([classify(v) for v in [0, -3, [1, 2], (4, 5, 6), [9], {"k": 9, "z": 1}, {"type": "point", "x": 3}, "s", b"b", None, True, 4.5, 2, 0.5, 7, [], "ab"]])

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"y-axis {y}"
        case Point(x, 0):
            return f"x-axis {x}"
        case Point(x=x, y=y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"
print([where(p) for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), 5]])

import sys
def cmd(command):
    match command.split():
        case ["go", direction]:
            return f"going {direction}"
        case ["pick", "up", *items] if items:
            return f"picking {items}"
        case ["quit" | "exit"]:
            return "bye"
        case [("n" | "s" | "e" | "w") as d]:
            return f"short {d}"
        case []:
            return "empty"
        case _:
            return f"unknown {command!r}"
print([cmd(c) for c in ["go north", "pick up sword shield", "pick up", "quit", "exit", "n", "", "dance wildly"]])

class Color:
    RED = "red"
    GREEN = "green"
def color(c):
    match c:
        case Color.RED:
            return "is red"
        case Color.GREEN:
            return "is green"
    return "no match"
print(color("red"), color("green"), color("blue"))

def nested(v):
    match v:
        case {"users": [{"name": str(name), "age": int(age)}, *_]}:
            return f"first user {name} {age}"
        case [[a, b], [c, d]]:
            return a + b + c + d
        case (x, (y, z)):
            return x * y * z
        case -1 | -2.5 | 1+2j | -3-4j:
            return "numeric literal"
        case "multi" "part":
            return "concatenated"
    return "nothing"
print(nested({"users": [{"name": "ann", "age": 30}, {"name": "bob"}]}), nested([[1, 2], [3, 4]]), nested((2, (3, 4))), nested(-2.5), nested(1+2j), nested(-3-4j), nested("multipart"), nested(9))

# match on subjects: tuples, star subject
match 1, 2:
    case (a, b):
        print("tuple subject", a, b)
rest = [3, 4]
match 1, *rest:
    case [_, *tail]:
        print("star subject", tail)
# names bound by a failed case may stay bound; the subject is evaluated once
calls = []
def subject():
    calls.append(1)
    return {"a": 1}
match subject():
    case {"b": _}:
        pass
    case {"a": 1}:
        print("second case", len(calls))
# match and case are still names
match = [1, 2]
case = 3
print(match, case, match[0])
match[0] = 5
print(match)
def match_fn(x): return x
print(match_fn(1))
class M:
    def match(self, case): return case
print(M().match(case=4))
# self-matching builtins
for v in [5, "s", [1], {1: 2}, (1,), 1.5, True]:
    match v:
        case bool(b):
            print("bool", b)
        case int(i):
            print("int", i)
        case str(s):
            print("str", s)
        case list(l) | tuple(l):
            print("seq", l)
        case dict(d):
            print("dict", d)
        case float(f):
            print("float", f)
# mapping with non-dict subject and rest
match {"a": 1, "b": 2, "c": 3}:
    case {"a": 1, **kw}:
        print("rest", kw)
match {}:
    case {**kw}:
        print("empty rest", kw)
# errors at run time
def bad(v, cls):
    match v:
        case cls():
            return "?"
try:
    bad(1, len)
except TypeError as e:
    print("TypeError", e)
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError", e)
# iterator not matched as a sequence, string not a sequence
match iter([1, 2]):
    case [a, b]:
        print("iterator matched?!")
    case _:
        print("iterator is not a sequence")
match "ab":
    case [a, b]:
        print("str matched?!")
    case _:
        print("str is not a sequence")
# guard sees bindings, break/continue/return inside match
for i in range(5):
    match i:
        case 1:
            continue
        case 3:
            break
        case n:
            print("loop", n)
