# `obj.attr = v` on a local whose class has __slots__ without that name.
class P:
    __slots__ = ("x",)


def f():
    p = P()
    p.x = 1
    p.z = 3


f()
