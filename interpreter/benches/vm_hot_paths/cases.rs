//! The Python side of the benchmarks: each case defines `run()`, which repeats one operation
//! (1,000 times unless its `ops` says otherwise).

use crate::harness::Case;

pub const DISPATCH: &[Case] = &[
    Case {
        name: "for_range_empty",
        ops: 1000,
        source: "
def run():
    for i in range(1000):
        pass
",
    },
    Case {
        name: "int_while_loop",
        ops: 1000,
        source: "
def run():
    x = 0
    i = 0
    while i < 1000:
        x = x + i
        i = i + 1
    return x
",
    },
    Case {
        name: "int_add_for_range",
        ops: 1000,
        source: "
def run():
    x = 0
    for i in range(1000):
        x = x + i
    return x
",
    },
    Case {
        name: "float_arith",
        ops: 1000,
        source: "
def run():
    x = 0.0
    for i in range(1000):
        x = x * 0.5 + 1.25
    return x
",
    },
    Case {
        name: "local_load_store",
        ops: 1000,
        source: "
def run():
    a = 1
    b = 2
    for i in range(1000):
        c = a
        a = b
        b = c
    return a
",
    },
];

pub const CALLS: &[Case] = &[
    Case {
        // fib(15) makes 1,973 calls.
        name: "fib_recursive",
        ops: 1973,
        source: "
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def run():
    return fib(15)
",
    },
    Case {
        name: "py_call_2_args",
        ops: 1000,
        source: "
def add(a, b):
    return a + b

def run():
    for i in range(1000):
        add(i, 1)
",
    },
    Case {
        name: "closure_call",
        ops: 1000,
        source: "
def make_adder(k):
    def add(x):
        return x + k
    return add

def run():
    add = make_adder(1)
    for i in range(1000):
        add(i)
",
    },
    Case {
        name: "method_call",
        ops: 1000,
        source: "
class C:
    def m(self, x):
        return x

def run():
    obj = C()
    for i in range(1000):
        obj.m(1)
",
    },
    Case {
        name: "keyword_args",
        ops: 1000,
        source: "
def f(a, b=0, c=0):
    return a

def run():
    for i in range(1000):
        f(i, c=1, b=2)
",
    },
    Case {
        name: "builtin_len",
        ops: 1000,
        source: "
def run():
    xs = [1, 2, 3]
    for i in range(1000):
        len(xs)
",
    },
    Case {
        name: "instantiate_with_init",
        ops: 1000,
        source: "
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def run():
    for i in range(1000):
        P(i, 2)
",
    },
];

pub const ATTRIBUTES: &[Case] = &[
    Case {
        name: "instance_get",
        ops: 1000,
        source: "
class C:
    def __init__(self):
        self.x = 1
    def loop(self):
        for i in range(1000):
            y = self.x

def run():
    C().loop()
",
    },
    Case {
        name: "instance_set",
        ops: 1000,
        source: "
class C:
    def __init__(self):
        self.x = 1
    def loop(self):
        for i in range(1000):
            self.x = i

def run():
    C().loop()
",
    },
    Case {
        name: "class_attr_get",
        ops: 1000,
        source: "
class C:
    K = 1
    def loop(self):
        for i in range(1000):
            y = self.K

def run():
    C().loop()
",
    },
    Case {
        name: "property_get",
        ops: 1000,
        source: "
class C:
    def __init__(self):
        self._x = 1
    @property
    def x(self):
        return self._x

def run():
    obj = C()
    for i in range(1000):
        y = obj.x
",
    },
    Case {
        name: "super_method_call",
        ops: 1000,
        source: "
class Base:
    def m(self):
        return 1

class Derived(Base):
    def m(self):
        return 2
    def loop(self):
        for i in range(1000):
            super().m()

def run():
    Derived().loop()
",
    },
];

pub const GLOBALS: &[Case] = &[
    Case {
        name: "module_global",
        ops: 1000,
        source: "
G = 1

def run():
    for i in range(1000):
        y = G
",
    },
    Case {
        name: "builtin_name",
        ops: 1000,
        source: "
def run():
    for i in range(1000):
        y = len
",
    },
    Case {
        // A store that rebinds the global (same keys: the load cache stays valid) then a load.
        name: "rebound_every_iteration",
        ops: 1000,
        source: "
G = 1

def run():
    global G
    for i in range(1000):
        G = i
        y = G
",
    },
    Case {
        // Adding and removing a key invalidates the load caches; the loop's first load refills.
        name: "after_key_added_and_removed",
        ops: 1000,
        source: "
G = 1

def run():
    global T
    T = 1
    del T
    for i in range(1000):
        y = G
",
    },
];

pub const CONTAINERS: &[Case] = &[
    Case {
        name: "list_index_get",
        ops: 1000,
        source: "
XS = list(range(1000))

def run():
    xs = XS
    for i in range(1000):
        y = xs[i]
",
    },
    Case {
        name: "list_index_set",
        ops: 1000,
        source: "
XS = list(range(1000))

def run():
    xs = XS
    for i in range(1000):
        xs[i] = i
",
    },
    Case {
        name: "dict_get_str_key",
        ops: 1000,
        source: "
D = {'alpha': 1, 'beta': 2, 'gamma': 3}

def run():
    d = D
    k = 'beta'
    for i in range(1000):
        y = d[k]
",
    },
    Case {
        name: "dict_set_str_key",
        ops: 1000,
        source: "
D = {'alpha': 1, 'beta': 2, 'gamma': 3}

def run():
    d = D
    k = 'beta'
    for i in range(1000):
        d[k] = i
",
    },
    Case {
        name: "dict_get_int_key",
        ops: 1000,
        source: "
D = {i: i for i in range(1000)}

def run():
    d = D
    for i in range(1000):
        y = d[i]
",
    },
    Case {
        name: "dict_set_int_key",
        ops: 1000,
        source: "
D = {i: i for i in range(1000)}

def run():
    d = D
    for i in range(1000):
        d[i] = i
",
    },
    Case {
        name: "dict_contains",
        ops: 1000,
        source: "
D = {'alpha': 1, 'beta': 2, 'gamma': 3}

def run():
    d = D
    for i in range(1000):
        y = 'gamma' in d
",
    },
    Case {
        name: "tuple_unpack",
        ops: 1000,
        source: "
def run():
    t = (1, 2, 3)
    for i in range(1000):
        a, b, c = t
",
    },
];

pub const STRINGS: &[Case] = &[
    Case {
        name: "concat",
        ops: 1000,
        source: "
def run():
    a = 'hello, '
    b = 'world'
    for i in range(1000):
        s = a + b
",
    },
    Case {
        name: "fstring",
        ops: 1000,
        source: "
def run():
    name = 'gilpy'
    for i in range(1000):
        s = f'{name}: {i} items, {i * 0.5:.2f} each'
",
    },
    Case {
        name: "split_join_replace",
        ops: 1000,
        source: "
def run():
    line = 'alpha,beta,gamma,delta'
    for i in range(1000):
        s = '-'.join(line.split(',')).replace('-', '+')
",
    },
];

pub const EXCEPTIONS: &[Case] = &[
    Case {
        name: "raise_catch",
        ops: 1000,
        source: "
def run():
    for i in range(1000):
        try:
            raise ValueError('bad')
        except ValueError:
            pass
",
    },
    Case {
        name: "raise_in_callee_catch",
        ops: 1000,
        source: "
def fail(i):
    raise KeyError(i)

def run():
    for i in range(1000):
        try:
            fail(i)
        except KeyError as e:
            pass
",
    },
];
