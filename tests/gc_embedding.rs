//! The cycle collector through the embedding API: each interpreter collects only its own
//! objects, also when one interpreter's thread runs another one in the middle of its own work.

use std::sync::Arc;

use gilpy_interpreter::compile::{compile_source, Mode};
use gilpy_interpreter::object::ObjRef;
use gilpy_interpreter::vm::eval::run_code_in;
use gilpy_interpreter::{Interpreter, Value, Vm};

fn new_globals(vm: &mut Vm) -> ObjRef {
    let module = vm.new_module("__main__");
    let globals = vm.module_dict(&module).expect("module dict");
    let builtins = Value::Obj(vm.interp.builtins.clone());
    vm.dict_set_str_value(&globals, Value::str("__builtins__"), builtins);
    globals
}

fn exec(vm: &mut Vm, globals: &ObjRef, source: &str) {
    let code = compile_source(source, "<test>", Mode::Exec).expect("valid source");
    if let Err(e) = run_code_in(vm, Arc::new(code), globals.clone(), None) {
        panic!("{}", gilpy_interpreter::vm::errors::format_exception(vm, &e));
    }
}

fn eval(vm: &mut Vm, globals: &ObjRef, expr: &str) -> Value {
    let code = compile_source(expr, "<test>", Mode::Eval).expect("valid expression");
    match run_code_in(vm, Arc::new(code), globals.clone(), None) {
        Ok(v) => v,
        Err(e) => panic!("{}", gilpy_interpreter::vm::errors::format_exception(vm, &e)),
    }
}

fn truth(v: Value) -> bool {
    matches!(v, Value::Bool(true))
}

const FIND_MARKER: &str = "any(type(o) is list and len(o) == 2 and o[0] == 'marker' for o in gc.get_objects())";

#[test]
fn nested_interpreters_keep_their_own_objects() {
    let a = Interpreter::builder().build();
    let b = Interpreter::builder().build();
    a.with_vm(|vm_a| {
        let ga = new_globals(vm_a);
        // Made in A, still waiting in this thread's nursery when B starts.
        exec(vm_a, &ga, "import gc\nmarker = ['marker', 'A']\njunk = [1]\njunk.append(junk)\ndel junk");
        b.with_vm(|vm_b| {
            let gb = new_globals(vm_b);
            exec(vm_b, &gb, "import gc\nl = []\nl.append(l)\ndel l\nfound = gc.collect()");
            assert!(!truth(eval(vm_b, &gb, FIND_MARKER)), "B must not track A's objects");
            assert!(truth(eval(vm_b, &gb, "found > 0")), "B collects its own cycle");
        });
        assert!(truth(eval(vm_a, &ga, FIND_MARKER)), "A tracks its objects after B ended");
        assert!(truth(eval(vm_a, &ga, "gc.collect() > 0")), "A collects its own cycle");
    });
}

#[test]
fn objects_stay_tracked_across_with_vm_calls() {
    let interp = Interpreter::builder().build();
    let globals = interp.with_vm(|vm| {
        let g = new_globals(vm);
        exec(vm, &g, "import gc\nclass Node:\n    pass\nn = Node()\nn.me = n\ndel n");
        g
    });
    interp.with_vm(|vm| {
        assert!(truth(eval(vm, &globals, "gc.collect() > 0")), "a cycle made in an earlier with_vm is collected");
        assert!(truth(eval(vm, &globals, "gc.collect() == 0")));
    });
}
