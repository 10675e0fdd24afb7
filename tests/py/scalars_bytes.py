# bytes and bytearray.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

b = b'hello world'
print(b, len(b), b[0], b[-1], b[1:4], b[::-1], b[::2], b[10:], b[-100:2], list(b'ab'), bytes(), bytearray())
print(repr(b'\'"'), repr(b"'"), repr(b'"'), repr(b'\x00\t\n\r\\\x7f\x80\xff'), repr(bytearray(b'x\x00')), str(b'a'))
print(b'a' + b'b', b'a' + bytearray(b'b'), bytearray(b'a') + b'b', b'ab' * 3, 2 * b'x', b'x' * 0, bytearray(b'xy') * 2)
print(b'b' in b'abc', 98 in b'abc', b'' in b'abc', b'ac' in b'abc', 300 if False else 'ok')
print(b'abc' < b'abd', b'a' == 'a', b'a' == bytearray(b'a'), b'abc' == b'abc', b'b' > b'abc', bytearray(b'a') < b'b')
print(hash(b'abc') == hash(b'ab' + b'c'), hash(b'abc') == hash('abc'))
t("b'abc'[5]", lambda: b'abc'[5])
t("bytearray(b'abc')[5]", lambda: bytearray(b'abc')[5])
t("b'abc'['a']", lambda: b'abc'['a'])
t("bytearray(b'a')['a']", lambda: bytearray(b'a')['a'])
t("'a' in b'abc'", lambda: 'a' in b'abc')
t("300 in b'abc'", lambda: 300 in b'abc')
t("b'a' + 'b'", lambda: b'a' + 'b')
t("b'a' + 1", lambda: b'a' + 1)
t("b'a' * 2.0", lambda: b'a' * 2.0)
t("hash(bytearray())", lambda: hash(bytearray(b'a')))

# constructors
print(bytes('abc', 'utf-8'), bytes('é', 'latin-1'), bytes(3), bytes([65, 66, True]), bytes(bytearray(b'x')), bytes(range(3)))
print(bytearray('é', 'utf-8'), bytearray(2), bytearray([1, 2]), bytearray(b'ab'), bytes((x for x in [104, 105])), bytes(b'\xff'))
t("bytes('abc')", lambda: bytes('abc'))
t("bytes(b'a', 'utf-8')", lambda: bytes(b'a', 'utf-8'))
t("bytes(-1)", lambda: bytes(-1))
t("bytes([1, 256])", lambda: bytes([1, 256]))
t("bytes(['a'])", lambda: bytes(['a']))
t("bytes(1.5)", lambda: bytes(1.5))
t("bytearray(1.5)", lambda: bytearray(1.5))
t("bytes(None)", lambda: bytes(None))
t("bytes('é', 'ascii')", lambda: bytes('é', 'ascii'))

class WithBytes:
    def __bytes__(self):
        return b'custom'

print(bytes(WithBytes()))

# decode
print(b'h\xc3\xa9llo'.decode(), b'abc'.decode('ascii'), b'a\xffb'.decode('latin-1'), b'a\xffb'.decode('utf-8', 'replace'))
print(b'a\xffb'.decode('utf-8', 'ignore'), b'a\xffb'.decode('utf-8', 'backslashreplace'), b'x'.decode(encoding='ascii'))
t("b'\\xff'.decode()", lambda: b'\xff'.decode())
t("b'\\xe2\\x82'.decode()", lambda: b'\xe2\x82'.decode())
t("b'\\xe2\\x28\\xa1'.decode()", lambda: b'\xe2\x28\xa1'.decode())
t("b'\\xf0\\x90\\x80A'.decode()", lambda: b'\xf0\x90\x80A'.decode())
t("b'\\xed\\xa0\\x80'.decode()", lambda: b'\xed\xa0\x80'.decode())
t("b'\\xc0\\x80'.decode()", lambda: b'\xc0\x80'.decode())
t("b'ab\\xff'.decode('ascii')", lambda: b'ab\xff'.decode('ascii'))
t("b'abc'.decode('foo')", lambda: b'abc'.decode('foo'))

# hex
print(b'\xde\xad'.hex(), b'\xde\xad'.hex(':'), b'abc'.hex('-', 2), b'abcde'.hex(' ', -2), b''.hex(), bytearray(b'\x01').hex())
print(bytes.fromhex('de ad be ef'), bytearray.fromhex('00ff'), bytes.fromhex(' 01 02 '), bytes.fromhex(''))
t("bytes.fromhex('dex')", lambda: bytes.fromhex('dex'))
t("bytes.fromhex('d')", lambda: bytes.fromhex('d'))
t("bytes.fromhex('01 0 2')", lambda: bytes.fromhex('01 0 2'))

