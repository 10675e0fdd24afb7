# float (and a little complex): arithmetic, repr, rounding, conversions, methods, errors.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

inf = float('inf')
nan = float('nan')

# repr
print(0.1 + 0.2, 0.5, 1.0, 3.14159, 1e16, 1e-7, 2.5e-3, 1e15, 123456789012345678.0, 1e-4, 1e-5)
print(1 / 7, 100.0 / 3, float(10 ** 17), -0.0, 5e-324, 1.7976931348623157e308, 2.0 ** 0.5)
print(inf, -inf, nan, repr(inf), str(-0.0), 1e22, 1e21, 1e23, 9007199254740993.0)

# arithmetic
print(-7.5 // 2, 7.5 % 2, 7.5 % -2, -7.5 % 2, (-7) // 2.0, 7 // -2.0, -0.0 // 1, 0.0 % -2)
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7, -2.5), divmod(1.0, 0.1), 1.0 % 0.1, 1.0 // 0.1)
print(2.0 ** 10, 2 ** 0.5, 2.0 ** -1, (-2.0) ** 2, (-2.0) ** 3, 0.0 ** 0, 1.0 ** inf, inf ** 0, nan ** 0)
print((-8.0) ** (1 / 3), (-1) ** 0.5, 4 ** 0.5, 10 ** -2, pow(10, -2), inf ** -1, (-inf) ** 3, 0.0 ** 3)
print(inf - inf, inf * 0, inf + 1, -inf * -1, nan == nan, nan != nan, inf == inf, 1e308 * 10)
print(0.1 * 3, 1.1 + 2.2, 3 * 1.1, 1 - 0.9, 1e300 * 1e-300, 2 ** 1000 / 3, 5 / 2.0, 3.0 / -0.5)

t('1.0/0', lambda: 1.0 / 0)
t('1/0.0', lambda: 1 / 0.0)
t('1.0//0', lambda: 1.0 // 0)
t('1.0%0', lambda: 1.0 % 0)
t('divmod(1.5,0)', lambda: divmod(1.5, 0))
t('0.0**-1', lambda: 0.0 ** -1)
t('2.0**10000', lambda: 2.0 ** 10000)
t('10.0**400', lambda: 10.0 ** 400)
t('1.5&1', lambda: 1.5 & 1)
t('1.5<<1', lambda: 1.5 << 1)
t('-(1.5)', lambda: -(1.5))
t('~1.5', lambda: ~1.5)

# comparisons
print(1.0 < 2, 2.0 == 2, 0.1 + 0.2 == 0.3, nan < 1, nan > 1, nan == 1, inf > 10 ** 300, -inf < -10 ** 300)
print(2.0 ** 63 == 2 ** 63, 2.0 ** 63 > 2 ** 63 - 1, 1e20 == 10 ** 20, 1e23 == 10 ** 23, 0.5 < 1, -0.0 == 0.0)

# hashing
print(hash(1.5), hash(-0.5), hash(0.1), hash(1e100), hash(1e-300), hash(5e-324), hash(inf), hash(-inf))
print(hash(2.0), hash(-1.0), hash(0.0), hash(-0.0), hash(1e22) == hash(10 ** 22), hash(2.5) == hash(5 / 2))

# rounding
print(round(2.5), round(3.5), round(-0.5), round(-2.5), round(0.5), round(1.5), round(2.675, 2), round(3.14159, 2))
print(round(1.23456, 3), round(-1.5e-10, 5), round(123.456, -1), round(1e300, -305), round(0.125, 2), round(0.375, 2))
print(round(2.5, 0), round(-0.4, 0), round(1e308, -308), round(5e-324, 400), round(1.5e300, -299), round(12.5, -1))
print(round(0.1, 20), round(1.0, 1000), round(1.5, -1000), round(inf, 2), round(nan, 2), round(7.0, None))
t('round(inf)', lambda: round(inf))
t('round(nan)', lambda: round(nan))
t('round(1.7e308,-308)', lambda: round(1.7e308, -308))
t('round(1.5, 1.5)', lambda: round(1.5, 1.5))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(2.5, None)).__name__)

