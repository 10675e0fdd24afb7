# format(), str.format, f-strings and %-formatting.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

x = 3.14159265
n = 1234567
name = 'gil'

# format()
print(format(n, ','), format(n, '_'), format(-n, '+,'), format(255, 'x'), format(255, '#X'), format(5, '08b'), format(8, '#o'))
print(format(x, '.2f'), format(x, '10.3e'), format(x, '<10.1f') + '|', format(x, '^10'), format(x, '%'), format(0.5, '.0%'))
print(format(1e100, 'g'), format(1e-5, 'g'), format(123456789.0, 'g'), format(1.0, 'g'), format(2.5, '.0f'), format(3.5, '.0f'))
print(format(name, '>6'), format(name, '<6') + '|', format(name, '^7'), format(name, '*^9'), format(name, '.2'), format(name, 's'))
print(format(True), format(True, 'd'), format(False, '>5'), format(True, '.2f'), format(None), format([1, 2]), format(-0.0, 'z.1f'))
print(format(65, 'c'), format(1234.5678, ',.2f'), format(-42, '05d'), format(42, '=+6'), format(42, ' d'), format(2 ** 70, ','))
print(format(float('inf'), 'f'), format(float('nan'), '>5'), format(1e16, ''), format(1e16, 'n'), format(12, 'n'), format(1.5, 'E'))
print(format(1 + 2j), format(1 + 2j, '.1f'), format(1j, ''), format(1.5 - 2.5j, '>20'))
t("format(1, 's')", lambda: format(1, 's'))
t("format('a', 'd')", lambda: format('a', 'd'))
t("format(1.5, 'd')", lambda: format(1.5, 'd'))
t("format([], 'x')", lambda: format([], 'x'))
t("format(None, 'x')", lambda: format(None, 'x'))
t("format(1, '.2d')", lambda: format(1, '.2d'))
t("format('a', '+')", lambda: format('a', '+'))
t("format('a', '=5')", lambda: format('a', '=5'))
t("format(1, ',_')", lambda: format(1, ',_'))
t("format(1, '10.2.3')", lambda: format(1, '10.2.3'))
t("format(2**100000, 'd')", lambda: len(format(2 ** 100000, 'd')))
t("format(2**100000, 'x')", lambda: len(format(2 ** 100000, 'x')))
t("format(-1, 'c')", lambda: format(-1, 'c'))

class F:
    def __format__(self, spec):
        return 'F<' + spec + '>'

print(format(F(), 'abc'), '{:xyz}'.format(F()), '{0!s:>8}'.format(F()) if False else 'ok', f'{F():q}')

# str.format
print('{} and {}'.format('spam', 'eggs'), '{1} before {0}'.format('a', 'b'), '{name} is {age}'.format(name='Ann', age=30))
print('{0:>5}|{1:<5}|{2:^5}|'.format('r', 'l', 'c'), '{:.3f} {:8.2f} {:d}'.format(2 / 3, -1.5, 99), '{!r} {!s}'.format('q', 'q'))
print('{0[0]} {0[1]} {1[a]} {2.real} {2.imag}'.format([7, 8], {'a': 'A'}, 3), '{0[1]}'.format('abc'), '{[a]}'.format({'a': 2}))
print('{:{}{}}'.format(3, '>', 5), '{0:{a}}'.format(1, a=4), '{{}}'.format(), '{:}'.format(3), '{0!s:>{1}}'.format('a', 3))
print('{:>{w}.{p}f}'.format(3.14159, w=10, p=2), '{0:{1}}'.format('a', '>5'), '{0[1]}'.format({1: 'int', '1': 'str'}))
print('{0[-1]}'.format({-1: 'int', '-1': 'str'}), '{00}'.format(7), '{0[00]}'.format([7]), '{0[ ]}'.format({' ': 2}), '{!a}'.format('é'))
print('{a}{}'.format(1, a=2), '{:%}'.format(0.5), 'x{}y{}z'.format(1, 2), '{0}{0}'.format('ab'), '{}'.format(None), '{.real}'.format(3))
print('{0[}]}'.format({'}': 5}), '{0[{]}'.format({'{': 5}), '{0[:]}'.format({':': 5}), '{0[!]}'.format({'!': 5}), '{:,}'.format(10 ** 10))
print('{x}'.format_map({'x': 1}), '{x[y]}'.format_map({'x': {'y': 2}}), 'plain'.format(1, 2, k=3))

