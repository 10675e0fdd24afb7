# object.__reduce_ex__/__reduce__ give CPython's default reductions (copyreg.__newobj__ from
# protocol 2, copyreg._reconstructor below), so copy-style code and super().__reduce_ex__ work.
import copyreg
class P:
    def __init__(self): self.a = 1
class R:
    def __reduce__(self): return (R, ())
class L(list): pass
p = P()
r = p.__reduce_ex__(2)
print(r[0] is copyreg.__newobj__, r[1][0] is P, r[2], r[3:])
r = p.__reduce_ex__(1)
print(r[0] is copyreg._reconstructor, r[1][0] is P, r[1][1] is object, r[1][2], r[2])
print(R().__reduce_ex__(4)[0] is R, ValueError("x").__reduce__(), KeyError("k").__reduce_ex__(2))
r = L([1]).__reduce_ex__(2); print(r[1][0] is L, list(r[3]), r[2])
r = [1, 2].__reduce_ex__(2); print(r[1], list(r[3]))
print((5).__reduce_ex__(2)[1], "s".__reduce_ex__(3)[1])
class Sup:
    def __init__(self): self.v = 2
    def __reduce_ex__(self, proto):
        rv = super().__reduce_ex__(proto)
        return rv
import pickle
s = pickle.loads(pickle.dumps(Sup()))
print(type(s).__name__, s.v)
