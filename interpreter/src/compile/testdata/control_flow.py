# Differential test of the compiler: `python3 control_flow.py` and `gilpy control_flow.py` must print the same (control_flow.out).
# control flow through finally / with / except
log = []
class CM:
    def __init__(self, name, suppress=False):
        self.name = name; self.suppress = suppress
    def __enter__(self):
        log.append("enter " + self.name); return self.name
    def __exit__(self, t, v, tb):
        log.append("exit " + self.name + " " + (t.__name__ if t else "None"))
        return self.suppress

def f1():
    try:
        return "try"
    finally:
        log.append("f1 finally")
print(f1(), log); log.clear()

def f2():
    try:
        return "try"
    finally:
        return "finally"
print(f2())

def f3():
    for i in range(5):
        try:
            if i == 1: continue
            if i == 3: break
            log.append(i)
        finally:
            log.append("fin%d" % i)
    else:
        log.append("else")
    return i
print(f3(), log); log.clear()

def f4():
    with CM("a") as a, CM("b") as b:
        return a + b
print(f4(), log); log.clear()

def f5():
    for x in range(3):
        with CM("l%d" % x):
            if x == 1:
                break
    return x
print(f5(), log); log.clear()

def f6():
    with CM("s", True):
        raise ValueError("boom")
    return "after"
print(f6(), log); log.clear()

def f7():
    try:
        with CM("n"):
            1 / 0
    except ZeroDivisionError as e:
        log.append("caught " + str(e))
    try:
        e
    except NameError:
        log.append("e unbound")
print(f7(), log); log.clear()

def f8():
    while True:
        try:
            try:
                raise KeyError("k")
            finally:
                log.append("inner finally")
        except KeyError:
            log.append("handler")
            break
        finally:
            log.append("outer finally")
    return "done"
print(f8(), log); log.clear()

def f9(n):
    try:
        if n: raise ValueError(n)
    except (TypeError, ValueError) as exc:
        return "caught %r" % (exc,)
    else:
        return "no error"
    finally:
        log.append("f9 fin")
print(f9(0), f9(1), log); log.clear()

def f10():
    for i in range(3):
        try:
            raise ValueError(i)
        except ValueError:
            if i < 2:
                continue
            return "returned in handler %d" % i
print(f10())

def f11():
    try:
        raise ValueError("x")
    finally:
        return "swallowed"
print(f11())

def f12():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            if i == 0:
                continue
            break
    return i
print(f12())

def f13():
    try:
        try:
            raise TypeError("inner")
        except TypeError:
            raise ValueError("outer")
    except ValueError as e:
        return repr(e) + " ctx=" + repr(e.__context__)
print(f13())

def f14():
    try:
        raise KeyError("a")
    except:
        try:
            raise
        except KeyError as k:
            return "reraised " + repr(k)
print(f14())

def gen():
    try:
        yield 1
        yield 2
    finally:
        log.append("gen closed")
g = gen()
print(next(g), list(g), log); log.clear()

def f15():
    x = 0
    while x < 10:
        x += 1
        if x % 2: continue
        if x > 6: break
    else:
        return "else"
    return x
print(f15())
def f16():
    for x in []:
        pass
    else:
        return "for-else"
print(f16())
try:
    assert 1 == 2, "msg"
except AssertionError as e:
    print("assert", e)
try:
    assert False
except AssertionError as e:
    print("assert2", repr(e))