class Default(dict):
    def __missing__(self, key):
        return '<' + key + '>'

print('{a} {b}'.format_map(Default(a=1)))
t("'{}'.format()", lambda: '{}'.format())
t("'{0}{}'.format(1,2)", lambda: '{0}{}'.format(1, 2))
t("'{}{0}'.format(1,2)", lambda: '{}{0}'.format(1, 2))
t("'{x}'.format()", lambda: '{x}'.format())
t("'{0[0]}'.format([])", lambda: '{0[0]}'.format([]))
t("'{0.foo}'.format(1)", lambda: '{0.foo}'.format(1))
t("'{'.format()", lambda: '{'.format())
t("'}'.format()", lambda: '}'.format())
t("'a}b'.format()", lambda: 'a}b'.format())
t("'{0!x}'.format(1)", lambda: '{0!x}'.format(1))
t("'{0:{1}}'.format(1)", lambda: '{0:{1}}'.format(1))
t("'{:d}'.format('a')", lambda: '{:d}'.format('a'))
t("'{0!}'.format(1)", lambda: '{0!}'.format(1))
t("'{0!rr}'.format(1)", lambda: '{0!rr}'.format(1))
t("'{a[}'.format(a=1)", lambda: '{a[}'.format(a=1))
t("'{0]}'.format(1)", lambda: '{0]}'.format(1))
t("'{0.}'.format(1)", lambda: '{0.}'.format(1))
t("'{0..a}'.format(1)", lambda: '{0..a}'.format(1))
t("'{0[]}'.format({})", lambda: '{0[]}'.format({}))
t("'{0[a]b}'.format({'a':1})", lambda: '{0[a]b}'.format({'a': 1}))
t("'{ 0}'.format(1)", lambda: '{ 0}'.format(1))
t("'{-1}'.format(1)", lambda: '{-1}'.format(1))
t("'{:{:{}}}'.format(1,2,3)", lambda: '{:{:{}}}'.format(1, 2, 3))
t("'{0:{{}}'.format(5)", lambda: 'x{0:{{}}'.format(5))
t("'{0:}}'.format(5)", lambda: '{0:}}'.format(5))
t("'{0!r'.format(1)", lambda: '{0!r'.format(1))
t("'{0:'.format(1)", lambda: '{0:'.format(1))
t("'{10000000000000000000000}'", lambda: '{10000000000000000000000}'.format(1))
t("'{0}'.format_map({})", lambda: '{0}'.format_map({}))
t("'{a{b}'.format()", lambda: '{a{b}'.format())

# f-strings
print(f'[{x:>8.3f}]', f'[{x:<8.2f}]', f'[{x:^10.1f}]', f'[{n:,}]', f'[{42:05d}]', f'[{-42:05d}]')
print(f'[{name:>6}]' + f'[{name:<6}]' + f'[{name:^7}]', f'[{name!r}]', f'[{255:x}]', f'[{255:#x}]', f'[{5:b}]')
print(f'[{0.25:%}]', f'[{0.256:.1%}]', f'[{12345.678:e}]', f'[{12345.678:.2e}]', f'[{n:_}]', f'[{7:+d}]', f'[{3:*^9}]')
width, prec = 10, 4
print(f'[{x:{width}.{prec}f}]', f"{'nested'} {1 + 2} {[1, 2][0]} {name.upper()}", f'{{braces}} {x:.0f} {2.5:.0f} {3.5:.0f}')

