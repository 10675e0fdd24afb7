"""Regenerates the golden files from CPython 3.11 (run by hand; tests only read the output).

    python3 tests/golden/gen.py

errors.cases -> errors.golden: what `python3 x.py` prints to stderr for each source (file mode,
    as gilpy runs scripts).
ast.cases -> ast.golden: CPython's AST of each source in gilpy_grammar::dump's shape, with
    positions (see tests/cpython_ast.py).

Case files hold one source per line, escaped: \\n newline, \\t tab, \\r CR, \\f form feed, \\\\ backslash;
lines starting with '#' and blank lines are skipped.
"""
import os, subprocess, sys, tempfile
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
import cpython_ast  # noqa: E402
import ast  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def unescape(line):
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c == '\\' and i + 1 < len(line):
            n = line[i + 1]
            out.append({'n': '\n', 't': '\t', 'r': '\r', 'f': '\x0c', '\\': '\\'}.get(n, '\\' + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def cases(name):
    for line in open(os.path.join(HERE, name), encoding='utf-8'):
        line = line.rstrip('\n')
        if line and not line.startswith('#'):
            yield line, unescape(line)


def render(src):
    """What `python3 x.py` prints for a file holding `src` (or OK if it compiles)."""
    try:
        compile(src, 'x.py', 'exec')
        return 'OK\n'
    except SyntaxError:
        pass
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'x.py')
        with open(path, 'w', encoding='utf-8', newline='') as f:
            f.write(src)
        p = subprocess.run([sys.executable, '-W', 'ignore', path], capture_output=True, text=True)
        return p.stderr.replace(path, 'x.py')


def main():
    import warnings
    warnings.simplefilter('ignore')
    with open(os.path.join(HERE, 'errors.golden'), 'w', encoding='utf-8') as out:
        for raw, src in cases('errors.cases'):
            out.write('src: ' + raw + '\n' + render(src) + '\n')
    with open(os.path.join(HERE, 'ast.golden'), 'w', encoding='utf-8') as out:
        for raw, src in cases('ast.cases'):
            try:
                ast.parse(src)
            except SyntaxError as e:
                sys.exit('ast.cases: %r: %s' % (raw, e))
            out.write('src: ' + raw + '\n' + cpython_ast.d(ast.parse(src), True) + '\n\n')


if __name__ == '__main__':
    main()
