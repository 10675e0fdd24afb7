# re against CPython: search/match/fullmatch, groups, findall/finditer/sub/subn/split, flags,
# bytes, positions in characters. Each case prints CPython-comparable output.
import re


def show(m):
    if m is None:
        return "None"
    return "%r %r %r %r %r" % (m.group(0), m.span(), m.groups(), m.lastindex, m.lastgroup)


cases = [
    (r"abc", "xxabcxx"), (r"a.c", "a\nc abc"), (r"(?s)a.c", "a\nc"), (r"^abc$", "abc\n"),
    (r"^abc\Z", "abc\n"), (r"\Aabc", "abc"), (r"colou?r", "color colour"), (r"\d{2,3}", "1 12 1234"),
    (r"x{,2}y", "xxxy"), (r"a{3}", "aaaa"), (r"a{2,}", "aaaaa"), (r"a{,}", "aaa"), (r"{", "a{b"), (r"a{1", "a{1"),
    (r"a{}", "a{}"), (r"(a)(b)(c)", "abc"), (r"(a(b(c)))", "abc"), (r"(a)|(b)", "b"), (r"(a)?(b)", "b"),
    (r"((a)|(b))+", "abba"), (r"(?:ab)+", "ababab"), (r"(a*)+", "b"), (r"(a|ab)(c|bcd)(d*)", "abcd"),
    (r"\bthe\b", "other the then"), (r"\Bhe\B", "the there"), (r"\w+", "  héllo_wörld 42 "),
    (r"\s+", "a \t\n\x0b\x0c\rb"), (r"\S+", "  x  "), (r"\D+", "12ab34"), (r"\W+", "ab, cd"),
    (r"[^a-z]+", "abcDEF123ghi"), (r"[]a]+", "]]aab"), (r"[^]]+", "ab]c"), (r"[a\-z]+", "-a-z-b"),
    (r"[\d\s]+", "x12 34y"), (r"[.]", "a.b"), (r"[\w.-]+@[\w.-]+", "mail: a.b-c@ex-ample.org!"),
    (r"(\w)\1", "abccd"), (r"(?P<c>\w)(?P=c)", "xyzzy"), (r"(?i)hello", "HeLLo"), (r"(?i:he)LLO", "HeLLO heLLO"),
    (r"(?x) a b # comment\n c", "abc"), (r"(?x)[ a]+", "a a"), (r"(?m)^\w", "ab\ncd\n"), (r"(?m)\w$", "ab\ncd\n"),
    (r"a(?=b)", "ac ab"), (r"a(?!b)", "ab ac"), (r"(?<=a)b", "cb ab"), (r"(?<!a)b", "ab cb"), (r"(?>a+)b", "aaab"),
    (r"a++b", "aaab"), (r"a*?b", "aaab"), (r"a+?", "aaa"), (r"(a)(?(1)b|c)", "ab"), (r"(a)?(?(1)b|c)", "c"),
    (r"\x41\u00e9\U0001F40D", "Aé🐍"), (r"\101\0", "A\0"), (r"\n\t", "a\n\tb"), (r"[\b]", "a\bb"),
    (r"é+", "ééé"), (r"🐍.", "x🐍y"), (r"(?#comment)ab", "ab"), (r"a|", "b"), (r"|a", "a"), (r"", "abc"),
    (r"\$\^\.\*", "$^.*"), (r"(?a)\w+", "héllo"), (r"(?u)\w+", "héllo"), (r"[[:alpha:]]", "a:]"),
    (r"\d", "٣"), (r"(?a)\d", "٣3"), (r"(?i)[a-c]+", "ABCabc"), (r"(?i)\u00e9", "É"),
]
for pattern, text in cases:
    p = re.compile(pattern)
    print(repr(pattern), "search", show(p.search(text)), "match", show(p.match(text)),
          "full", show(p.fullmatch(text)))
    print("   findall", p.findall(text), "split", p.split(text), "sub", p.sub("<>", text))
    print("   iter", [m.span() for m in p.finditer(text)], "groups", p.groups, p.groupindex)

# positions and windows
p = re.compile(r"\w+")
print(p.search("héllo wörld", 3), p.search("héllo wörld", 3, 8), p.match("héllo wörld", 6), p.match("abc", 1, 2))
print(p.search("abc", -5, 100), p.search("abc", 2, 1), p.findall("one two three", 4, 11), p.fullmatch("abcd", 1, 3))
print(re.compile("^a").search("ba", 1), re.compile("(?m)^a").search("b\na", 1), re.compile("a$").search("ab", 0, 1))
print(re.compile(r"(?<=b)a").search("ba", 1), re.compile(r"\ba").search("ba", 1))