# %-formatting
print('%s is %d years' % ('Bob', 42), '%r and %s' % ('text', 'text'), '%5.2f|%-8s|%8s|' % (3.14159, 'ab', 'cd'))
print('%x %X %o %e' % (255, 255, 8, 1500.0), '%05d %+d %.3s %%' % (42, 7, 'abcdef'), '%(a)s-%(b)d' % {'a': 'x', 'b': 2})
print('%s' % (1,), '%s' % [1, 2], '%d%%' % 50, '%.1f %.0f %.2f' % (0.05, 0.5, 2.675), '%5.2s|' % 'abc', '%-5d|' % 3)
print('%+05d' % 3, '%#x' % 255, '%#o' % 8, '%g' % 1e-5, '%10.3f|' % 3.14159, '%c' % 65, '%c' % 'é', '%r' % 'a', '%a' % 'é')
print('%s' % None, '%.0f' % 2.5, '%d' % True, '%s' % True, '%*d' % (5, 3), '%.*f' % (2, 3.14159), '%-*d|' % (4, 1))
print('%s' % ((1, 2),), '%d' % 10 ** 30, '%x' % -255, '%i' % 3.7, '%d' % -3.7, '%o' % True, '%e' % True, '%.2f' % 1)
print('abc' % (), 'abc' % {}, 'abc' % [], '%s' % {'a': 1}, '%s %(a)s' % {'a': 1}, '%5c|' % 66, '%.3r' % 'abcdef')
print('%(x)s %(x)r' % {'x': 'v'}, '%(a)5.1f|' % {'a': 2.25}, '%s %s' % ('a', b'b'), '%3s|%-3s|' % ('é', 'ü'), '%u' % 5)
print('%g %g %g %G' % (100000, 1000000, 1.5e-10, 1e-10), '%#g' % 1.0, '%#.3x' % 255, '% d' % 5, '%08.3f' % -3.14159)
t("'%d' % 'a'", lambda: '%d' % 'a')
t("'%d %d' % (1,)", lambda: '%d %d' % (1,))
t("'%d' % (1, 2)", lambda: '%d' % (1, 2))
t("'%s' % ()", lambda: '%s' % ())
t("'%(a)s' % {'b': 1}", lambda: '%(a)s' % {'b': 1})
t("'%(a)s' % 5", lambda: '%(a)s' % 5)
t("'%z' % 1", lambda: '%z' % 1)
t("'%' % ()", lambda: '%' % ())
t("'%c' % 'ab'", lambda: '%c' % 'ab')
t("'%c' % 1.5", lambda: '%c' % 1.5)
t("'%c' % -1", lambda: '%c' % -1)
t("'%x' % 1.5", lambda: '%x' % 1.5)
t("'%f' % 'a'", lambda: '%f' % 'a')
t("'%s %s' % [1, 2]", lambda: '%s %s' % [1, 2])
t("'%5%' % ()", lambda: '%5%' % ())
t("'%5%' % (1,)", lambda: '%5%' % (1,))
t("'%(a)%' % {}", lambda: '%(a)%' % {})
t("'%(a)s %s' % {'a': 1}", lambda: '%(a)s %s' % {'a': 1})
t("'%%' % 5", lambda: '%%' % 5)
t("'abc' % 5", lambda: 'abc' % 5)
t("'%*d' % ('a', 3)", lambda: '%*d' % ('a', 3))
t("'%f' % 10**400", lambda: '%f' % 10 ** 400)
t("'%d' % inf", lambda: '%d' % float('inf'))
t("'%(a' % {}", lambda: '%(a' % {})

class Num:
    def __int__(self):
        return 5
    def __float__(self):
        return 2.5
    def __index__(self):
        return 6

print('%d %x %f %c' % (Num(), Num(), Num(), Num()))
