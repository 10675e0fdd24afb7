# str methods, indexing, repr and CPython's error messages.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

s = "  Hello, World!  "
w = s.strip()
print(repr(w), repr(s.lstrip()), repr(s.rstrip()), repr('xxhixx'.strip('x')), repr('abcba'.strip('ab')))
print(repr(' \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u2000\u3000x\u3000 '.strip()), repr('x'.strip(None)))
print(w.upper(), w.lower(), w.swapcase(), w.title(), w.capitalize(), w.casefold())
print('hello world'.title(), "they're bill's friends".title(), 'ǆungla'.title(), 'ǆungla'.capitalize(), 'ß'.upper(), 'ß'.title())
print('HELLO wORLD'.capitalize(), 'Straße'.casefold(), 'ΣΑΣ'.lower(), 'ǅ'.swapcase(), 'İ'.lower(), 'ﬁ'.upper())
print(w.replace('l', 'L'), w.replace('l', '', 2), 'aaa'.replace('a', 'b', 0), 'abc'.replace('', '-'), 'abc'.replace('', '-', 2))
print(w.find('o'), w.find('o', 5), w.find('xyz'), w.rfind('o'), w.index('W'), w.rindex('o'), w.find('o', -5), w.find('', 20))
print('ab'.find('', 2), 'ab'.find('', 3), 'abc'.find('c', 1, 2), 'abc'.rfind(''), 'héllo wörld'.find('ö'), 'héllo'.index('l', 3))
print(w.count('l'), 'aaaa'.count('aa'), 'ab'.count(''), 'ab'.count('', 5), 'héllo'.count('l', 3), 'abc'.count('a', -1))
print(w.startswith('Hell'), w.endswith('!'), w.startswith(('a', 'H')), 'abc'.startswith('b', 1), 'abc'.endswith('b', 0, 2))
print('abc'.startswith('', 3), 'abc'.startswith('', 4), 'abc'.endswith(('x', 'c')), 'abc'.startswith('abcd'))
t("'abc'.index('z')", lambda: 'abc'.index('z'))
t("'abc'.rindex('z')", lambda: 'abc'.rindex('z'))
t("'abc'.find(1)", lambda: 'abc'.find(1))
t("'abc'.count(1)", lambda: 'abc'.count(1))
t("'abc'.startswith(1)", lambda: 'abc'.startswith(1))
t("'abc'.endswith((1,))", lambda: 'abc'.endswith((1,)))
t("'abc'.replace(1,'x')", lambda: 'abc'.replace(1, 'x'))
t("'abc'.replace('a',1)", lambda: 'abc'.replace('a', 1))
t("'abc'.strip(1)", lambda: 'abc'.strip(1))
t("'abc'.find('a', 'x')", lambda: 'abc'.find('a', 'x'))

# split / join
print('a,b,,c'.split(','), 'one  two three'.split(), 'k=v=w'.split('=', 1), ' a b '.split(None, 0), 'a b'.split(None, 1))
print('a,b,,c'.split(',', 2), 'a,b,,c'.rsplit(',', 2), '  a  b  c  '.split(), '  a  b  c  '.rsplit(None, 1), ''.split(), ''.split(','))
print('aaa'.rsplit('aa'), 'aaa'.split('aa'), 'a\u3000b\x1cc'.split(), 'x'.split('x'), 'abc'.split(maxsplit=1, sep='b'))
print('-'.join(['x', 'y', 'z']), ''.join(reversed('abc')), ', '.join(str(i) for i in range(4)), '.'.join([]), 'x'.join('abc'))
t("'a'.join([1])", lambda: 'a'.join([1]))
t("'a'.join(['b', 2])", lambda: 'a'.join(['b', 2]))
t("'a'.join(5)", lambda: 'a'.join(5))
t("'abc'.split('')", lambda: 'abc'.split(''))
t("'abc'.split(1)", lambda: 'abc'.split(1))
lines = 'first\nsecond\r\n\nfourth\rfifth\x0bsixth\u2028end'
print(lines.splitlines(), lines.splitlines(True), 'abc\n'.splitlines(), ''.splitlines(), 'x\n\n'.splitlines(keepends=True))
print('path/to/file.txt'.rpartition('/'), 'key: value'.partition(': '), 'abc'.partition('x'), 'abc'.rpartition('x'))
t("'abc'.partition('')", lambda: 'abc'.partition(''))
t("'abc'.partition(1)", lambda: 'abc'.partition(1))

# predicates
print('abc'.isalpha(), '123'.isdigit(), 'abc123'.isalnum(), '   '.isspace(), 'Abc'.islower(), 'ABC'.isupper(), ''.isalpha())
print('²'.isdigit(), '²'.isdecimal(), '½'.isnumeric(), '½'.isdigit(), '٣'.isdecimal(), '一'.isnumeric(), 'é'.isalpha())
print('Hello World'.istitle(), 'Hello world'.istitle(), 'HELLO'.istitle(), ''.istitle(), 'A1 B2'.istitle(), 'ǅa'.istitle())
print('abc1'.islower(), '1'.islower(), 'ABC1'.isupper(), 'ǅ'.isupper(), 'x_1'.isidentifier(), '1x'.isidentifier(), 'ñ'.isidentifier(), ''.isidentifier())
print('abc'.isprintable(), 'a\nb'.isprintable(), ''.isprintable(), '\xa0'.isprintable(), 'é'.isascii(), ''.isascii(), 'a'.isascii())

