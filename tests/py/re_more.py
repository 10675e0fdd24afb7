# More re: pickled patterns (CPython's bytes), verbose patterns, multi-line error positions,
# lookbehind, lazy/possessive quantifiers, case-insensitive classes, a larger text.
import pickle
import re

for protocol in (2, 3, 4, 5):
    print(pickle.dumps(re.compile(r"a+\d", re.I | re.M), protocol).hex())
print(pickle.loads(pickle.dumps(re.compile(rb"x", re.A))))

verbose = re.compile(r"""
    (?P<year>\d{4})   # year
    -                 # separator
    (?P<month>\d\d)   # month [not a class]
    (?:\ T            # escaped space
      (?P<hour>\d\d)
    )?
""", re.VERBOSE)
for text in ["2024-05", "on 1999-12 T23 ok", "nope"]:
    m = verbose.search(text)
    print(text, m and m.groupdict(), m and m.lastgroup)

try:
    re.compile("abc\n(def\nghi")
except re.error as e:
    print(e, e.lineno, e.colno)

text = "\n".join("user%d@host%d.example.com, id=%05d; ok" % (i, i % 7, i) for i in range(200))
emails = re.findall(r"([\w.]+)@([\w.]+)", text)
print(len(emails), emails[:3], emails[-1])
print(re.sub(r"id=(\d+)", lambda m: "id=%d" % int(m.group(1)), text)[:80])
print(len(re.split(r"[;,]\s*", text)), re.findall(r"(?m)^user1\d\b", text))
print(re.findall(r"<.*?>", "<a><b>c</b>"), re.findall(r"<.*>", "<a><b>"), re.findall(r"\d++\d", "123"))
print(re.findall(r"(?i)[A-Z]+", "abcXYZ"), re.findall(r"(?i)Σ", "σςΣ"), re.findall(r"(?<=\d{2})x", "12x 1x"))
print(re.match(r"(?P<a>.)(?P<b>.)?", "z").groupdict("missing"), re.match(r"()", "").groups())
print([m.group() for m in re.finditer(r"\b\w", "hello big world")], re.compile(r"\s").split(" a b "))
print(re.fullmatch(r"\d+(\.\d+)?", "3.14").groups(), re.fullmatch(r"\d+", "314\n"), re.match(r"a$", "a\n"))
print(re.search(r"^$", ""), re.findall(r"^", "a\nb", re.M), re.findall(r"$", "a\nb\n", re.M), re.findall(r"$", "a\n"))
# After an empty match the next may not be empty at the same place, but may be non-empty there.
print(re.findall('|a', 'a'), re.findall('a*?', 'aa'), re.sub('|a', '-', 'ab'), re.split('|x', 'axb'))
print(re.findall(r'\b|\w', 'ab'), re.findall(r'(?=a)|a', 'aa'), [m.span() for m in re.finditer(r'x*?|y', 'xy')])
print(re.sub('(?<=a)', '-', 'aaa'), re.sub('$', '!', 'a\n'), re.findall('(a)|', 'ab'))

# ASCII semantics (the ASCII flag, bytes) fold only ASCII letters under IGNORECASE
import re
print(re.match(r'(?ai)\u00e9', '\u00c9'), re.match(r'(?i)\u00e9', '\u00c9'), re.match(rb'(?i)\xe9', b'\xc9'), re.match(rb'(?i)ab', b'AB'))
print(re.match(r'(?ai)k', '\u212a'), re.match(r'(?i)k', '\u212a'), re.findall(r'(?ai)[a-z]+', 'ABc'), re.findall(rb'(?i)x\x41', b'XA xa'))
