import random
seeds = [0, 1, 42, 12345, -7, 2**32, 2**32 - 1, 2**64 + 5, 10**40, -(10**30), 3.5, -1.5, 0.0, "hello", "", b"bytes", bytearray(b"ba"), True, 123456789]
for s in seeds:
    random.seed(s)
    out = [random.random(), random.randint(1, 6), random.randrange(10), random.randrange(3, 100, 7), random.randrange(50, 0, -3),
           random.getrandbits(5), random.getrandbits(33), random.getrandbits(64), random.getrandbits(100), random.getrandbits(0),
           random.choice("abcdefg"), random.choice([10, 20, 30]), random.choice(range(1000)), random.uniform(2, 5), random.uniform(1.5, -2.5)]
    deck = list(range(20)); random.shuffle(deck)
    out.append(deck)
    out.append(random.sample(range(100), 10))
    out.append(random.sample(range(10**6), 30))
    out.append(random.sample("abcdefgh", 8))
    out.append(random.choices("xyz", k=5))
    out.append(random.choices(["a", "b", "c"], weights=[1, 5, 10], k=6))
    out.append(random.choices(["a", "b", "c"], cum_weights=[0.5, 0.6, 3.0], k=4))
    out.append(random.gauss(0, 1)); out.append(random.gauss(10, 2)); out.append(random.gauss())
    out.append(random.normalvariate(5, 2)); out.append(random.lognormvariate(0, 0.5)); out.append(random.expovariate(1.5))
    out.append(random.vonmisesvariate(1.0, 4.0)); out.append(random.vonmisesvariate(1.0, 0))
    out.append(random.gammavariate(2.5, 1.0)); out.append(random.gammavariate(0.5, 2.0)); out.append(random.gammavariate(1.0, 3.0))
    out.append(random.betavariate(2, 3)); out.append(random.paretovariate(3)); out.append(random.weibullvariate(1, 1.5))
    out.append(random.triangular()); out.append(random.triangular(0, 10, 7)); out.append(random.triangular(5, 5, 5))
    out.append(random.randbytes(7)); out.append(random.randbytes(4)); out.append(random.randrange(10**30)); out.append(random.randint(-10**25, 10**25))
    out.append(random.sample(["a", "b", "c"], k=5, counts=[2, 3, 1]))
    print(s, out)
r = random.Random(99)
r2 = random.Random(99)
print([r.random() for _ in range(3)] == [r2.random() for _ in range(3)], r.randint(1, 100))
st = r.getstate()
a = [r.random() for _ in range(5)]
r.setstate(st)
print(a == [r.random() for _ in range(5)], len(st), st[0], len(st[1]), st[2])
r.seed(5); g1 = r.gauss(); st = r.getstate(); g2 = r.gauss(); r.setstate(st); print(g2 == r.gauss(), st[2] is not None)
random.seed("abc", version=1); print(random.random())
random.seed(b"abc", version=1); print(random.random())
random.seed("abc", version=2); print(random.random())
class MyRandom(random.Random):
    pass
m = MyRandom(7)
print(type(m).__name__, m.random(), isinstance(m, random.Random))
for bad in [lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(1, 10, 0), lambda: random.randrange(10, 1, 2),
            lambda: random.randrange(5, step=2), lambda: random.randrange(1.5), lambda: random.randint(1, 2.5), lambda: random.choice([]),
            lambda: random.sample({1, 2}, 1), lambda: random.sample([1, 2], 3), lambda: random.sample([1, 2], -1), lambda: random.getrandbits(-1),
            lambda: random.choices([1, 2], [1]), lambda: random.choices([1, 2], [1, 2], cum_weights=[1, 2]), lambda: random.choices([1, 2], [0, 0]),
            lambda: random.choices([1, 2], 3), lambda: random.seed([1]), lambda: random.uniform(1), lambda: random.gammavariate(-1, 1),
            lambda: random.expovariate(0), lambda: random.setstate((9, (), None)), lambda: random.Random().random(1), lambda: random.seed(object()),
            lambda: random.shuffle((1, 2, 3)), lambda: random.triangular(1, 1, 1), lambda: random.gauss(1, 2, 3)]:
    try:
        print("ok", bad())
    except Exception as e:
        print(type(e).__name__, e)
print(random.randrange(5, step=1) in range(5), random.randrange(3.0) in range(3), random.randrange(True, 5) in range(1, 5))
random.seed(3)
x = [1, 2, 3, 4]
random.shuffle(x)
print(x)
class Dice(random.Random):
    def __init__(self, sides, seed=None):
        super().__init__(seed)
        self.sides = sides
    def roll(self):
        return self.randint(1, self.sides)
d = Dice(6, 42)
print([d.roll() for _ in range(5)])
print(d.sides, isinstance(d, random.Random), type(d).__mro__[1].__name__)
s2 = Dice(6, 42).getstate()
d.setstate(s2)
print([d.roll() for _ in range(5)])
class SR(random.SystemRandom):
    pass
print(isinstance(SR(), random.Random), 1 <= SR().randint(1, 3) <= 3)
class Loaded(random.Random):
    def random(self):
        return 0.99
l = Loaded(1)
print(l.randint(1, 6), l.choice("abc"), l.uniform(0, 10), l.random(), l.randrange(100), l.sample(range(10), 3), l.gauss())
class Bits(random.Random):
    def getrandbits(self, k):
        return 1
b = Bits(1)
print(b.randint(1, 6), b.choice("abc"), b.randrange(100), b.random() < 1)
class Counter(random.Random):
    def __init__(self):
        super().__init__(0)
        self.calls = 0
    def _randbelow(self, n):
        self.calls += 1
        return n - 1
c = Counter()
print(c.randint(1, 6), c.choice("abc"), c.calls)
x = [1, 2, 3, 4]
c.shuffle(x); print(x, c.calls)
class Child(Loaded):
    pass
print(Child().randint(1, 10))