# match objects
m = re.search(r"(?P<key>\w+)=(?P<value>\w*)(;)?", "x key=  key=val; y")
print(m, m.groups(), m.groups("dflt"), m.groupdict(), m.group("key", 2, 0), m[0], m[1], m["value"])
print(m.start(3), m.end(3), m.span(3), m.start("value"), m.regs, m.expand(r"\g<value>:\1 \g<2>\n"))
print(bool(m), m.lastindex, m.lastgroup, re.match(r"(a)(b)?", "a").lastindex, re.match(r"((a)b)", "ab").lastindex)
print(re.match(r"(a)(b)", "ab").lastindex, re.match(r"(a(b))", "ab").lastindex, re.match(r"(a)()", "a").lastindex)
for bad in [5, "nope", -1, 3.5]:
    try:
        m.group(bad) if bad != -1 else m.group(-1)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)

# sub and friends
print(re.sub(r"(\d+)", lambda m: str(int(m.group(1)) * 2), "a1 b22 c333"))
print(re.sub(r"a", r"\\n", "aa"), re.sub(r"a", "\\n", "aa") == "\n\n", re.sub(r"(a)|b", r"[\1]", "ab"))
print(re.sub(r"(?P<x>a)", r"\g<x>\g<0>\g<1>", "a"), re.sub("a", r"\0\07x", "a") == "\x00\x07x", re.sub("a", r"\&", "a"))
print(re.subn(r"\s+", " ", "a  b \t c"), re.sub("x", "y", "xxx", 0), re.sub("x", "y", "xxx", count=1))
print(re.sub("(?m)$", "!", "a\nb\n"), re.sub(r"\b", "|", "ab cd"), re.sub("a*", "-", "baaac"))
print(re.split(r"(a)|b", "xaybz"), re.split(",", "a,b,c", maxsplit=1), re.split(",", "a,b,c", 5), re.split("x", ""))
print(re.split(r"(?:)", "abc"), re.split(r"\W+", "Words, words, words."), re.split(r"(\W+)", "Words, words."))
print(re.findall(r"(\d)(\w)?", "1a2"), re.findall(r"(?:a|b)+", "abxba"), re.findall(r"\d*", "a12b"))
for bad_repl in [r"\1", r"\g<2>", r"\g<x>", r"\g<-1>", r"\g<a b>", r"\q", r"\g", r"\g<1"]:
    try:
        re.sub(r"(a)", bad_repl, "a")
    except (re.error, IndexError) as e:
        print(repr(bad_repl), type(e).__name__, e)
print(re.sub("a", lambda m: None, "bab"))
try:
    re.sub("a", lambda m: 5, "a")
except TypeError as e:
    print("TypeError", e)

# bytes
print(re.findall(rb"\w+", b"caf\xe9 bar"), re.sub(rb"(\w)", rb"<\1>", b"ab"), re.split(rb",", b"a,b"))
print(re.search(rb"(?i)CAF", b"caf").span(), re.compile(b"x").pattern, re.match(rb".", b"\n"))
for mixed in [(r"a", b"a"), (rb"a", "a")]:
    try:
        re.search(*mixed)
    except TypeError as e:
        print("TypeError", e)
try:
    re.search("a", 5)
except TypeError as e:
    print("TypeError", e)

# flags and objects
print(re.compile("a", re.I | re.M | re.S | re.X), re.compile(b"a", re.A), re.compile("a", re.A).flags)
print(re.I | re.S, re.A, repr(re.NOFLAG), int(re.M), re.I.value, re.compile("(?i)a").flags, re.compile("(?s)(?m)a"))
print(re.compile("x") == re.compile("x"), re.compile("x") is re.compile("x"), re.compile(re.compile("x")))
print(re.escape("a-b.c d\n"), re.escape(b"a.b"), re.purge(), re.compile(r"(a)(?P<n>b)").groupindex)
try:
    re.compile(re.compile("x"), re.I)
except ValueError as e:
    print("ValueError", e)
for bad_flags in [("a", re.L), (b"a", re.U), ("a", re.A | re.U)]:
    try:
        re.compile(*bad_flags)
    except ValueError as e:
        print("ValueError", e)
