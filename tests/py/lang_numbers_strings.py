# Edge cases of int, float, bool and str beyond the scalar tests.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

# int
print(2 ** 64, -2 ** 63, 2 ** 63 - 1 + 1, (2 ** 64) // 3, -(2 ** 64) // 3, (2 ** 64) % -7, -7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(9223372036854775807 + 1, -9223372036854775808 - 1, 3037000500 * 3037000500, -(-9223372036854775808))
print(abs(-9223372036854775808), 9223372036854775807 * -1 - 1, (-9223372036854775808) // -1, (-9223372036854775808) % -1)
print(10 ** 20 // 10 ** 10, 10 ** 20 / 10 ** 10, 2 ** -1, (-2) ** 3, pow(2, 100, 97), pow(3, -1, 7), divmod(-7, 2), divmod(7, -2))
print(int("0x1f", 16), int("0b101", 0), int("0o17", 0), int(" 42 "), int("1_000"), int("-0"), int(True), int(-3.9), int(3.9))
print(0x10, 0o10, 0b10, 1_000_000, 1e3, 1E-3, .5, 5., 1_0.0_1)
print(True + True, True * 3, -True, ~True, True & False, True | False, True ^ True, type(True + 1).__name__, type(True & True).__name__)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 5 << 2, -20 >> 2, 1 << 100, (1 << 100) >> 99)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(1250, -2), round(0.5), round(1.5))
print((255).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "little"), (1023).bit_length(), (-1).bit_length(), (10).bit_count() if hasattr(int, "bit_count") else 2)
print(hex(255), oct(8), bin(-5), hex(-255), format(255, "#x"), format(-1, "b"))
t("int from float inf", lambda: int(float("inf")))
t("int from nan", lambda: int(float("nan")))
t("int base 37", lambda: int("1", 37))
t("int empty", lambda: int(""))
t("leading zero", lambda: eval("012"))

# float
print(0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e-5, 123456789.0, 1e22, 1.5e300 * 1e10, -0.0, 0.0 == -0.0)
print(float("inf"), float("-inf"), float("nan"), float(" 1.5 "), float("1e5"), float("-.5"), float("infinity"), float("NaN"))
nan = float("nan")
print(nan == nan, nan != nan, nan < 1, [nan] == [nan], nan in [nan], 1e308 * 10, -1e308 * 10)
print(3.0.is_integer(), (2.5).as_integer_ratio(), (0.1).hex(), float.fromhex("0x1.8p1"), (1.5).conjugate())
print(7.0 // 2, 7.0 % 2, -7.0 // 2, -7.0 % 2, 7 % -2.0, divmod(7.5, 2), 2.0 ** 0.5, 10 ** -2)
print(int(1e20), float(2 ** 100), 2 ** 100 == float(2 ** 100), 2 ** 53 + 1 == float(2 ** 53 + 1), hash(1.0) == hash(1), hash(0.5))
print(round(1.23456, 3), round(-1.5), round(1e20), str(1e20), repr(1e-7), 1.0e16, 9999999999999998.0)
t("float mod zero", lambda: 1.0 % 0)
t("float div zero", lambda: 1.0 / 0)
t("zero pow neg", lambda: 0.0 ** -1)
t("int pow neg zero", lambda: 0 ** -1)
t("float from huge int", lambda: float(2 ** 2000))
t("float to int overflow", lambda: int(1e400))
t("round nan", lambda: round(nan))

# comparisons across types
print(1 == 1.0, 1 == True, 2 > 1.5, 10 ** 30 > 1e29, 10 ** 400 > 1e308, -10 ** 400 < -1e308, (1, 2) < (1, 3), [1, 2] < [1, 2, 0], "a" < "b" < "c")
print(1 < 2 == 2, (1 < 2) == 2, 0 == False == 0.0, None == False, "1" == 1)

# str
s = "Hello, World"
print(s[::-1], s[-5:], s[:-7], s[100:], s[-100:3], s[::3], s[1:10:-1], s[10:1:-2])
print(s.find("o"), s.rfind("o"), s.find("z"), s.count("l"), s.index("W"), s.startswith(("He", "x")), s.endswith("ld", 0, 12))
print(s.split(", "), "a,b,,c".split(","), "  a  b  ".split(), "a b c".split(None, 1), "a\nb\r\nc".splitlines(), "a-b-c".rsplit("-", 1))
print(s.upper(), s.lower(), s.swapcase(), "hello world".title(), "hello".capitalize(), "ß".upper(), "İ".lower() == "i̇")
print(repr("a'b"), repr('a"b'), repr("a'\"b"), repr("\n\t\\"), repr("\x00\x7f\x80é€😀"), ascii("é€😀"))
print("%5.2f|%-5d|%05d|%x|%o|%e|%s|%r|%c|%%" % (3.14159, 42, 42, 255, 8, 12345.678, "s", "r", 65))
print("{:>8}|{:<8}|{:^8}|{:*^9}|{:+d}|{:,}|{:_}|{:.3e}|{:08.3f}|{:%}".format("r", "l", "c", "s", 5, 1234567, 1234567, 1234.5, 3.14159, 0.25))
print(f"{'nested ' + str(1)!r:>15}", f"{3.14159:.{2}f}", f"{10:#b}", f"{{literal}}", f"{1+1=}", f"{'x'=!s}")
print("abc" * 0, "abc" * -1, "" * 5, "ab" in "cabd", "" in "x", "x".join("abc"), "".join([]), str(), str(b"bytes"), str(None))
print(len("é"), len("😀"), "😀"[0], "éa".encode(), "e\u0301" == "é", chr(0x1F600), ord("€"), "abc" < "abd", "Z" < "a", "é" > "z")
print("  x  ".strip(), "xxaxx".strip("x"), "abc".lstrip("ab"), "abc".removeprefix("a"), "abc".removesuffix("c"), "a\tb".expandtabs(4))
print("%s and %s" % ("a", "b"), "%(k)s" % {"k": "v"}, "%d%%" % 50, "%.1s" % "abc", "%5s|%-5s|" % ("a", "b"))
print("abc".center(9, "*"), "abc".ljust(5, "."), "abc".rjust(5), "42".zfill(5), "-42".zfill(5), "ab".partition("b"), "abab".rpartition("a"))
print("Hello".replace("l", "L"), "aaa".replace("a", "b", 2), "abc".translate(str.maketrans("ab", "xy")), "a1b2".isalnum(), "12".isdigit(), " ".isspace(), "Ab".istitle())
t("str index float", lambda: "abc"[1.0])
t("str mutate", lambda: exec("s = 'a'\ns[0] = 'b'"))
t("str + None", lambda: "a" + None)
t("encode bad", lambda: "a".encode("nope"))
t("format conversion", lambda: "{!x}".format(1))
t("unknown format code", lambda: "{:d}".format("s"))
t("str mul big", lambda: "a" * (2 ** 63))