# padding
print('ab'.center(8, '*'), 'ab'.center(7, '*'), 'abc'.center(6), '7'.zfill(3), '-7'.zfill(4), '+7'.zfill(4), 'abc'.zfill(2))
print('ab'.ljust(5) + '|', 'ab'.rjust(5), 'ab'.ljust(5, '-'), 'abc'.ljust(1), 'é'.center(5, 'ü'))
t("'abc'.center(5, 'ab')", lambda: 'abc'.center(5, 'ab'))
t("'abc'.center(5, 1)", lambda: 'abc'.center(5, 1))
t("'abc'.ljust(2.5)", lambda: 'abc'.ljust(2.5))
print('a\tb\tc'.expandtabs(), 'a\tb'.expandtabs(4), 'ab\n\tc'.expandtabs(3), 'a\tb'.expandtabs(-1), 'a\tb'.expandtabs(tabsize=2))
print('abc'.removeprefix('ab'), 'abc'.removeprefix('x'), 'abc'.removesuffix('bc'), 'abc'.removesuffix(''))

# encode
print('héllo'.encode(), 'héllo'.encode('latin-1'), 'abc'.encode('ascii'), 'é'.encode('ascii', 'ignore'), 'é'.encode('ascii', 'replace'))
print('é€'.encode('ascii', 'backslashreplace'), 'é'.encode('ascii', 'xmlcharrefreplace'), 'x'.encode(encoding='UTF_8'))
t("'é'.encode('ascii')", lambda: 'é'.encode('ascii'))
t("'aéé'.encode('ascii')", lambda: 'aéé'.encode('ascii'))
t("'€'.encode('latin-1')", lambda: '€'.encode('latin-1'))
t("'a'.encode('foo')", lambda: 'a'.encode('foo'))

# translate / maketrans
print('abc'.translate({97: None, 98: 'xx', 99: 100}), 'hello'.translate(str.maketrans('lo', '01')), str.maketrans('ab', 'cd', 'e'))
print(str.maketrans({'a': 1, 98: 'z'}), 'abc'.translate(str.maketrans({'a': 'A'})), 'abc'.translate([]))
t("str.maketrans('ab','c')", lambda: str.maketrans('ab', 'c'))
t("str.maketrans({'ab':1})", lambda: str.maketrans({'ab': 1}))
t("str.maketrans(1)", lambda: str.maketrans(1))
t("'abc'.translate({97: 1.5})", lambda: 'abc'.translate({97: 1.5}))

# indexing and slicing
word = 'Python'
print(word[0], word[-1], word[1:4], word[:2], word[4:], word[-3:], word[::2], word[::-1], word[-2:0:-1], word[5:1:-2])
print(word[10:], word[-100:2], word[2:2], word[::-2], word[1:-1:1], repr(word[6:]), 'héllo'[1], 'héllo'[::-1], 'héllo'[1:3])
t("word[6]", lambda: word[6])
t("word[-7]", lambda: word[-7])
t("word['a']", lambda: word['a'])
t("word[1.5]", lambda: word[1.5])
t("word[::0]", lambda: word[::0])
t("word[2**100]", lambda: word[2 ** 100])
print(word[True], word[2 ** 100:], word[-2 ** 100:2], word[None:None:None])
print(len(word), len(''), len('héllo'), len('日本語'), 'th' in word, 'TH' in word, 'z' not in word, '' in word)
t("1 in 'abc'", lambda: 1 in 'abc')
letters = []
for ch in 'héllo':
    letters.append(ch)
print(letters, list('ab'), [c for c in ''])

# operators
print(word * 2, '=' * 10, 3 * 'ab', 'ab' * 0, 'ab' * -1, 'a' + 'b', 'x' * True)
print('a' < 'b', 'abc' < 'abd', 'Z' < 'a', 'apple' < 'apples', 'é' > 'z', 'abc' == 'abc', 'a' != 'b', 'b' >= 'b')
t("'a' + 1", lambda: 'a' + 1)
t("'a' * 1.5", lambda: 'a' * 1.5)
t("1.5 * 'a'", lambda: 1.5 * 'a')
t("'a' * 'b'", lambda: 'a' * 'b')
t("'a' < 1", lambda: 'a' < 1)
print('a' == 1, 'a' != 1, 'abc'.__len__(), 'abc'.__getitem__(1), 'abc'.__contains__('b'), 'abc'.__add__('d'), 'abc'.__mul__(2))
print('abc'.__eq__('abc'), 'abc'.__lt__(1), 'abc'.__add__(1) if False else 'skip', hash('abc') == hash('ab' + 'c'), str.__len__('xy'))

# repr / str()
print(repr("it's"), repr('say "hi"'), repr('both \' and "'), repr("tab\there"), repr("line\nbreak"), repr("back\\slash"))
print(repr('\x00\x1f\x7f\x80\xa0\xad'), repr('é日本\u200b\U0001f600\U000e0001'), repr('\r'), ascii('é日\U0001f600'))
print(str(123), str(-4.5), str(None), str(True), str([1, 'a']), str('x'), str(), str(b'ab'), str(b'ab', 'ascii'))
print(str(b'\xc3\xa9', 'utf-8'), str(b'\xff', 'utf-8', 'ignore'), str(b'\xff', errors='replace'), str(object='o'), str(bytearray(b'x'), 'ascii'))
t("str(1, 'utf-8')", lambda: str(1, 'utf-8'))
t("str('a', 'utf-8')", lambda: str('a', 'utf-8'))
t("str(b'\\xff', 'utf-8')", lambda: str(b'\xff', 'utf-8'))
t("str(b'a', 'foo')", lambda: str(b'a', 'foo'))

class S(str):
    pass

class R:
    def __repr__(self):
        return 'R()'

v = S('hey')
print(v, repr(v), v.upper(), v + '!', len(v), v[1], v == 'hey', type(v + '!').__name__, str(v), isinstance(v, str))
print(str(R()), repr(R()), '%s %r' % (R(), R()), '{} {!r}'.format(R(), R()), 'x'.join([v, v]), v.split('e'))
