# int and bool: arithmetic, conversions, methods and CPython's error messages.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

big = 2 ** 100
imin = -2 ** 63
imax = 2 ** 63 - 1

# arithmetic and promotion
print(imax + 1, imin - 1, imax * 2, imin * -1, -imin, abs(imin))
print(imin // -1, imin % -1, divmod(imin, -1))
print(big + 1, big - big, big * big, big // 3, big % 7, -big // 7, -big % 7)
print(12345678901234567890 * 98765432109876543210)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(big, 10 ** 20))
print(2 ** 10, 2 ** -1, (-2) ** 3, 10 ** 0, 0 ** 0, (-1) ** big, 2 ** 62, 2 ** 63, 3 ** 40)
print(7 / 2, 8 / 2, 1 / 3, -1 / 3, 0 / -5, 10 ** 400 / 10 ** 399, 1 / 10 ** 400)
print(2 ** 53 + 1, (2 ** 53 + 1) / 1, (2 ** 64 + 1) / 3, big / 3, -big / 7)
print(1 << 10, 1 << 63, 1 << 64, -1 << 70, big >> 90, -big >> 200, big >> 1000, -1 >> 5, -5 >> 1)
print(6 & 3, 6 | 3, 6 ^ 3, ~5, ~-1, -big & 0xff, big | 1, big ^ big, -1 & big)
print(True + True, True * 3, True / 2, True // 1, -True, ~True, ~False, +True)
print(True & True, True | False, True ^ True, False & 1, True & 3)
print(type(True & True).__name__, type(True & 1).__name__, type(True + 0).__name__)

t('1/0', lambda: 1 / 0)
t('1//0', lambda: 1 // 0)
t('1%0', lambda: 1 % 0)
t('divmod(1,0)', lambda: divmod(1, 0))
t('big//0', lambda: big // 0)
t('0**-1', lambda: 0 ** -1)
t('1<<-1', lambda: 1 << -1)
t('1>>-1', lambda: 1 >> -1)
t('big/1', lambda: 10 ** 400 / 1)
t('big*1.0', lambda: 10 ** 400 * 1.0)
t('float(big)', lambda: float(10 ** 400))
t('1+"a"', lambda: 1 + "a")
t('"a"+1', lambda: "a" + 1)
t('1@2', lambda: 1 @ 2)

# pow with modulus
print(pow(2, 10), pow(2, 3, 5), pow(3, 4, -5), pow(-3, 3, 5), pow(3, -2, 7), pow(big, big, 1000007))
t('pow(2,-1,4)', lambda: pow(2, -1, 4))
t('pow(2,3,0)', lambda: pow(2, 3, 0))
t('pow(2.0,3,5)', lambda: pow(2.0, 3, 5))

# comparisons, including int/float exactness
print(1 < 2, 2 <= 2, 3 == 3.0, 2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53, big > 1e30, big < 1e31)
print(10 ** 400 > float('inf'), -10 ** 400 < float('-inf'), 1 == float('nan'), 1 != float('nan'))
print(True == 1, False == 0, True == 1.0, True < 2, imax < imax + 1, -big < imin)

# hashing
print(hash(-1), hash(-2), hash(2 ** 61), hash(2 ** 61 - 1), hash(-2 ** 61), hash(2 ** 64 + 1))
print(hash(imin), hash(imax), hash(big), hash(-big), hash(True), hash(False), hash(0))
print(hash(1.5) == hash(3 / 2), hash(2.0) == hash(2), hash(float(2 ** 70)) == hash(2 ** 70))
print(sorted({3, 1, 2 ** 61, 2 ** 70, -5}), {1, 1.0, True})

# conversions
print(int(), int(3.99), int(-3.99), int(-0.5), int(1e20), int(1e300) == 10 ** 300, int(True))
print(int('42'), int('-17'), int(' 12 '), int('+5'), int('1_000'), int('ff', 16), int('1010', 2))
print(int('0x1f', 16), int('0x1f', 0), int('0o17', 0), int('0b101', 0), int('  -0b101  ', 0), int('z', 36))
print(int('0_0', 0), int('00', 0), int('0x_1f', 16), int(b'12'), int(bytearray(b' 7 ')), int('\u0661\u0662'))
print(int('12345678901234567890123'), int('-99999999999999999999', 10), int('1' * 40, 2))
t("int('abc')", lambda: int('abc'))
t("int(' abc ')", lambda: int(' abc '))
t("int('3.9')", lambda: int('3.9'))
t("int('')", lambda: int(''))
t("int('1_')", lambda: int('1_'))
t("int('_1')", lambda: int('_1'))
t("int('1__0')", lambda: int('1__0'))
t("int('010', 0)", lambda: int('010', 0))
t("int('0x', 16)", lambda: int('0x', 16))
t("int('12', 1)", lambda: int('12', 1))
t("int('z', 37)", lambda: int('z', 37))
t("int(12, 10)", lambda: int(12, 10))
t("int(b'abc')", lambda: int(b'abc'))
t("int(None)", lambda: int(None))
t("int([1])", lambda: int([1]))
t("int(inf)", lambda: int(float('inf')))
t("int(nan)", lambda: int(float('nan')))
t("int('1'*5000)", lambda: int('1' * 5000))
t("str(10**5000)", lambda: str(10 ** 5000))
t("int(x=1)", lambda: int(x=1))
print(int('12', base=16), len(str(10 ** 4000)), int('1' * 4300) % 1000)

class WithInt:
    def __int__(self):
        return 7

class WithIndex:
    def __index__(self):
        return 9

class WithTrunc:
    def __trunc__(self):
        return 11

class BadInt:
    def __int__(self):
        return 'x'

print(int(WithInt()), int(WithIndex()), int(WithTrunc()), bin(WithIndex()))
t('int(BadInt())', lambda: int(BadInt()))
print(bool(0), bool(3), bool(-1), bool(big), bool(0.0), bool(''), bool('a'), bool(), bool(None))

# methods
print((255).bit_length(), (-255).bit_length(), (0).bit_length(), big.bit_length(), (-255).bit_count())
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'), (-1).to_bytes(2, 'big', signed=True))
print((5).to_bytes(2, byteorder='little'), (0).to_bytes(0, 'big'), big.to_bytes(13, 'big'))
t('(256).to_bytes(1)', lambda: (256).to_bytes(1, 'big'))
t('(-1).to_bytes(1)', lambda: (-1).to_bytes(1, 'big'))
t("(5).to_bytes(2,'middle')", lambda: (5).to_bytes(2, 'middle'))
print(int.from_bytes(b'\x01\x00', 'big'), int.from_bytes(b'\x01\x00', 'little'), int.from_bytes([1, 2], 'big'))
print(int.from_bytes(b'\xff\xff', 'big', signed=True), int.from_bytes(b'\xff' * 20, 'big'))
print((5).conjugate(), (5).real, (5).imag, (5).numerator, (5).denominator, True.real, True.imag)
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(15, -1), round(25, -1))
print(round(7), round(7, 2), round(True), round(2 ** 100 + 5, -1), type(round(5, 1)).__name__)
print((7).__round__(), (7).__trunc__(), (7).__floor__(), (7).__ceil__(), (7).__index__(), (-7).__abs__())
print((7).__add__(1), (7).__add__(1.0), (7).__radd__(1), (7).__sub__(10), (7).__rsub__(10), (7).__mul__('a'))
print((7).__truediv__(2), (7).__floordiv__(2), (7).__mod__(2), (7).__pow__(2), (7).__pow__(2, 5), (7).__divmod__(2))
print((7).__lt__(8), (7).__eq__(7.0), (7).__eq__('7'), (7).__hash__() == hash(7), (7).__bool__(), (0).__bool__())
print(int.__repr__(True), True.__repr__(), repr(True), str(False), (5).__str__(), (5).__float__())
print(format(True), format(True, ''), format(True, 'd'), format(True, '>5'), format(7, 'b'), format(-7, '#x'))
print(isinstance(True, int), issubclass(bool, int), True is True, (1).__class__.__name__, type(2 ** 70).__name__)

# augmented assignment
n = 10
n += 5
n *= 3
n -= 1
n //= 4
n **= 2
n %= 17
n <<= 3
n |= 1
n ^= 6
n &= 0xff
n >>= 1
print(n)

class MyInt(int):
    pass

m = MyInt(5)
print(m + 1, m * 2, -m, m == 5, hash(m) == hash(5), repr(m), str(m), int(m), type(m + 1).__name__)
print(MyInt('12', 8), MyInt(), isinstance(m, int), m.bit_length(), m.real)
