# re.error for bad patterns: CPython's messages and positions (and the ValueError/
# OverflowError cases), plus templates with bad group references.
import re

bad_patterns = [
    "(", "((a)", "(a))", ")", "a)", "[", "[a", "[^", "[]", "[a-", "[z-a]", r"[\d-z]", r"[a-\d]",
    "*", "+a", "?", "a**", "a*+*", "a??+", "x{2}{3}", "^*", "$+", r"\b*", "(?i)*", "a|*", "(*)",
    "a{3,2}", "a{99999999999}", r"\q", r"\e", r"[\q]", r"\xg", r"\x1", r"\u12", r"\U1234", r"\U00110000",
    r"\777", r"[\777]", r"\8", r"[\8]", "(?P<>a)", "(?P<1a>a)", "(?P<a b>a)", "(?P<a>x)(?P<a>y)",
    "(?P<a", "(?P=a)", "(?P<a>x)(?P=b)", "(?P<a>(?P=a))", "(?P=", "(?Px)", "(?<x>a)", "(?x", "(?",
    "(?#unterminated", r"(a)\2", r"\1(a)", r"(a\1)", "(?(1)a|b)", "(?(x)a|b)", "(?(1a)a|b)", "(a)(?(1)a|b|c)",
    "(?(", "(?<=a*)b", "(?<!a|bc)d", "(?<=(a)+)b", "a(?i)", "(?i", "(?i-i:a)", "(?-a:x)", "(?z)",
    "(?i-)", "(?-:a)", "(?a", "(?au)x", "(?L)x", "(?iq:x)", "\\", "a\\", "[a\\", r"(?P<n>a)(?(n)b|c|d)",
    "x\n(", "ab\n cd\n)", "(?x)\n  a\n  (",
]
for pattern in bad_patterns:
    try:
        re.compile(pattern)
        print(repr(pattern), "compiled")
    except re.error as e:
        print(repr(pattern), "re.error", e, "|", e.msg, e.pos, e.lineno, e.colno)
    except (ValueError, OverflowError) as e:
        print(repr(pattern), type(e).__name__, e)

for pattern in [b"(", b"[a", rb"\u1234", rb"(?u)x", b"\\"]:
    try:
        re.compile(pattern)
        print(pattern, "compiled")
    except re.error as e:
        print(pattern, "re.error", e, e.pos)
    except ValueError as e:
        print(pattern, "ValueError", e)

templates = [r"\1", r"\g<1>", r"\g<2>", r"\g<0>", r"\g<name>", r"\g<bad", r"\g<>", r"\g<1x>", r"\g",
             r"\3", r"\99", r"\400", r"\q", r"\&", "\\", r"\g<-1>", r"\01", r"\11"]
for template in templates:
    try:
        print(repr(template), repr(re.sub(r"(?P<name>a)", template, "xa")))
    except re.error as e:
        print(repr(template), "re.error", e)
    except IndexError as e:
        print(repr(template), "IndexError", e)

e = re.error("custom", "pat\ntern", 5)
print(e, e.lineno, e.colno, re.error("plain"), isinstance(e, Exception), re.error.__module__)

# \N{...} named characters
print(re.findall(r"\N{EM DASH}+|[\N{LATIN SMALL LETTER A}]", "a\u2014\u2014b"))
for pattern in [r"\N{NOPE}", r"\N{", r"\N{}", r"\N{ab", r"\NS", r"[\N]"]:
    try:
        re.compile(pattern)
    except re.error as e:
        print(repr(pattern), e)
