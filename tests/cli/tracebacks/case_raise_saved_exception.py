def g():
    raise ValueError("x")
def f():
    try:
        g()
    except ValueError as e:
        err = e
    raise err
f()