# conversions
print(float(), float(7), float(-0), float(True), float('2.5'), float(' 1.5e3 '), float('inf'), float('-InF'))
print(float('iNfinity'), float('+nan'), float('.5'), float('5.'), float('1_0.5'), float('1e1_0'), float(b'1.5'))
print(float('\u0661.5'), float(2 ** 70), float(-2 ** 63), float('1e400'), float('-1e-400'), float('0x1p3'.replace('0x1p3', '8')))
t("float('abc')", lambda: float('abc'))
t("float(' abc ')", lambda: float(' abc '))
t("float('')", lambda: float(''))
t("float('1__0')", lambda: float('1__0'))
t("float('_1')", lambda: float('_1'))
t("float('1_.5')", lambda: float('1_.5'))
t("float('nan1')", lambda: float('nan1'))
t("float('.')", lambda: float('.'))
t("float('1e')", lambda: float('1e'))
t("float('0x10')", lambda: float('0x10'))
t("float(None)", lambda: float(None))
t("float([1])", lambda: float([1]))
t("float(x=1)", lambda: float(x=1))
t("float(1, 2)", lambda: float(1, 2))
t("float(10**400)", lambda: float(10 ** 400))

class WithFloat:
    def __float__(self):
        return 2.5

class WithIndex:
    def __index__(self):
        return 7

class BadFloat:
    def __float__(self):
        return 1

print(float(WithFloat()), float(WithIndex()))
t('float(BadFloat())', lambda: float(BadFloat()))

# methods
print((2.0).is_integer(), (2.5).is_integer(), inf.is_integer(), (2.5).as_integer_ratio(), (0.1).as_integer_ratio())
print((-0.75).as_integer_ratio(), (1e300).as_integer_ratio()[1], (2.0 ** 80).as_integer_ratio())
t('nan.as_integer_ratio()', lambda: nan.as_integer_ratio())
t('inf.as_integer_ratio()', lambda: inf.as_integer_ratio())
print((1.5).hex(), (0.0).hex(), (-0.0).hex(), (5e-324).hex(), (1e300).hex(), (-0.1).hex(), inf.hex(), nan.hex())
print(float.fromhex('0x1.8p1'), float.fromhex('0x1p-1074'), float.fromhex('0x1p-1075'), float.fromhex('0x3p-1075'))
print(float.fromhex('  -0X1.FFP+3  '), float.fromhex('inf'), float.fromhex('1.8'), float.fromhex('0x.8'), float.fromhex('-0x0p0'))
t("fromhex('x')", lambda: float.fromhex('x'))
t("fromhex('0x1p1024')", lambda: float.fromhex('0x1p1024'))
print((1.5).conjugate(), (1.5).real, (1.5).imag, (2.5).__trunc__(), (-2.5).__floor__(), (-2.5).__ceil__(), (2.5).__int__())
print((2.5).__round__(), (2.5).__round__(1), (2.5).__abs__(), (-2.5).__neg__(), (2.5).__pos__(), (2.5).__bool__(), (0.0).__bool__())
print((1.5).__add__(1), (1.5).__add__('a'), (1.5).__radd__(1), (1.5).__rsub__(1), (1.5).__rtruediv__(3), (1.5).__pow__(2))
print((1.5).__eq__(1.5), (1.5).__lt__(2), (1.5).__eq__('a'), (1.5).__divmod__(1), (1.5).__rdivmod__(4), (1.5).__float__())
print(int(2.5), int(-2.5), int(1e20), abs(-2.5), -(-0.0), +(-0.0), 1e-320 / 10)
print(format(1.0), format(1.0, ''), format(2.5, '.3f'), str(1e16), repr(1e-5))

# complex basics
print(1j * 1j, (1 + 2j) / (3 - 4j), (1 + 1j) ** 2, (2 + 0j) ** 0.5, 2 ** 0.5j, abs(3 + 4j), 1j == 1j, 1 + 0j == 1)
print(complex(0.0, -0.0), complex(-0.0, 1), 1e20j, complex(1, nan), complex(1, -inf), (1 + 2j).real, (1 + 2j).imag)
t('1j/0', lambda: 1j / 0)
t('0j**-1', lambda: 0j ** -1)
t('1j<2j', lambda: 1j < 2j)
print(hash(1 + 2j), hash(complex(1.5, 0)) == hash(1.5), -(1 + 2j), 1 - 2j)

# augmented assignment with floats
x = 1.5
x += 1
x *= 2
x /= 4
x **= 2
x //= 0.5
x %= 3
x -= 0.25
print(x)

class MyFloat(float):
    pass

m = MyFloat(2.5)
print(m + 1, m * 2, -m, m == 2.5, hash(m) == hash(2.5), repr(m), str(m), float(m), type(m + 1).__name__)
print(MyFloat('1.25'), MyFloat(), m.is_integer(), round(m), m.real)
