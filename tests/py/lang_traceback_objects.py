import sys
def inner():
    x = 1
    raise ValueError("deep")
def outer():
    inner()
try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    levels = []
    while tb is not None:
        levels.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(levels)
    et, ev, etb = sys.exc_info()
    print(et.__name__, ev is e, etb.tb_lineno, type(etb).__name__, type(etb.tb_frame).__name__)
print(ValueError().__traceback__, sys.exc_info())
class CM:
    def __enter__(self): return self
    def __exit__(self, t, v, tb):
        print("tb line", tb.tb_lineno, tb.tb_next.tb_lineno if tb.tb_next else None)
        return True
with CM():
    outer()