# methods
print(b'x'.join([b'a', bytearray(b'b')]), b''.join([]), b'a b'.split(), b'a,b,,c'.split(b','), b'a,b,,c'.rsplit(b',', 1))
print(b'  a  b  '.split(None, 1), b'  a  b  '.rsplit(None, 1), b'a\nb\r\nc'.splitlines(), b'a\nb\r\n'.splitlines(True))
print(b'  a  '.strip(), b'xax'.strip(b'x'), b'  a  '.lstrip(), b'  a  '.rstrip(), b'abc'.startswith(b'a'), b'abc'.endswith((b'x', b'c')))
print(b'abc'.find(b'c'), b'abc'.find(98), b'abc'.rfind(b'c'), b'abcabc'.rfind(b'b'), b'abc'.index(b'b'), b'abc'.count(b''), b'aaa'.count(b'a'))
print(b'abc'.replace(b'b', b'XX'), b'aaa'.replace(b'a', b'b', 2), b'ab'.replace(b'', b'-'), b'abc'.upper(), b'ABC'.lower())
print(b'hello world'.title(), b'hELLO'.capitalize(), b'aBc'.swapcase(), b'abc'.isalpha(), b''.isalpha(), b'12'.isdigit())
print(b'a1'.isalnum(), b' \t'.isspace(), b'ABC'.isupper(), b'abc'.islower(), b'\x80'.isascii(), b'abc'.partition(b'b'))
print(b'abc'.rpartition(b'x'), b'a'.center(5, b'*'), b'a'.ljust(3), b'a'.rjust(3, b'0'), b'12'.zfill(5), b'-1'.zfill(4))
print(b'abc'.removeprefix(b'a'), b'abc'.removesuffix(b'c'), b'abc'.translate(None, b'b'), b'a\tb'.expandtabs(4))
print(b'abc'.translate(bytes.maketrans(b'abc', b'xyz')), bytearray(b'abc').upper(), bytearray(b'a,b').split(b','))
t("b'x'.join(['a'])", lambda: b'x'.join(['a']))
t("b'abc'.find('b')", lambda: b'abc'.find('b'))
t("b'abc'.find(300)", lambda: b'abc'.find(300))
t("b'abc'.index(b'z')", lambda: b'abc'.index(b'z'))
t("b'a'.split('a')", lambda: b'a'.split('a'))
t("b'abc'.startswith('a')", lambda: b'abc'.startswith('a'))
t("b'a'.split(b'')", lambda: b'a'.split(b''))

# %-formatting
print(b'%s %d' % (b'x', 3), b'%5.1f|%-3s|' % (2.25, b'a'), b'%c%c' % (65, b'B'), b'%r' % 'x', b'%x' % 255, b'%%')
t("b'%s' % 'x'", lambda: b'%s' % 'x')
t("b'%c' % 300", lambda: b'%c' % 300)

# bytearray mutation
ba = bytearray(b'abc')
ba.append(100)
ba.extend(b'ef')
ba.extend([103, 104])
ba[0] = 65
ba[-1] = 72
print(ba, len(ba), ba.pop(), ba.pop(0), ba)
ba.insert(0, 120)
ba.insert(100, 121)
ba.remove(99)
print(ba)
ba[1:3] = b'XYZ'
print(ba)
ba[::2] = b'....'
print(ba)
del ba[0]
del ba[::2]
print(ba, ba.copy(), ba.copy() is ba)
ba.reverse()
print(ba)
ba += b'!!'
ba *= 2
print(ba)
ba.clear()
print(ba, ba == b'', bytearray(b'ab') == b'ab')
t("append(300)", lambda: bytearray().append(300))
t("pop empty", lambda: bytearray().pop())
t("pop(5)", lambda: bytearray(b'a').pop(5))
t("remove(5)", lambda: bytearray(b'a').remove(5))
t("ba[5] = 1", lambda: bytearray(b'a').__setitem__(5, 1))
t("ba[0] = 256", lambda: bytearray(b'a').__setitem__(0, 256))
t("ba.extend('ab')", lambda: bytearray().extend('ab'))

class MyBytes(bytes):
    pass

mb = MyBytes(b'xyz')
print(mb, len(mb), mb[0], mb + b'!', mb == b'xyz', type(mb).__name__, mb.upper(), isinstance(mb, bytes))
