# Loops with else, break/continue, try/finally interplay, assert, with.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

for i in range(3):
    pass
else:
    print("for else ran", i)
for i in range(3):
    if i == 1:
        break
else:
    print("not printed")
print("broke at", i)
for i in []:
    pass
else:
    print("empty for else")
n = 0
while n < 3:
    n += 1
else:
    print("while else", n)
while True:
    n -= 1
    if n == 0:
        break
else:
    print("not printed")
for i in range(6):
    if i % 2:
        continue
    print("even", i)
for i in range(3):
    for j in range(3):
        if j == 1:
            break
    else:
        print("inner else")
    print("outer", i, j)

# try/finally with return, break, continue
def ret_in_finally():
    try:
        return "try"
    finally:
        return "finally"
print(ret_in_finally())

def finally_runs():
    log = []
    try:
        log.append("body")
        return log
    finally:
        log.append("finally")
print(finally_runs())

def break_in_finally():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return i
print(break_in_finally())

def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise KeyError(i)
            out.append(i)
        finally:
            out.append("f")
            continue
    return out
print(continue_in_finally())

def return_in_loop_finally():
    for i in range(5):
        try:
            if i == 2:
                return i
        finally:
            print("cleanup", i)
print(return_in_loop_finally())

def nested_finally():
    log = []
    try:
        try:
            raise ValueError("inner")
        finally:
            log.append("inner finally")
    except ValueError as e:
        log.append("caught " + str(e))
    finally:
        log.append("outer finally")
    return log
print(nested_finally())

def else_clause(fail):
    log = []
    try:
        if fail:
            raise KeyError
    except KeyError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
print(else_clause(False), else_clause(True))

def exception_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")
def ctx():
    try:
        exception_in_finally()
    except TypeError as e:
        return type(e.__context__).__name__, str(e.__context__)
print(ctx())

def while_finally_break():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                break
        finally:
            pass
    return n
print(while_finally_break())

def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
g = gen_finally()
print(next(g))
g.close()
print("closed")
for v in gen_finally():
    print("v", v)
    break
print("after break")

# assert
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    assert x != 5
    return x
t("assert ok", lambda: check(1))
t("assert msg", lambda: check(-1))
t("assert no msg", lambda: check(5))
t("assert tuple msg", lambda: exec("assert False, (1, 2)"))

# with
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")
t("not suppressed", lambda: exec("with CM('c'):\n    raise KeyError('k')", {"CM": CM}))
with CM("x") as x1, CM("y") as y1:
    print("two", x1, y1)
def with_return():
    with CM("r"):
        return "returned"
print(with_return())
for i in range(2):
    with CM(f"loop{i}"):
        if i == 0:
            continue
        break
t("no enter", lambda: exec("with 1:\n    pass"))
class OnlyEnter:
    def __enter__(self):
        return self
t("no exit", lambda: exec("with OnlyEnter():\n    pass", {"OnlyEnter": OnlyEnter}))

# conditional expressions and boolean operators return operands
print(0 or "default", "" or [] or None, 1 and 2, 0 and 1/0, not [], (1 if [] else 2))
print([] or {} or 0 or "last", 3 and 0 and 1/0)

